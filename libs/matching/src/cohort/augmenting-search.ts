/**
 * One step of the Hungarian method for b-matching, with Dijkstra on sparse
 * edges: newcomer `root` joins an assignment that is already optimal for the
 * newcomers placed so far (by the opening bids or earlier searches), along
 * the shortest augmenting path in reduced costs u_i + v_k − w_ik ≥ 0, and the
 * duals move so that the result is optimal again.
 *
 * A path ends at a key person's next place, or at a newcomer who is left
 * unassigned (their gain u_i becomes 0) — that is how maximum weight, not
 * maximum cardinality, comes out: an augmentation that would lower the total
 * is never taken, because leaving someone out is always on offer at cost u_i.
 * Ending at k's next place costs its slack c_k(load) − v_k on top of k's
 * distance: 0 for a free place at no cost, so the path ends as soon as such a
 * key person is reached; with convex place costs it is one more candidate end,
 * like leaving someone out, and the search goes on while anything is nearer.
 *
 * Tie-break: the search settles key persons in (distance, index) order and
 * stops at the first terminal; a newcomer left out wins a tie against a longer
 * path (so an edge that adds nothing is not taken). Indices are in id order.
 */
import type { AssignmentState } from './assignment-state';
import type { CandidateGraph } from './candidate-graph';
import { KeyPersonHeap } from './key-person-heap';

export class AugmentingSearch {
  private readonly distance: Float64Array;
  private readonly heap: KeyPersonHeap;
  /**
   * A stamp marks "reached in this search" without clearing arrays between
   * searches; a settled key person's distance becomes −∞, so one comparison
   * skips it (its true distance is kept in `settledDistance`).
   */
  private readonly reachedIn: Int32Array;
  private stamp = 0;
  /** The newcomer whose edge gave a key person its distance, and that edge's candidate position. */
  private readonly predecessor: Int32Array;
  private readonly predecessorEdge: Int32Array;
  private readonly settledKeyPersons: Int32Array;
  private readonly settledDistance: Float64Array;
  private settledKeyPersonCount = 0;
  private readonly settledNewcomers: Int32Array;
  private readonly newcomerDistance: Float64Array;
  private settledNewcomerCount = 0;

  constructor(
    private readonly graph: CandidateGraph,
    private readonly state: AssignmentState,
  ) {
    const keyPersonCount = state.v.length;
    const newcomerCount = state.u.length;
    this.distance = new Float64Array(keyPersonCount);
    this.heap = new KeyPersonHeap(keyPersonCount);
    this.reachedIn = new Int32Array(keyPersonCount);
    this.predecessor = new Int32Array(keyPersonCount);
    this.predecessorEdge = new Int32Array(keyPersonCount);
    this.settledKeyPersons = new Int32Array(keyPersonCount);
    this.settledDistance = new Float64Array(keyPersonCount);
    this.settledNewcomers = new Int32Array(newcomerCount);
    this.newcomerDistance = new Float64Array(newcomerCount);
  }

  /** Adds `root` (unassigned, never seen before) to the assignment. */
  add(root: number): void {
    if (this.startCheaply(root)) return;
    this.stamp += 1;
    this.settledKeyPersonCount = 0;
    this.settledNewcomerCount = 0;
    const { state, heap, distance } = this;
    const { first, next, u } = state;

    let bestLeftOut = u[root];
    this.settleNewcomer(root, 0, bestLeftOut);
    let leftOut = root;
    // The cheapest end at a key person's next place found so far: k's distance plus the place's slack.
    let bestPlace = Number.POSITIVE_INFINITY;
    let placeKeyPerson = -1;
    while (heap.size > 0) {
      const dk = heap.peekDistance();
      if (Math.min(bestLeftOut, bestPlace) <= dk) break;
      const k = heap.pop();
      distance[k] = Number.NEGATIVE_INFINITY;
      this.settledDistance[this.settledKeyPersonCount] = dk;
      this.settledKeyPersons[this.settledKeyPersonCount++] = k;
      const slack = state.slack(k);
      if (dk + slack < bestPlace) {
        bestPlace = dk + slack;
        placeKeyPerson = k;
        // Nothing unsettled is nearer than dk: a place at no extra cost ends the search.
        if (slack === 0) break;
      }
      for (let i = first[k]; i >= 0; i = next[i]) {
        if (dk + u[i] < bestLeftOut) {
          bestLeftOut = dk + u[i];
          leftOut = i;
        }
        this.settleNewcomer(i, dk, Math.min(bestLeftOut, bestPlace));
      }
    }
    heap.clear();
    // A tie goes to leaving someone out: an edge that adds nothing is not taken.
    const endsAtPlace = placeKeyPerson >= 0 && bestPlace < bestLeftOut;
    this.updateDuals(endsAtPlace ? bestPlace : bestLeftOut);
    if (endsAtPlace) this.augment(root, placeKeyPerson);
    else if (leftOut !== root) {
      const k = state.keyPersonOf[leftOut];
      state.unassign(leftOut);
      this.augment(root, k);
    }
  }

