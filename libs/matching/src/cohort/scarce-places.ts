/**
 * Fewer places than newcomers (a cohort run over a long waiting list: 9,500
 * newcomers, 400 places): at most P = Σ_k min(capacity_k, newcomers)
 * newcomers can be matched, so each key person needs only their best P + 1
 * edges (score descending, then newcomer index). Every edge dropped is
 * proven by the duals of the rest, without reading it again:
 *
 * - of key person k's P + 1 kept edges, at most P lead to matched newcomers,
 *   so some kept (j, k) has j unmatched, hence u_j = 0 (complementary
 *   slackness) and v_k ≥ w_jk (dual feasibility on the kept edges);
 * - a dropped (i, k) scores at most w_jk, and u_i ≥ 0, so u_i + v_k ≥ w_ik.
 *
 * The solution of the kept edges therefore carries a certificate for every
 * edge, and is optimal for the whole instance: an exact reduction, not a
 * heuristic. On the over-subscribed bench instance it keeps 160,000 of 2.4
 * million edges, and the dual check then reads those rather than every row
 * of the 9,600 newcomers left out.
 */
import type { IndexedAssignmentInstance } from './indexed-instance';

/** Narrowing must drop at least this share of the edges to pay for its copy. */
const WORTH_DROPPING = 0.5;

export interface ScarcePlacesInstance {
  /** The kept edges, grouped by newcomer in index order (so the solver reads them without a copy). */
  readonly instance: IndexedAssignmentInstance;
  /** Per kept edge, its index in the original instance. */
  readonly original: Int32Array;
}

/** The instance with each key person's best P + 1 edges only, or null when that would not drop enough to pay. */
export function keepEdgesThePlacesCanUse(instance: IndexedAssignmentInstance): ScarcePlacesInstance | null {
  const { newcomerCount, capacities, edgeNewcomer, edgeKeyPerson, edgeScore } = instance;
  let places = 0;
  let keyPersonsWithPlaces = 0;
  for (const capacity of capacities) {
    places += Math.min(capacity, newcomerCount);
    if (capacity > 0) keyPersonsWithPlaces += 1;
  }
  const limit = places + 1;
  if (limit >= newcomerCount) return null;
  // At most limit edges kept per key person: decided before reading any edge.
  if (keyPersonsWithPlaces * limit > (1 - WORTH_DROPPING) * edgeScore.length) return null;
  const shortlists = new KeyPersonShortlists(capacities, newcomerCount, limit, edgeNewcomer, edgeScore);
  const maxEdge = shortlists.collect(edgeKeyPerson);
  const keep = shortlists.edges(maxEdge);
  // The argument above needs P + 1 different newcomers per key person; duplicate edges would break it.
  if (keep === null) return null;
  return { instance: groupedByNewcomer(instance, keep), original: keep };
}

/**
 * Per key person, a buffer of twice `limit` edges: an edge below the key
 * person's floor is turned away in one comparison; when the buffer is full,
 * a selection keeps its best `limit` and raises the floor to the worst of
 * them. Amortised O(1) an edge, where a heap paid a sift for each of the
 * 357,000 edges that beat the worst kept on the bench instance (about
 * 100 ms, where this takes 40).
 * The best `limit` are one set whatever the order of offers: the order
 * (score descending, newcomer index, edge index) is total.
 */
class KeyPersonShortlists {
  private readonly bufferEdge: Int32Array;
  private readonly bufferScore: Float64Array;
  private readonly size: Int32Array;
  /** No edge below this can be among the best `limit` any more: the worst kept by the last selection, or the least positive score before. */
  private readonly floor: Float64Array;
  private readonly room: number;

  constructor(
    capacities: Int32Array,
    private readonly newcomerCount: number,
    private readonly limit: number,
    private readonly edgeNewcomer: Int32Array,
    private readonly edgeScore: Float64Array,
  ) {
    this.room = 2 * limit;
    this.bufferEdge = new Int32Array(capacities.length * this.room);
    this.bufferScore = new Float64Array(capacities.length * this.room);
    this.size = new Int32Array(capacities.length);
    // Scores ≤ 0 are never edges, nor are a key person's without places: one comparison turns both away.
    this.floor = Float64Array.from(capacities, (capacity) => (capacity > 0 ? Number.MIN_VALUE : Number.POSITIVE_INFINITY));
  }

  /** Offers every edge (one pass); returns the edge of the instance's best score, which fixes the solver's scale, or −1. */
  collect(edgeKeyPerson: Int32Array): number {
    const { edgeScore, floor, size, bufferEdge, bufferScore, room } = this;
    let maxScore = 0;
    let maxEdge = -1;
    for (let e = 0; e < edgeScore.length; e += 1) {
      const s = edgeScore[e];
      if (s > maxScore) {
        maxScore = s;
        maxEdge = e;
      }
      const k = edgeKeyPerson[e];
      if (s < floor[k]) continue;
      const at = k * room + size[k];
      bufferEdge[at] = e;
      bufferScore[at] = s;
      if (++size[k] === room) this.keepBest(k);
    }
    return maxEdge;
  }

