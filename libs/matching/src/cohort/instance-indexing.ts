/**
 * From an instance as it arrives (SPEC §9 `assign` format, any JSON value)
 * to the solver's indexed view, naming every problem with its JSON path
 * (`edges[3].keyPerson`) in the `{field, rule, message}` shape the HTTP layer
 * turns into problem details. Fields the format does not define are ignored.
 */
import type { FieldViolation } from '@sleutel/domain';
import type { IndexedAssignmentInstance } from './indexed-instance';
import { EdgeViolation, readEdges } from './instance-edges';
import { isRecord, readPeople } from './instance-people';

export interface IndexedWithIds {
  readonly instance: IndexedAssignmentInstance;
  readonly newcomerIds: readonly string[];
  readonly keyPersonIds: readonly string[];
  /** Per edge of `instance`, its position in the input `edges`. */
  readonly inputEdge: Int32Array;
}

export type IndexingResult =
  | { readonly ok: true; readonly indexed: IndexedWithIds }
  | { readonly ok: false; readonly violations: readonly FieldViolation[] };

export function indexAssignmentInstance(input: unknown): IndexingResult {
  if (!isRecord(input)) {
    return { ok: false, violations: [{ field: '$', rule: 'type', message: 'the instance must be an object with newcomers, keyPersons and edges' }] };
  }
  const violations: FieldViolation[] = [];
  const newcomers = readPeople(input.newcomers, 'newcomers', violations);
  const keyPersons = readPeople(input.keyPersons, 'keyPersons', violations, newcomers.ids.length);
  const edgeViolations: EdgeViolation[] = [];
  const edges = readEdges(input.edges, newcomers, keyPersons, edgeViolations);
  // Edge problems in input order (duplicates are found later, in canonical order), each as plain {field, rule, message}.
  edgeViolations.sort((a, b) => a.at - b.at);
  violations.push(...edgeViolations.map(({ field, rule, message }) => ({ field, rule, message })));
  if (violations.length > 0) return { ok: false, violations };
  return {
    ok: true,
    indexed: {
      instance: {
        newcomerCount: newcomers.ids.length,
        capacities: keyPersons.capacities,
        edgeNewcomer: edges.newcomer,
        edgeKeyPerson: edges.keyPerson,
        edgeScore: edges.score,
        placeCosts: keyPersons.placeCosts,
      },
      newcomerIds: newcomers.ids,
      keyPersonIds: keyPersons.ids,
      inputEdge: edges.inputIndex,
    },
  };
}

/** Every problem of the instance; empty when `solveAssignment` will accept it. */
export function validateAssignmentInstance(input: unknown): FieldViolation[] {
  const result = indexAssignmentInstance(input);
  return result.ok ? [] : [...result.violations];
}