  /**
   * Sets u[root] to its best gain over the current prices (dual feasibility);
   * when that best edge leads to a place free at its price (slack 0) the path
   * is one edge long and no search is needed — most newcomers, early on. True
   * when `root` is done.
   */
  private startCheaply(root: number): boolean {
    const { start, keyPerson, weight } = this.graph;
    const { state } = this;
    const { u, v } = state;
    let best = 0;
    let bestFree = -1;
    for (let c = start[root]; c < start[root + 1]; c += 1) {
      const k = keyPerson[c];
      const gain = weight[c] - v[k];
      const free = state.slack(k) === 0;
      if (gain > best) {
        best = gain;
        bestFree = free ? c : -1;
      } else if (gain === best && free && (bestFree < 0 || k < keyPerson[bestFree])) {
        bestFree = c;
      }
    }
    u[root] = best;
    // Nothing to gain: the newcomer stays unassigned (the tie rule above).
    if (best === 0) return true;
    if (bestFree < 0) return false;
    this.state.assign(root, keyPerson[bestFree], bestFree);
    return true;
  }

  /**
   * Settles newcomer i at distance di and relaxes their edges. A key person at
   * `bound` or beyond is not even recorded: leaving someone out already costs
   * no more, and the bound only falls, so the search would never settle it —
   * on the dense instances this skips most heap insertions.
   */
  private settleNewcomer(i: number, di: number, bound: number): void {
    this.settledNewcomers[this.settledNewcomerCount++] = i;
    this.newcomerDistance[i] = di;
    const { start, keyPerson, weight } = this.graph;
    const { u, v } = this.state;
    const { distance, reachedIn, stamp, heap, predecessor, predecessorEdge } = this;
    const base = di + u[i];
    const end = start[i + 1];
    for (let c = start[i]; c < end; c += 1) {
      const k = keyPerson[c];
      const dk = base + v[k] - weight[c];
      if (dk >= bound || (reachedIn[k] === stamp && !(dk < distance[k]))) continue;
      reachedIn[k] = stamp;
      distance[k] = dk;
      predecessor[k] = i;
      predecessorEdge[k] = c;
      heap.update(k, dk);
    }
  }

  /** Johnson's update: settled nodes move by δ − d, which keeps every reduced cost ≥ 0 and makes the path tight. */
  private updateDuals(delta: number): void {
    const { u, v } = this.state;
    for (let s = 0; s < this.settledKeyPersonCount; s += 1) {
      v[this.settledKeyPersons[s]] += delta - this.settledDistance[s];
    }
    for (let s = 0; s < this.settledNewcomerCount; s += 1) {
      const i = this.settledNewcomers[s];
      u[i] -= delta - this.newcomerDistance[i];
    }
  }

  /** Shifts each newcomer on the path back to the key person that reached them, from `k` (which has a free slot) to the root. */
  private augment(root: number, freeKeyPerson: number): void {
    const { state } = this;
    let k = freeKeyPerson;
    for (;;) {
      const i = this.predecessor[k];
      const previous = state.keyPersonOf[i];
      if (previous >= 0) state.unassign(i);
      state.assign(i, k, this.predecessorEdge[k]);
      if (i === root) return;
      k = previous;
    }
  }
}