  /**
   * The kept edges, plus `extra` (kept even when it is no edge to use: the scale is the whole instance's), in
   * key-person order; null when a key person kept one newcomer twice.
   */
  edges(extra: number): Int32Array | null {
    const seen = new Int32Array(this.newcomerCount).fill(-1);
    let count = 0;
    for (let k = 0; k < this.size.length; k += 1) {
      if (this.size[k] > this.limit) this.keepBest(k);
      count += this.size[k];
    }
    const kept = new Int32Array(count + 1);
    let out = 0;
    let extraKept = extra < 0;
    for (let k = 0; k < this.size.length; k += 1) {
      for (let at = k * this.room; at < k * this.room + this.size[k]; at += 1) {
        const e = this.bufferEdge[at];
        if (seen[this.edgeNewcomer[e]] === k) return null;
        seen[this.edgeNewcomer[e]] = k;
        if (e === extra) extraKept = true;
        kept[out++] = e;
      }
    }
    if (!extraKept) kept[out++] = extra;
    return kept.subarray(0, out);
  }

  /** Moves k's best `limit` to the front of their buffer (Hoare's selection), drops the rest and raises the floor. */
  private keepBest(k: number): void {
    const { bufferEdge, bufferScore } = this;
    const base = k * this.room;
    const target = base + this.limit - 1;
    let low = base;
    let high = base + this.size[k] - 1;
    while (low < high) {
      const pivotScore = bufferScore[target];
      const pivotEdge = bufferEdge[target];
      let i = low;
      let j = high;
      do {
        while (this.better(bufferScore[i], bufferEdge[i], pivotScore, pivotEdge)) i += 1;
        while (this.better(pivotScore, pivotEdge, bufferScore[j], bufferEdge[j])) j -= 1;
        if (i <= j) this.swap(i++, j--);
      } while (i <= j);
      if (j < target) low = i;
      if (target < i) high = j;
    }
    this.size[k] = this.limit;
    let worst = bufferScore[base];
    for (let at = base + 1; at <= target; at += 1) if (bufferScore[at] < worst) worst = bufferScore[at];
    this.floor[k] = worst;
  }

  /** Whether edge a ranks before edge b: higher score, then lower newcomer index, then lower edge index. */
  private better(scoreA: number, a: number, scoreB: number, b: number): boolean {
    if (scoreA !== scoreB) return scoreA > scoreB;
    const newcomerA = this.edgeNewcomer[a];
    const newcomerB = this.edgeNewcomer[b];
    return newcomerA !== newcomerB ? newcomerA < newcomerB : a < b;
  }

  private swap(a: number, b: number): void {
    const edge = this.bufferEdge[a];
    const score = this.bufferScore[a];
    this.bufferEdge[a] = this.bufferEdge[b];
    this.bufferScore[a] = this.bufferScore[b];
    this.bufferEdge[b] = edge;
    this.bufferScore[b] = score;
  }
}

/** The kept edges as an instance grouped by newcomer in index order (a counting sort; `keep` is put in that order too). */
function groupedByNewcomer(instance: IndexedAssignmentInstance, keep: Int32Array): IndexedAssignmentInstance {
  const { newcomerCount, edgeNewcomer, edgeKeyPerson, edgeScore } = instance;
  const next = new Int32Array(newcomerCount + 1);
  for (let at = 0; at < keep.length; at += 1) next[edgeNewcomer[keep[at]] + 1] += 1;
  for (let i = 0; i < newcomerCount; i += 1) next[i + 1] += next[i];
  const order = new Int32Array(keep.length);
  for (let at = 0; at < keep.length; at += 1) order[next[edgeNewcomer[keep[at]]]++] = keep[at];
  keep.set(order);
  const grouped = { newcomer: new Int32Array(keep.length), keyPerson: new Int32Array(keep.length), score: new Float64Array(keep.length) };
  for (let at = 0; at < keep.length; at += 1) {
    const e = keep[at];
    grouped.newcomer[at] = edgeNewcomer[e];
    grouped.keyPerson[at] = edgeKeyPerson[e];
    grouped.score[at] = edgeScore[e];
  }
  return {
    newcomerCount, capacities: instance.capacities, placeCosts: instance.placeCosts ?? null,
    edgeNewcomer: grouped.newcomer, edgeKeyPerson: grouped.keyPerson, edgeScore: grouped.score,
  };
}
