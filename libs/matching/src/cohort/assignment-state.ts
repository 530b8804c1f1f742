import type { PlaceCosts } from './indexed-instance';

/**
 * The assignment under construction and its dual prices, in typed arrays.
 * u[i] is what newcomer i gains from their key person above leaving them
 * unassigned, v[k] the price of key person k's scarce slots (0 while k has a
 * free slot; with place costs, between the cost of k's last place taken and
 * of the next). Each key person's newcomers form a doubly linked list through
 * the newcomers, so moving one is O(1) and memory is O(people), whatever the
 * capacities.
 */
export class AssignmentState {
  readonly u: Float64Array;
  readonly v: Float64Array;
  /** Per newcomer: key person, or -1. */
  readonly keyPersonOf: Int32Array;
  /** Per newcomer: candidate position of the chosen edge, or -1. */
  readonly candidateOf: Int32Array;
  readonly load: Int32Array;
  /** First newcomer of each key person, then `next` through the others; -1 ends the list. */
  readonly first: Int32Array;
  readonly next: Int32Array;
  private readonly previous: Int32Array;

  constructor(
    newcomerCount: number,
    readonly capacity: Int32Array,
    /** Scaled place costs, or null when places are free. */
    private readonly placeCosts: PlaceCosts | null = null,
  ) {
    const keyPersonCount = capacity.length;
    this.u = new Float64Array(newcomerCount);
    this.v = new Float64Array(keyPersonCount);
    this.keyPersonOf = new Int32Array(newcomerCount).fill(-1);
    this.candidateOf = new Int32Array(newcomerCount).fill(-1);
    this.load = new Int32Array(keyPersonCount);
    this.first = new Int32Array(keyPersonCount).fill(-1);
    this.next = new Int32Array(newcomerCount).fill(-1);
    this.previous = new Int32Array(newcomerCount).fill(-1);
  }

  /**
   * What taking k's next place costs above k's price: c_k(load) − v_k, ≥ 0 by
   * the search's invariant; 0 for a free place at no cost (v_k = 0), ∞ when full.
   */
  slack(k: number): number {
    if (this.load[k] >= this.capacity[k]) return Number.POSITIVE_INFINITY;
    const costs = this.placeCosts;
    return (costs === null ? 0 : costs.cost[costs.start[k] + this.load[k]]) - this.v[k];
  }

  /** Only when k has a free slot and i is unassigned. */
  assign(i: number, k: number, candidate: number): void {
    const head = this.first[k];
    this.next[i] = head;
    this.previous[i] = -1;
    if (head >= 0) this.previous[head] = i;
    this.first[k] = i;
    this.load[k] += 1;
    this.keyPersonOf[i] = k;
    this.candidateOf[i] = candidate;
  }

  unassign(i: number): void {
    const k = this.keyPersonOf[i];
    const before = this.previous[i];
    const after = this.next[i];
    if (before >= 0) this.next[before] = after;
    else this.first[k] = after;
    if (after >= 0) this.previous[after] = before;
    this.load[k] -= 1;
    this.keyPersonOf[i] = -1;
    this.candidateOf[i] = -1;
  }
}
