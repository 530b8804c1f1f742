/**
 * Reads the `edges` of an instance from outside and puts them in the
 * solver's canonical order (by newcomer index, then key-person index) with
 * two stable counting sorts — which also puts a repeated edge right after
 * its first occurrence, so duplicates cost one comparison each to find.
 */
import type { FieldViolation } from '@sleutel/domain';
import { isRecord, People } from './instance-people';

export interface CanonicalEdges {
  readonly newcomer: Int32Array;
  readonly keyPerson: Int32Array;
  readonly score: Float64Array;
  /** Where each canonical edge was in the input `edges`. */
  readonly inputIndex: Int32Array;
}

/** Edge problems with their position, so they can be reported in input order. */
export interface EdgeViolation extends FieldViolation {
  readonly at: number;
}

export function readEdges(value: unknown, newcomers: People, keyPersons: People, violations: EdgeViolation[]): CanonicalEdges {
  const empty = { newcomer: new Int32Array(0), keyPerson: new Int32Array(0), score: new Float64Array(0), inputIndex: new Int32Array(0) };
  if (!Array.isArray(value)) {
    violations.push(value === undefined
      ? { at: -1, field: 'edges', rule: 'required', message: 'edges is required (an array, possibly empty)' }
      : { at: -1, field: 'edges', rule: 'type', message: 'edges must be an array' });
    return empty;
  }
  const list: readonly unknown[] = value;
  const newcomer = new Int32Array(list.length);
  const keyPerson = new Int32Array(list.length);
  const score = new Float64Array(list.length);
  const valid = new Int32Array(list.length);
  let validCount = 0;
  // Edges usually come newcomer by newcomer: the previous lookup often answers the next one.
  let lastNewcomerId: unknown;
  let lastNewcomer = -1;
  for (let at = 0; at < list.length; at += 1) {
    const edge = list[at];
    if (!isRecord(edge)) {
      violations.push({ at, field: `edges[${at}]`, rule: 'type', message: `edges[${at}] must be an object with newcomer, keyPerson and score` });
      continue;
    }
    const newcomerId = edge.newcomer;
    if (newcomerId !== lastNewcomerId || lastNewcomer < 0) {
      lastNewcomerId = newcomerId;
      lastNewcomer = personIndex(newcomerId, newcomers, at, 'newcomer', violations);
    }
    newcomer[at] = lastNewcomer;
    keyPerson[at] = personIndex(edge.keyPerson, keyPersons, at, 'keyPerson', violations);
    const edgeScore = edge.score;
    if (typeof edgeScore === 'number' && Number.isFinite(edgeScore)) score[at] = edgeScore;
    else scoreViolation(edgeScore, at, violations);
    if (newcomer[at] >= 0 && keyPerson[at] >= 0 && Number.isFinite(edgeScore)) valid[validCount++] = at;
  }
  // Duplicates are looked for among the edges that are otherwise fine, so that every problem is named at once.
  const canonical = canonicalOrder(newcomer, keyPerson, score, valid.subarray(0, validCount), newcomers.ids.length, keyPersons.ids.length);
  const duplicatesBefore = violations.length;
  reportDuplicates(canonical, newcomers, keyPersons, violations);
  return validCount === list.length && violations.length === duplicatesBefore ? canonical : empty;
}

function personIndex(value: unknown, people: People, at: number, side: 'newcomer' | 'keyPerson', violations: EdgeViolation[]): number {
  const index = typeof value === 'string' ? people.indexOf.get(value) : undefined;
  if (index !== undefined) return index;
  // The path is only spelt out for a problem: building it for every edge would cost more than the lookup.
  const field = `edges[${at}].${side}`;
  if (typeof value !== 'string' || value === '') {
    violations.push(value === undefined
      ? { at, field, rule: 'required', message: `${field} is required` }
      : { at, field, rule: 'type', message: `${field} must be a non-empty string (an id)` });
  } else if (people.listed) {
    // When the list itself is broken its own violation says so; naming every edge again would drown it.
    const list = side === 'newcomer' ? 'newcomers' : 'keyPersons';
    violations.push({ at, field, rule: 'unknown', message: `${field} ${JSON.stringify(value)} is not the id of any of ${list}` });
  }
  return -1;
}

function scoreViolation(value: unknown, at: number, violations: EdgeViolation[]): void {
  const field = `edges[${at}].score`;
  violations.push(value === undefined
    ? { at, field, rule: 'required', message: `${field} is required` }
    : { at, field, rule: 'finite', message: `${field} must be a finite number${typeof value === 'number' ? `, not ${value}` : ''}` });
}

function canonicalOrder(
  newcomer: Int32Array, keyPerson: Int32Array, score: Float64Array, valid: Int32Array, newcomerCount: number, keyPersonCount: number,
): CanonicalEdges {
  const byKeyPerson = countingSort(keyPerson, keyPersonCount, valid);
  const order = countingSort(newcomer, newcomerCount, byKeyPerson);
  const canonical = {
    newcomer: new Int32Array(order.length),
    keyPerson: new Int32Array(order.length),
    score: new Float64Array(order.length),
    inputIndex: order,
  };
  for (let c = 0; c < order.length; c += 1) {
    const e = order[c];
    canonical.newcomer[c] = newcomer[e];
    canonical.keyPerson[c] = keyPerson[e];
    canonical.score[c] = score[e];
  }
  return canonical;
}

/** `items` stably sorted by key[item]. */
function countingSort(key: Int32Array, keyCount: number, items: Int32Array): Int32Array {
  const next = new Int32Array(keyCount + 1);
  for (let s = 0; s < items.length; s += 1) next[key[items[s]] + 1] += 1;
  for (let k = 0; k < keyCount; k += 1) next[k + 1] += next[k];
  const sorted = new Int32Array(items.length);
  for (let s = 0; s < items.length; s += 1) sorted[next[key[items[s]]]++] = items[s];
  return sorted;
}

function reportDuplicates(edges: CanonicalEdges, newcomers: People, keyPersons: People, violations: EdgeViolation[]): void {
  let first = 0;
  for (let c = 1; c < edges.newcomer.length; c += 1) {
    if (edges.newcomer[c] !== edges.newcomer[first] || edges.keyPerson[c] !== edges.keyPerson[first]) {
      first = c;
      continue;
    }
    const at = edges.inputIndex[c];
    const pair = `${JSON.stringify(newcomers.ids[edges.newcomer[c]])} → ${JSON.stringify(keyPersons.ids[edges.keyPerson[c]])}`;
    violations.push({ at, field: `edges[${at}]`, rule: 'duplicate', message: `edges[${at}] repeats edges[${edges.inputIndex[first]}] (${pair})` });
  }
}
