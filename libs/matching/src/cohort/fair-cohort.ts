/**
 * The cohort objective with its two fairness terms (SPEC §5, issue 4), reduced
 * exactly to the plain capacitated assignment that `solveAssignment` solves:
 *
 *   maximise  Σ over chosen pairs (score + waitingBonusPerDay · daysWaited)
 *           − Σ over key persons Σ_{j < taken} loadCost · ((load + j) / capacity)²
 *
 * - The waiting bonus is the same on every edge of a newcomer, so it never
 *   changes whom they are paired with, only who wins a contested place: the
 *   longer someone has waited, the harder it gets to leave them out.
 * - The load cost is convex in how full a key person is: a place costs
 *   loadCost · (share of their capacity already taken)², so the k-th newcomer
 *   costs more than the first and work spreads over key persons, but no place
 *   ever costs more than `loadCost` itself. Balancing costs little quality
 *   (SPEC §5), and with the default (0.05) a free place is left empty only
 *   for a pair worth less than that: a paid key person with twenty places is
 *   filled, not stopped at four. (Until 2026-11-29 the cost was
 *   loadCost · (load + j)², in newcomers rather than shares: the fifth place
 *   cost 0.8 at the default, and runs left newcomers waiting beside free
 *   places.)
 *
 * Both reduce exactly to the capacitated assignment that `solveAssignment`
 * solves: the bonus is added to every edge of the newcomer, and the load cost
 * becomes each key person's place costs, which the solver takes natively — a
 * path may end at a key person's next place at that place's cost (see
 * `augmenting-search.ts`). Exact, not a heuristic; proven by the same LP
 * certificate with a term per place.
 */
import { exactSum } from './exact-sum';
import type { IndexedAssignmentInstance, PlaceCosts } from './indexed-instance';
import { byCodeUnits } from './instance-people';

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
  /** All their places (carried and free): the load cost counts in shares of it. */
  readonly capacity: number;
}

/**
 * Feasible pairs as parallel typed arrays: 16 bytes a pair, where objects with
 * two id strings took ten times that, in every copy (a cohort run against
 * thousands of key persons has hundreds of feasible pairs per newcomer).
 */
export interface CohortEdges {
  /** Index into the problem's `newcomers`. */
  readonly newcomer: Int32Array;
  /** Index into the problem's `keyPersons`. */
  readonly keyPerson: Int32Array;
  /** The policy's score in [0, 1]. */
  readonly score: Float64Array;
}

export interface CohortProblem {
  readonly newcomers: readonly CohortNewcomer[];
  readonly keyPersons: readonly CohortKeyPerson[];
  readonly edges: CohortEdges;
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
  /** The value of the objective above (correctly rounded sum of the chosen gains minus the places' costs). */
  readonly objective: number;
  /** The sum of the policy scores of the chosen pairs. */
  readonly totalScore: number;
  readonly matched: number;
  /** Key person id → newcomers given to them by this run. */
  readonly taken: ReadonlyMap<string, number>;
}

/** The instance for a worker to solve (typed arrays only, cheap to hand to a thread), and how to read its answer back. */
export interface ReducedCohort {
  readonly instance: IndexedAssignmentInstance;
  /** `edgeOf`: per newcomer of `instance`, the chosen edge or −1 (`IndexedAssignmentSolution.edgeOf`). */
  decode(solution: { readonly edgeOf: Int32Array }): CohortSolution;
}

/** Marginal cost of one more newcomer for a key person already carrying `carried` of `capacity` places: at most `loadCost`. */
export const placeCost = (loadCost: number, carried: number, capacity: number): number => (capacity <= 0 ? loadCost : loadCost * (carried / capacity) ** 2);

/** Collects a cohort run's edges, growing its arrays as it goes; `edges()` gives them trimmed. */
export class CohortEdgeList {
  private newcomer = new Int32Array(1024);
  private keyPerson = new Int32Array(1024);
  private score = new Float64Array(1024);
  private count = 0;

  get length(): number {
    return this.count;
  }

  add(newcomer: number, keyPerson: number, score: number): void {
    if (this.count === this.newcomer.length) this.grow();
    this.newcomer[this.count] = newcomer;
    this.keyPerson[this.count] = keyPerson;
    this.score[this.count] = score;
    this.count += 1;
  }

  edges(): CohortEdges {
    return { newcomer: this.newcomer.slice(0, this.count), keyPerson: this.keyPerson.slice(0, this.count), score: this.score.slice(0, this.count) };
  }

  private grow(): void {
    const size = this.newcomer.length * 2;
    const newcomer = new Int32Array(size);
    newcomer.set(this.newcomer);
    const keyPerson = new Int32Array(size);
    keyPerson.set(this.keyPerson);
    const score = new Float64Array(size);
    score.set(this.score);
    [this.newcomer, this.keyPerson, this.score] = [newcomer, keyPerson, score];
  }
}

/**
 * People are numbered in id order (UTF-16 code units) and edges grouped by
 * newcomer in that order, as `solveAssignment` numbers an `assign` instance:
 * every tie the solver breaks then depends on who is in the run, not on the
 * order they were collected in.
 */
