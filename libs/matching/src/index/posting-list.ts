/**
 * The slots of the key persons who speak one language group at conversational
 * or better: a dense Int32Array the ranking loop walks, with O(1) removal by
 * moving the last entry into the gap. Order is arbitrary; ranking never
 * depends on it.
 */
export class PostingList {
  private entries = new Int32Array(16);
  private count = 0;
  private readonly positions = new Map<number, number>();

  get length(): number {
    return this.count;
  }

  /** The live entries are `slots[0 .. length)`; the array is replaced when it grows. */
  get slots(): Int32Array {
    return this.entries;
  }

  add(slot: number): void {
    if (this.positions.has(slot)) return;
    if (this.count === this.entries.length) {
      const grown = new Int32Array(this.entries.length * 2);
      grown.set(this.entries);
      this.entries = grown;
    }
    this.positions.set(slot, this.count);
    this.entries[this.count] = slot;
    this.count += 1;
  }

  delete(slot: number): void {
    const position = this.positions.get(slot);
    if (position === undefined) return;
    this.count -= 1;
    const last = this.entries[this.count];
    this.entries[position] = last;
    this.positions.set(last, position);
    this.positions.delete(slot);
  }
}
