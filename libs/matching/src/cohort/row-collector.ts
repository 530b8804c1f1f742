/**
 * Collects each row's best edges for `scanRows`, and the facts the rest of
 * the solver needs from that pass: the best score overall (for the scale) and,
 * per row, a bound on every edge it did not keep (for the dual check).
 */
import { BestEdges } from './best-edges';

/** Rows longer than this many times the limit get a floor. */
const LONG_ROW_FACTOR = 4;

/**
 * One row's best edges. On a long row (a dense instance: 1,000 edges for 16
 * kept) only scores above a floor enter the heap; the floor comes from the
 * row before — its limit-th best score, lowered by that row's spread above
 * it — so about twice the limit qualify when rows look alike, and the heap
 * sees a fraction of the insertions. The result is exact either way: if fewer
 * than `limit` reach the floor, the row (still in cache) is read again
 * without it. (Sampling the row itself cost more: scattered reads that miss
 * the cache before the sequential pass.)
 */
export class RowCollector {
  private readonly buffer: BestEdges;
  maxScore = 0;
  /** After `collect`: no usable edge of the row that was not kept scores above this; -1 when all were kept. */
  leftOutAtMost = -1;
  /** The previous long row's limit-th best and best scores; -1 before the first. */
  private lastThreshold = -1;
  private lastBest = 0;

  constructor(
    private readonly keyPerson: Int32Array,
    private readonly score: Float64Array,
    private readonly capacity: Int32Array,
    private readonly limit: number,
  ) {
    this.buffer = new BestEdges(limit, keyPerson);
  }

  /** Positions start..end-1 are one row; writes its best positions from out[at]; returns how many. */
  collect(start: number, end: number, out: Int32Array, at: number): number {
    const long = end - start > LONG_ROW_FACTOR * this.limit;
    const floor = long && this.lastThreshold > 0 ? Math.max(0, 2 * this.lastThreshold - this.lastBest) : 0;
    let rowBest = this.offerRow(start, end, floor);
    if (floor > 0 && this.buffer.size < this.limit) {
      this.buffer.clear();
      rowBest = this.offerRow(start, end, 0);
    }
    const full = this.buffer.size === this.limit;
    // A full buffer may have turned edges away: none of them beats the worst kept.
    this.leftOutAtMost = full ? this.buffer.threshold : -1;
    if (long && full) {
      this.lastThreshold = this.buffer.threshold;
      this.lastBest = rowBest;
    }
    return this.buffer.drain(out, at);
  }

  /** Offers the row's edges at or above the floor; returns the row's best score. */
  private offerRow(start: number, end: number, floor: number): number {
    const { score, keyPerson, capacity, buffer } = this;
    let rowBest = 0;
    // Scores ≤ 0 are never edges; the gate only rises, and only after an offer.
    let gate = Math.max(floor, buffer.threshold, Number.MIN_VALUE);
    for (let p = start; p < end; p += 1) {
      const s = score[p];
      if (s > rowBest) rowBest = s;
      if (s < gate || capacity[keyPerson[p]] === 0) continue;
      buffer.offer(s, p);
      gate = Math.max(gate, buffer.threshold);
    }
    if (rowBest > this.maxScore) this.maxScore = rowBest;
    return rowBest;
  }
}

