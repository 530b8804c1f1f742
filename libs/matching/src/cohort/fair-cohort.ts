/**
 * The cohort objective with its two fairness terms (SPEC §5, issue 4), reduced
 * exactly to the plain capacitated assignment that `solveAssignment` solves:
 *
 *   maximise  Σ over chosen pairs (score + waitingBonusPerDay · daysWaited)
 *           − Σ over key persons Σ_{j < taken} loadCost · (load + j)²
 *
 * - The waiting bonus is the same on every edge of a newcomer, so it never
 *   changes whom they are paired with, only who wins a contested place: the
 *   longer someone has waited, the harder it gets to leave them out.
 * - The load cost is convex: the k-th newcomer a key person carries (counting
 *   those they already have) costs loadCost · (k − 1)² more than the first,
 *   so work spreads over key persons unless concentrating it is clearly better.
 *
 * Both reduce exactly to the capacitated assignment that `solveAssignment`
 * solves: the bonus is added to every edge of the newcomer, and the load cost
 * becomes each key person's place costs (loadCost · (load + j)² for the
 * (j+1)-th place of this run), which the solver takes natively — a path may
 * end at a key person's next place at that place's cost (see
 * `augmenting-search.ts`). Exact, not a heuristic; proven by the same LP
 * certificate with a term per place.
 */
import type { AssignmentEdge, AssignmentInstance, AssignmentKeyPerson, AssignmentResult } from './assignment.types';
import { exactSum } from './exact-sum';

export interface CohortNewcomer {
  readonly id: string;
  /** Days waited so far (fractions allowed); the bonus grows with them. */
  readonly waitingDays: number;
}

export interface CohortKeyPerson {
  readonly id: string;
  /** Places still free for this run. */
  readonly freeCapacity: number;
  /** Newcomers already carried (open proposals and matches), which the load cost counts. */
  readonly load: number;
}

export interface CohortProblem {
  readonly newcomers: readonly CohortNewcomer[];
  readonly keyPersons: readonly CohortKeyPerson[];
  /** Feasible pairs with the policy's score in [0, 1]. */
  readonly edges: readonly AssignmentEdge[];
}

export interface FairnessTerms {
  readonly waitingBonusPerDay: number;
  readonly loadCost: number;
}

export interface CohortAssignment {
  readonly newcomer: string;
  readonly keyPerson: string;
  /** The policy's score for the pair, as given. */
  readonly score: number;
  /** What the pair is worth in the objective: score + waiting bonus − this place's load cost. */
  readonly weight: number;
}

export interface CohortSolution {
  /** Ordered by newcomer id. */
  readonly assignments: readonly CohortAssignment[];
  /** The value of the objective above (correctly rounded sum of the weights). */
  readonly objective: number;
  /** The sum of the policy scores of the chosen pairs. */
  readonly totalScore: number;
  readonly matched: number;
  /** Key person id → newcomers given to them by this run. */
  readonly taken: ReadonlyMap<string, number>;
}

/** The instance for a worker to solve, and how to read its answer back. */
export interface ReducedCohort {
  readonly instance: AssignmentInstance;
  decode(result: AssignmentResult): CohortSolution;
}

/** Marginal cost of one more newcomer for a key person already carrying `carried`. */
export const placeCost = (loadCost: number, carried: number): number => loadCost * carried * carried;

export function reduceCohort(problem: CohortProblem, terms: FairnessTerms): ReducedCohort {
  const bonus = new Map(problem.newcomers.map(({ id, waitingDays }) => [id, terms.waitingBonusPerDay * Math.max(0, waitingDays)]));
  const keyPersons: AssignmentKeyPerson[] = problem.keyPersons.map(({ id, freeCapacity, load }) =>
    terms.loadCost > 0
      ? { id, capacity: freeCapacity, placeCosts: Array.from({ length: freeCapacity }, (_, j) => placeCost(terms.loadCost, load + j)) }
      : { id, capacity: freeCapacity });
  const scoreOf = new Map<string, number>();
  const edges: AssignmentEdge[] = problem.edges.map(({ newcomer, keyPerson, score }) => {
    scoreOf.set(`${newcomer}\u0000${keyPerson}`, score);
    return { newcomer, keyPerson, score: score + (bonus.get(newcomer) ?? 0) };
  });
  const costs = new Map(keyPersons.map(({ id, placeCosts }) => [id, placeCosts ?? []]));
  const instance: AssignmentInstance = { newcomers: problem.newcomers.map(({ id }) => ({ id })), keyPersons, edges };

  return {
    instance,
    decode(result: AssignmentResult): CohortSolution {
      const taken = new Map<string, number>();
      // Assignments come in newcomer order; each newcomer of a key person takes its next place.
      const assignments = result.assignments.map(({ newcomer, keyPerson, score: gain }) => {
        const place = taken.get(keyPerson) ?? 0;
        taken.set(keyPerson, place + 1);
        return { newcomer, keyPerson, score: scoreOf.get(`${newcomer}\u0000${keyPerson}`)!, weight: gain - (costs.get(keyPerson)?.[place] ?? 0) };
      });
      return {
        assignments,
        objective: result.objective,
        totalScore: exactSum(assignments.map(({ score }) => score)),
        matched: assignments.length,
        taken,
      };
    },
  };
}
