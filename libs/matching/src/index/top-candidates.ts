/**
 * Keeps the best `limit` (slot, score) offers in the ranking order (score
 * descending, then id ascending) with a binary heap whose root is the worst
 * kept; most offers lose to the root on score alone and cost one comparison.
 */
import { compareIds } from '../ranking/ranking-order';

export class TopCandidates {
  private readonly slots: number[] = [];
  private readonly scores: number[] = [];

  constructor(
    private readonly limit: number,
    private readonly idOf: (slot: number) => string,
  ) {}

  /** The score an offer must at least reach to be kept (ties are then decided by id); -∞ while there is room. */
  get threshold(): number {
    if (this.limit <= 0) return Number.POSITIVE_INFINITY;
    return this.slots.length < this.limit ? Number.NEGATIVE_INFINITY : this.scores[0];
  }

  offer(slot: number, score: number): void {
    if (this.limit <= 0) return;
    if (this.slots.length < this.limit) {
      this.slots.push(slot);
      this.scores.push(score);
      this.siftUp(this.slots.length - 1);
      return;
    }
    if (!this.worse(0, slot, score)) return;
    this.slots[0] = slot;
    this.scores[0] = score;
    this.siftDown(0);
  }

  /** Kept slots with their scores, best first. */
  best(): { slot: number; score: number }[] {
    return this.slots
      .map((slot, i) => ({ slot, score: this.scores[i] }))
      .sort((a, b) => b.score - a.score || compareIds(this.idOf(a.slot), this.idOf(b.slot)));
  }

  /** Whether the kept entry at `i` ranks below (slot, score). */
  private worse(i: number, slot: number, score: number): boolean {
    const kept = this.scores[i];
    if (kept !== score) return kept < score;
    return compareIds(this.idOf(this.slots[i]), this.idOf(slot)) > 0;
  }

  private siftUp(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.worse(i, this.slots[parent], this.scores[parent])) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private siftDown(i: number): void {
    const n = this.slots.length;
    for (;;) {
      let worst = i;
      const left = 2 * i + 1;
      const right = left + 1;
      if (left < n && this.worse(left, this.slots[worst], this.scores[worst])) worst = left;
      if (right < n && this.worse(right, this.slots[worst], this.scores[worst])) worst = right;
      if (worst === i) return;
      this.swap(i, worst);
      i = worst;
    }
  }

  private swap(a: number, b: number): void {
    [this.slots[a], this.slots[b]] = [this.slots[b], this.slots[a]];
    [this.scores[a], this.scores[b]] = [this.scores[b], this.scores[a]];
  }
}