export function reduceCohort(problem: CohortProblem, terms: FairnessTerms): ReducedCohort {
  const newcomerIds = problem.newcomers.map(({ id }) => id).sort(byCodeUnits);
  const keyPersonIds = problem.keyPersons.map(({ id }) => id).sort(byCodeUnits);
  const newcomerRank = ranksOf(problem.newcomers, newcomerIds);
  const keyPersonRank = ranksOf(problem.keyPersons, keyPersonIds);
  const newcomerCount = newcomerIds.length;

  // A key person can take at most everyone: places beyond that are never listed, so never used.
  const capacities = new Int32Array(keyPersonIds.length);
  for (const [k, { freeCapacity }] of problem.keyPersons.entries()) capacities[keyPersonRank[k]] = Math.min(Math.max(0, freeCapacity), newcomerCount);
  const placeCosts = terms.loadCost > 0 ? loadCosts(problem.keyPersons, keyPersonRank, capacities, terms.loadCost) : null;

  const bonus = new Float64Array(newcomerCount);
  for (const [i, { waitingDays }] of problem.newcomers.entries()) bonus[newcomerRank[i]] = terms.waitingBonusPerDay * Math.max(0, waitingDays);

  // A counting sort by newcomer rank: each newcomer's edges together, newcomers in id order.
  const { edges } = problem;
  const rowStart = new Int32Array(newcomerCount + 1);
  for (let e = 0; e < edges.newcomer.length; e += 1) rowStart[newcomerRank[edges.newcomer[e]] + 1] += 1;
  for (let i = 0; i < newcomerCount; i += 1) rowStart[i + 1] += rowStart[i];
  const next = rowStart.slice(0, newcomerCount);
  const edgeNewcomer = new Int32Array(edges.newcomer.length);
  const edgeKeyPerson = new Int32Array(edges.newcomer.length);
  const edgeScore = new Float64Array(edges.newcomer.length);
  /** Per edge of the instance, its position in `problem.edges`: the score as given is read back from there. */
  const source = new Int32Array(edges.newcomer.length);
  for (let e = 0; e < edges.newcomer.length; e += 1) {
    const i = newcomerRank[edges.newcomer[e]];
    const c = next[i]++;
    edgeNewcomer[c] = i;
    edgeKeyPerson[c] = keyPersonRank[edges.keyPerson[e]];
    edgeScore[c] = edges.score[e] + bonus[i];
    source[c] = e;
  }
  const instance: IndexedAssignmentInstance = { newcomerCount, capacities, edgeNewcomer, edgeKeyPerson, edgeScore, placeCosts };

  return {
    instance,
    decode({ edgeOf }): CohortSolution {
      const takenAt = new Int32Array(keyPersonIds.length);
      const assignments: CohortAssignment[] = [];
      const objectiveTerms: number[] = [];
      // Newcomers in id order; each newcomer of a key person takes its next place.
      for (let i = 0; i < newcomerCount; i += 1) {
        const e = edgeOf[i];
        if (e < 0) continue;
        const k = edgeKeyPerson[e];
        const cost = placeCosts === null ? 0 : placeCosts.cost[placeCosts.start[k] + takenAt[k]];
        takenAt[k] += 1;
        objectiveTerms.push(edgeScore[e], -cost);
        assignments.push({ newcomer: newcomerIds[i], keyPerson: keyPersonIds[k], score: edges.score[source[e]], weight: edgeScore[e] - cost });
      }
      const taken = new Map<string, number>();
      takenAt.forEach((count, k) => {
        if (count > 0) taken.set(keyPersonIds[k], count);
      });
      return {
        assignments,
        objective: exactSum(objectiveTerms),
        totalScore: exactSum(assignments.map(({ score }) => score)),
        matched: assignments.length,
        taken,
      };
    },
  };
}

/** Per person in the problem's order, their place in id order. */
function ranksOf(people: readonly { readonly id: string }[], sortedIds: readonly string[]): Int32Array {
  const rankOf = new Map(sortedIds.map((id, rank) => [id, rank]));
  if (rankOf.size !== people.length) throw new Error('cohort problem: an id repeats');
  return Int32Array.from(people, ({ id }) => rankOf.get(id)!);
}

/** loadCost · ((load + j) / capacity)² for the (j+1)-th place of this run, as many places as each key person can take. */
function loadCosts(keyPersons: readonly CohortKeyPerson[], rank: Int32Array, capacities: Int32Array, loadCost: number): PlaceCosts {
  const start = new Int32Array(capacities.length + 1);
  for (let k = 0; k < capacities.length; k += 1) start[k + 1] = start[k] + capacities[k];
  const cost = new Float64Array(start[capacities.length]);
  for (const [index, { load, capacity }] of keyPersons.entries()) {
    const k = rank[index];
    for (let j = 0; j < capacities[k]; j += 1) cost[start[k] + j] = placeCost(loadCost, load + j, capacity);
  }
  return { start, cost };
}
