/**
 * The cohort solver's public entry: an instance with ids in, the exactly
 * optimal assignment out (SPEC §5 cohort mode, §9 `assign`).
 *
 * - Exact: maximum total score; optimality is proven by LP duality on every
 *   edge, in integers (`solve-indexed.ts`, `dual-certificate.ts`).
 * - Scores: any finite number. An edge scoring ≤ 0 is never assigned (it
 *   cannot raise the total; the newcomer stays unassigned instead); scores are
 *   compared at a resolution of 2⁻⁵¹ of the largest power of two above the
 *   best score (`score-scale.ts`), which keeps the scorer's 2⁻⁴⁰ grid exact.
 * - Deterministic: people are numbered in id order and the search breaks ties
 *   by those numbers, so the result depends only on the instance's content —
 *   reordering any of its lists gives the identical output.
 */
import { DomainError, FieldViolation } from '@sleutel/domain';
import type { Assignment, AssignmentInstance, AssignmentResult } from './assignment.types';
import { exactSum } from './exact-sum';
import type { IndexedAssignmentSolution } from './indexed-instance';
import { indexAssignmentInstance, IndexedWithIds } from './instance-indexing';
import { IndexedSolveOptions, solveIndexedAssignment } from './solve-indexed';

export const INVALID_ASSIGNMENT_INSTANCE = 'ASSIGNMENT.INVALID_INSTANCE';

export class InvalidAssignmentInstanceError extends DomainError {
  constructor(violations: readonly FieldViolation[]) {
    super(INVALID_ASSIGNMENT_INSTANCE, 'invalid', `the assignment instance has ${violations.length} problem(s): ${violations[0]?.message ?? ''}`, violations);
    this.name = 'InvalidAssignmentInstanceError';
  }
}

export function solveAssignment(instance: AssignmentInstance, options: IndexedSolveOptions = {}): AssignmentResult {
  const result = indexAssignmentInstance(instance);
  if (!result.ok) throw new InvalidAssignmentInstanceError(result.violations);
  const { indexed } = result;
  const solution = solveIndexedAssignment(indexed.instance, options);
  const assignments: Assignment[] = [];
  for (let i = 0; i < solution.edgeOf.length; i += 1) {
    const e = solution.edgeOf[i];
    if (e < 0) continue;
    const { newcomer, keyPerson, score } = instance.edges[indexed.inputEdge[e]];
    assignments.push({ newcomer, keyPerson, score });
  }
  return { assignments, objective: exactSum([...assignments.map(({ score }) => score), ...placeCostsTaken(indexed, solution)]), matched: assignments.length };
}

/** The costs of the places taken, negated, for the objective's one correctly rounded sum. */
function placeCostsTaken(indexed: IndexedWithIds, solution: IndexedAssignmentSolution): number[] {
  const costs = indexed.instance.placeCosts;
  if (costs === null || costs === undefined) return [];
  const taken = new Int32Array(indexed.keyPersonIds.length);
  for (let i = 0; i < solution.edgeOf.length; i += 1) {
    const e = solution.edgeOf[i];
    if (e >= 0) taken[indexed.instance.edgeKeyPerson[e]] += 1;
  }
  const negated: number[] = [];
  taken.forEach((count, k) => {
    for (let j = 0; j < count; j += 1) negated.push(-costs.cost[costs.start[k] + j]);
  });
  return negated;
}
