/**
 * Key persons of one municipality ordered by travel radius, largest first, so
 * that for a newcomer `km` away the ones who would travel that far are a
 * prefix, and the ones who would not are counted with one binary search.
 */
export class RadiusOrderedSlots {
  /** Parallel arrays, ordered by radius descending, then slot ascending. */
  readonly slots: number[] = [];
  readonly radii: number[] = [];

  get length(): number {
    return this.slots.length;
  }

  add(slot: number, radius: number): void {
    const at = this.positionOf(slot, radius);
    this.slots.splice(at, 0, slot);
    this.radii.splice(at, 0, radius);
  }

  delete(slot: number, radius: number): void {
    const at = this.positionOf(slot, radius);
    if (this.slots[at] !== slot || this.radii[at] !== radius) return;
    this.slots.splice(at, 1);
    this.radii.splice(at, 1);
  }

  /** How many would not travel `km` (radius below it); all of them when the distance is unknown (NaN). */
  countBelow(km: number): number {
    if (!(km >= 0)) return this.slots.length;
    let low = 0;
    let high = this.radii.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.radii[mid] >= km) low = mid + 1;
      else high = mid;
    }
    return this.radii.length - low;
  }

  /** Index of (slot, radius) if present, else where it would go. */
  private positionOf(slot: number, radius: number): number {
    let low = 0;
    let high = this.radii.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      const before = this.radii[mid] > radius || (this.radii[mid] === radius && this.slots[mid] < slot);
      if (before) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}
