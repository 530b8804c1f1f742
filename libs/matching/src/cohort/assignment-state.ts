/**
 * The assignment under construction and its dual prices, in typed arrays.
 * u[i] is what newcomer i gains from their key person above leaving them
 * unassigned, v[k] the price of key person k's scarce slots (0 while k has a
 * free slot). Each key person's newcomers form a doubly linked list through
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
