/**
 * A newcomer's few best edges, collected in one pass over their row. Order:
 * score descending, then key-person index ascending — the index, not the
 * position, so that the order the edges came in never changes which are kept.
 *
 * While collecting, the kept edges form a binary heap with the worst at the
 * root: a better edge replaces it in O(log limit), where a sorted buffer
 * would shift half its entries.
 */
export class BestEdges {
  private readonly scores: Float64Array;
  private readonly positions: Int32Array;
  private count = 0;
  /** The score an edge must reach to be offered: the worst one held once the buffer is full, 0 before. */
  threshold = 0;

  constructor(
    private readonly limit: number,
    /** The rows' key persons, by position: only read to break a tie. */
    private readonly keyPerson: Int32Array,
  ) {
    this.scores = new Float64Array(limit);
    this.positions = new Int32Array(limit);
  }

  get size(): number {
    return this.count;
  }

  /** Only for score ≥ threshold and score > 0; keeps the edge if it beats the worst one held. */
  offer(score: number, position: number): void {
    if (this.count < this.limit) {
      this.siftUp(this.count++, score, position);
      if (this.count === this.limit) this.threshold = this.scores[0];
    } else if (this.worse(0, score, position)) {
      this.siftDown(score, position);
      this.threshold = this.scores[0];
    }
  }

  /** Forgets everything held. */
  clear(): void {
    this.count = 0;
    this.threshold = 0;
  }

  /** Writes the positions held, best first, from `out[at]`; returns how many; empties the buffer. */
  drain(out: Int32Array, at: number): number {
    const count = this.count;
    // At most `limit` entries: an insertion sort of their slots is the cheapest way to order them.
    for (let j = 0; j < count; j += 1) {
      let to = at + j;
      while (to > at && this.worse(out[to - 1], this.scores[j], this.positions[j])) {
        out[to] = out[to - 1];
        to -= 1;
      }
      out[to] = j;
    }
    for (let j = at; j < at + count; j += 1) out[j] = this.positions[out[j]];
    this.clear();
    return count;
  }

  /** Whether the edge held in `slot` ranks after the edge (score, position). */
  private worse(slot: number, score: number, position: number): boolean {
    const held = this.scores[slot];
    return held < score || (held === score && this.keyPerson[this.positions[slot]] > this.keyPerson[position]);
  }

  /** Worst at the root: the new edge moves up while its parent ranks before it. */
  private siftUp(from: number, score: number, position: number): void {
    let at = from;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (this.worse(parent, score, position)) break;
      this.move(parent, at);
      at = parent;
    }
    this.put(at, score, position);
  }

  private siftDown(score: number, position: number): void {
    let at = 0;
    for (;;) {
      let child = 2 * at + 1;
      if (child >= this.count) break;
      const right = child + 1;
      if (right < this.count && this.worse(right, this.scores[child], this.positions[child])) child = right;
      if (!this.worse(child, score, position)) break;
      this.move(child, at);
      at = child;
    }
    this.put(at, score, position);
  }

  private move(from: number, to: number): void {
    this.scores[to] = this.scores[from];
    this.positions[to] = this.positions[from];
  }

  private put(at: number, score: number, position: number): void {
    this.scores[at] = score;
    this.positions[at] = position;
  }
}
