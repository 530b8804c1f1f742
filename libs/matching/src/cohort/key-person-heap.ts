/**
 * A binary min-heap of key persons by tentative distance, with decrease-key
 * (each key person is in it at most once, so it never grows past their
 * number). The distances live in the heap's own array, beside the key
 * persons, so a comparison never leaves it. Equal distances pop in
 * key-person index order: the search's choices then depend only on the
 * instance, which is what makes the tie-break canonical.
 */
export class KeyPersonHeap {
  private readonly items: Int32Array;
  private readonly keys: Float64Array;
  /** Where each key person sits in `items`, -1 when absent. */
  private readonly position: Int32Array;
  private count = 0;

  constructor(keyPersonCount: number) {
    this.items = new Int32Array(keyPersonCount);
    this.keys = new Float64Array(keyPersonCount);
    this.position = new Int32Array(keyPersonCount).fill(-1);
  }

  get size(): number {
    return this.count;
  }

  /** The key person with the smallest distance, and that distance; only when size > 0. */
  peek(): number {
    return this.items[0];
  }

  peekDistance(): number {
    return this.keys[0];
  }

  /** Inserts k at `distance`, or moves it up when `distance` is below its current one. */
  update(k: number, distance: number): void {
    const at = this.position[k];
    this.siftUp(k, distance, at < 0 ? this.count++ : at);
  }

  pop(): number {
    const top = this.items[0];
    this.position[top] = -1;
    const last = --this.count;
    if (last > 0) this.siftDown(this.items[last], this.keys[last]);
    return top;
  }

  clear(): void {
    for (let at = 0; at < this.count; at += 1) this.position[this.items[at]] = -1;
    this.count = 0;
  }

  private siftUp(k: number, key: number, from: number): void {
    const { items, keys, position } = this;
    let at = from;
    while (at > 0) {
      const parentAt = (at - 1) >> 1;
      const parentKey = keys[parentAt];
      if (parentKey < key || (parentKey === key && items[parentAt] < k)) break;
      items[at] = items[parentAt];
      keys[at] = parentKey;
      position[items[at]] = at;
      at = parentAt;
    }
    items[at] = k;
    keys[at] = key;
    position[k] = at;
  }

  private siftDown(k: number, key: number): void {
    const { items, keys, position, count } = this;
    let at = 0;
    for (;;) {
      let child = 2 * at + 1;
      if (child >= count) break;
      const right = child + 1;
      if (right < count && (keys[right] < keys[child] || (keys[right] === keys[child] && items[right] < items[child]))) child = right;
      const childKey = keys[child];
      if (key < childKey || (key === childKey && k < items[child])) break;
      items[at] = items[child];
      keys[at] = childKey;
      position[items[at]] = at;
      at = child;
    }
    items[at] = k;
    keys[at] = key;
    position[k] = at;
  }
}
