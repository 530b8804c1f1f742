/**
 * The solver's own view of an instance: people are array positions, edges are
 * parallel typed arrays. `solveAssignment` builds it from ids (in id order, so
 * input order never matters); a caller that already holds indices — a bench,
 * a cohort worker — can hand it over directly and skip the id lookups.
 *
 * Any edge order gives the same result; edges grouped by newcomer in index
 * order are read as they stand, others are first sorted (a copy).
 *
 * Preconditions (checked by `indexAssignmentInstance`, not again here):
 * indices in range, capacities whole and ≥ 0 (a capacity above the number of
 * newcomers may be stored as that number), scores finite. Duplicate edges
 * would do no harm: the newcomer still takes at most one of them.
 */
export interface IndexedAssignmentInstance {
  readonly newcomerCount: number;
  /** One entry per key person. */
  readonly capacities: Int32Array;
  readonly edgeNewcomer: Int32Array;
  readonly edgeKeyPerson: Int32Array;
  readonly edgeScore: Float64Array;
  /**
   * Optional convex place costs (a cohort run's load cost): key person k's
   * (j+1)-th place costs cost[start[k] + j], in score units, nondecreasing in
   * j and ≥ 0; only listed places can be used. The objective is then the total
   * score minus the cost of every place taken. Null or absent: places are free.
   */
  readonly placeCosts?: PlaceCosts | null;
}

export interface PlaceCosts {
  /** One more entry than key persons: key person k's costs are cost[start[k] .. start[k + 1] - 1]. */
  readonly start: Int32Array;
  readonly cost: Float64Array;
}

export interface IndexedAssignmentSolution {
  /** Per newcomer, the index of the chosen edge in the instance's edge arrays, or -1. */
  readonly edgeOf: Int32Array;
  readonly matched: number;
  /** Solves of the candidate graph until the dual certificate held on every edge (1 = first try). */
  readonly rounds: number;
  /** Edges in the candidate graph of the last round. */
  readonly candidateEdges: number;
  /**
   * The optimality certificate, in the solver's integer units (score · 2^scaleExponent):
   * u per newcomer, v per key person, with u_i + v_k ≥ w_ik on every edge and
   * Σ w of the chosen edges = Σ u + Σ usableCapacity · v. v_k is also the price
   * of key person k's last slot: about what one more slot would add to the total.
   * With place costs c_kj: v_k lies between the cost of k's last place taken and
   * of the next, and Σ w − Σ c of the places taken = Σ u + Σ_kj max(0, v_k − c_kj).
   */
  readonly newcomerPrice: Float64Array;
  readonly keyPersonPrice: Float64Array;
  /**
   * min(capacity, newcomers, places costing less than the best score): the
   * capacity the LP and the certificate use (the same optimum — a place that
   * costs more than any newcomer brings is never worth taking).
   */
  readonly usableCapacity: Int32Array;
  readonly scaleExponent: number;
}

/**
 * The first way `instance` breaks the preconditions above, or undefined. For
 * an instance that crossed a boundary (a worker thread's message) rather than
 * one `indexAssignmentInstance` built: O(edges), no copies.
 */
export function indexedInstanceProblem(instance: IndexedAssignmentInstance): string | undefined {
  const { newcomerCount, capacities, edgeNewcomer, edgeKeyPerson, edgeScore, placeCosts } = instance;
  if (!Number.isInteger(newcomerCount) || newcomerCount < 0) return `newcomerCount ${newcomerCount} is not a count`;
  if (edgeKeyPerson.length !== edgeNewcomer.length || edgeScore.length !== edgeNewcomer.length) return 'the edge arrays differ in length';
  for (let k = 0; k < capacities.length; k += 1) {
    if (capacities[k] < 0) return `key person ${k} has a negative capacity`;
  }
  for (let e = 0; e < edgeNewcomer.length; e += 1) {
    if (edgeNewcomer[e] < 0 || edgeNewcomer[e] >= newcomerCount) return `edge ${e} names newcomer ${edgeNewcomer[e]} of ${newcomerCount}`;
    if (edgeKeyPerson[e] < 0 || edgeKeyPerson[e] >= capacities.length) return `edge ${e} names key person ${edgeKeyPerson[e]} of ${capacities.length}`;
    if (!Number.isFinite(edgeScore[e])) return `edge ${e} has a score that is not a finite number`;
  }
  if (placeCosts) {
    const { start, cost } = placeCosts;
    if (start.length !== capacities.length + 1 || start[0] !== 0 || start[capacities.length] !== cost.length) return 'the place costs do not line up with the key persons';
    for (let k = 0; k < capacities.length; k += 1) {
      if (start[k + 1] < start[k]) return `key person ${k}'s place costs run backwards`;
      for (let c = start[k]; c < start[k + 1]; c += 1) {
        if (!(cost[c] >= 0) || !Number.isFinite(cost[c]) || (c > start[k] && cost[c] < cost[c - 1])) return `key person ${k}'s place costs are not finite, ≥ 0 and nondecreasing`;
      }
    }
  }
  return undefined;
}
