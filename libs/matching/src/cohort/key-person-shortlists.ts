/**
 * Each key person's best `limit` edges, in one pass over all edges. Per key
 * person, a buffer of twice `limit` edges: an edge below the key
 * person's floor is turned away in one comparison; when the buffer is full,
 * a selection keeps its best `limit` and raises the floor to the worst of
 * them. Amortised O(1) an edge, where a heap paid a sift for each of the
 * 357,000 edges that beat the worst kept on the over-subscribed bench
 * instance (about 100 ms, where this takes 40).
 * The best `limit` are one set whatever the order of offers: the order
 * (score descending, newcomer index, edge index) is total.
 */
export class KeyPersonShortlists {
  private readonly bufferEdge: Int32Array;
  private readonly bufferScore: Float64Array;
  /**
   * Where each key person's buffer starts, for key persons with places only
   * (−1 for the rest, whose edges the floor turns away): a registry of
   * thousands, most of them full, would otherwise hold a buffer of 2 · limit
   * for each, with limit up to the places + 1.
   */
  private readonly base: Int32Array;
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
    let withPlaces = 0;
    this.base = Int32Array.from(capacities, (capacity) => (capacity > 0 ? withPlaces++ * this.room : -1));
    this.bufferEdge = new Int32Array(withPlaces * this.room);
    this.bufferScore = new Float64Array(withPlaces * this.room);
    this.size = new Int32Array(capacities.length);
    // Scores ≤ 0 are never edges, nor are a key person's without places: one comparison turns both away.
    this.floor = Float64Array.from(capacities, (capacity) => (capacity > 0 ? Number.MIN_VALUE : Number.POSITIVE_INFINITY));
  }

  /** Offers every edge (one pass); returns the edge of the instance's best score, which fixes the solver's scale, or −1. */
  collect(edgeKeyPerson: Int32Array): number {
    const { edgeScore, floor, size, bufferEdge, bufferScore, base, room } = this;
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
      const at = base[k] + size[k];
      bufferEdge[at] = e;
      bufferScore[at] = s;
      if (++size[k] === room) this.keepBest(k);
    }
    return maxEdge;
  }

  /**
   * The kept edges in key-person order, plus `extra` when ≥ 0 and not among them; `repeats` when a key person kept
   * one newcomer twice (duplicate edges).
   */
  edges(extra: number): { readonly edges: Int32Array; readonly repeats: boolean } {
    const seen = new Int32Array(this.newcomerCount).fill(-1);
    let repeats = false;
    let count = 0;
    for (let k = 0; k < this.size.length; k += 1) {
      if (this.size[k] > this.limit) this.keepBest(k);
      count += this.size[k];
    }
    const kept = new Int32Array(count + 1);
    let out = 0;
    let extraKept = extra < 0;
    for (let k = 0; k < this.size.length; k += 1) {
      for (let at = this.base[k]; at < this.base[k] + this.size[k]; at += 1) {
        const e = this.bufferEdge[at];
        if (seen[this.edgeNewcomer[e]] === k) repeats = true;
        seen[this.edgeNewcomer[e]] = k;
        if (e === extra) extraKept = true;
        kept[out++] = e;
      }
    }
    if (!extraKept) kept[out++] = extra;
    return { edges: kept.subarray(0, out), repeats };
  }

  /** Moves k's best `limit` to the front of their buffer (Hoare's selection), drops the rest and raises the floor. */
  private keepBest(k: number): void {
    const { bufferEdge, bufferScore } = this;
    const base = this.base[k];
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
