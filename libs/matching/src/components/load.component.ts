/**
 * Load: prefer key persons with room to spare, 1 − load / capacity. Relative
 * to their own capacity, so a volunteer with one place who has it free counts
 * as less busy than one with twenty places and one taken.
 */
export interface LoadRaw {
  /** Normalised value in [0, 1]. */
  readonly value: number;
  readonly load: number;
  readonly capacity: number;
}

export function loadValue(load: number, capacity: number): number {
  if (!(capacity > 0)) return 0;
  const free = 1 - load / capacity;
  return free < 0 ? 0 : free > 1 ? 1 : free;
}

export function loadOf(load: number, capacity: number): LoadRaw {
  return { value: loadValue(load, capacity), load, capacity };
}
