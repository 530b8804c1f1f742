/**
 * Reads the `newcomers` and `keyPersons` of an instance that arrives from
 * outside (a file, a request) and numbers them in id order (UTF-16 code units,
 * never locale order): the numbering, and with it every tie the solver breaks,
 * then depends on who is in the instance, not on how the list was ordered.
 */
import type { FieldViolation } from '@sleutel/domain';
import type { PlaceCosts } from './indexed-instance';

export interface People {
  /** Ids by index, ascending. */
  readonly ids: readonly string[];
  readonly indexOf: ReadonlyMap<string, number>;
  /** Key persons only; 0 for newcomers. Clamped to the number of newcomers, which changes nothing. */
  readonly capacities: Int32Array;
  /** Key persons' optional place costs, by index: null when nobody has any. */
  readonly placeCosts: PlaceCosts | null;
  /** False when the list itself is missing or not an array: edges then cannot be checked against it. */
  readonly listed: boolean;
}

export function readPeople(value: unknown, field: 'newcomers' | 'keyPersons', violations: FieldViolation[], newcomerCount = 0): People {
  if (!Array.isArray(value)) {
    violations.push(value === undefined
      ? { field, rule: 'required', message: `${field} is required (an array, possibly empty)` }
      : { field, rule: 'type', message: `${field} must be an array` });
    return { ids: [], indexOf: new Map(), capacities: new Int32Array(0), placeCosts: null, listed: false };
  }
  const list: readonly unknown[] = value;
  const firstAt = new Map<string, number>();
  const capacityOf = new Map<string, number>();
  const placeCostsOf = new Map<string, readonly number[]>();
  list.forEach((person, at) => {
    const path = `${field}[${at}]`;
    if (!isRecord(person)) {
      violations.push({ field: path, rule: 'type', message: `${path} must be an object with an id` });
      return;
    }
    const id = readId(person.id, `${path}.id`, violations);
    const capacity = field === 'keyPersons' ? readCapacity(person.capacity, `${path}.capacity`, violations) : 0;
    if (id === undefined) return;
    const earlier = firstAt.get(id);
    if (earlier !== undefined) {
      violations.push({ field: `${path}.id`, rule: 'duplicate', message: `${path}.id ${JSON.stringify(id)} repeats ${field}[${earlier}].id` });
      return;
    }
    firstAt.set(id, at);
    capacityOf.set(id, capacity ?? 0);
    if (field === 'keyPersons' && person.placeCosts !== undefined && capacity !== undefined) {
      const costs = readPlaceCosts(person.placeCosts, capacity, `${path}.placeCosts`, violations);
      if (costs !== undefined) placeCostsOf.set(id, costs);
    }
  });
  const ids = [...firstAt.keys()].sort(byCodeUnits);
  const capacities = Int32Array.from(ids, (id) => Math.min(capacityOf.get(id) ?? 0, newcomerCount));
  return { ids, indexOf: new Map(ids.map((id, index) => [id, index])), capacities, placeCosts: indexedPlaceCosts(ids, capacities, placeCostsOf), listed: true };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function readId(value: unknown, path: string, violations: FieldViolation[]): string | undefined {
  if (typeof value === 'string' && value !== '') return value;
  violations.push(value === undefined
    ? { field: path, rule: 'required', message: `${path} is required` }
    : { field: path, rule: 'type', message: `${path} must be a non-empty string` });
  return undefined;
}

/** One cost per place, in score units, ≥ 0 and nondecreasing (convex): the k-th newcomer costs at least as much as the one before. */
function readPlaceCosts(value: unknown, capacity: number, path: string, violations: FieldViolation[]): readonly number[] | undefined {
  if (!Array.isArray(value) || value.some((cost) => typeof cost !== 'number' || !Number.isFinite(cost))) {
    violations.push({ field: path, rule: 'type', message: `${path} must be an array of numbers, one per place` });
  } else if (value.length !== capacity) {
    violations.push({ field: path, rule: 'length', message: `${path} must have one cost per place: ${capacity}, not ${value.length}` });
  } else if (value.some((cost: number, j) => cost < 0 || (j > 0 && cost < value[j - 1]))) {
    violations.push({ field: path, rule: 'convex', message: `${path} must be 0 or more and never fall from one place to the next` });
  } else {
    return value as number[];
  }
  return undefined;
}

/** Costs in index order, as many places as each clamped capacity; key persons without costs get free places. */
function indexedPlaceCosts(ids: readonly string[], capacities: Int32Array, costsOf: ReadonlyMap<string, readonly number[]>): PlaceCosts | null {
  if (costsOf.size === 0) return null;
  const start = new Int32Array(ids.length + 1);
  ids.forEach((_, k) => (start[k + 1] = start[k] + capacities[k]));
  const cost = new Float64Array(start[ids.length]);
  ids.forEach((id, k) => {
    const costs = costsOf.get(id);
    if (costs !== undefined) for (let j = 0; j < capacities[k]; j += 1) cost[start[k] + j] = costs[j];
  });
  return { start, cost };
}

function readCapacity(value: unknown, path: string, violations: FieldViolation[]): number | undefined {
  if (value === undefined) {
    violations.push({ field: path, rule: 'required', message: `${path} is required` });
  } else if (typeof value !== 'number' || !Number.isFinite(value)) {
    violations.push({ field: path, rule: 'type', message: `${path} must be a number` });
  } else if (!Number.isSafeInteger(value)) {
    violations.push({ field: path, rule: 'integer', message: `${path} must be a whole number, not ${value}` });
  } else if (value < 0) {
    violations.push({ field: path, rule: 'range', message: `${path} must be 0 or more, not ${value}` });
  } else {
    return value;
  }
  return undefined;
}
