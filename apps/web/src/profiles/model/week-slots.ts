/**
 * The week grid's model: hour cells (day × hour) ↔ weekly slots. Contiguous
 * cells of one day become one slot (`mon` 09–12 → `{day:'mon', start:'09:00',
 * end:'12:00'}`); a slot that is not whole hours within the grid is kept as it
 * is ("other times"), so editing the grid never loses what was recorded.
 */
import { DAYS, Day, Slot } from './profile.types';

export const FIRST_HOUR = 8;
/** The grid ends at 22:00: its last cell is 21:00–22:00. */
export const LAST_HOUR = 22;
export const HOURS: readonly number[] = Array.from({ length: LAST_HOUR - FIRST_HOUR }, (_, index) => FIRST_HOUR + index);

export type CellKey = `${Day}-${number}`;
export const cellKey = (day: Day, hour: number): CellKey => `${day}-${hour}`;

export const clock = (hour: number): string => `${String(hour).padStart(2, '0')}:00`;

function wholeHour(time: string): number | null {
  const match = /^(\d{2}):00$/.exec(time);
  return match ? Number(match[1]) : null;
}

/** Whether the grid can show `slot` exactly. */
export function onGrid(slot: Slot): boolean {
  const start = wholeHour(slot.start);
  const end = slot.end === '24:00' ? 24 : wholeHour(slot.end);
  return start !== null && end !== null && start >= FIRST_HOUR && end <= LAST_HOUR && end > start;
}

export function cellsOf(slots: readonly Slot[]): Set<CellKey> {
  const cells = new Set<CellKey>();
  for (const slot of slots.filter(onGrid)) {
    for (let hour = wholeHour(slot.start)!; hour < wholeHour(slot.end)!; hour++) cells.add(cellKey(slot.day, hour));
  }
  return cells;
}

export function slotsOfCells(cells: ReadonlySet<CellKey>): Slot[] {
  const slots: Slot[] = [];
  for (const day of DAYS) {
    let start: number | null = null;
    for (let hour = FIRST_HOUR; hour <= LAST_HOUR; hour++) {
      const on = hour < LAST_HOUR && cells.has(cellKey(day, hour));
      if (on && start === null) start = hour;
      if (!on && start !== null) {
        slots.push({ day, start: clock(start), end: clock(hour) });
        start = null;
      }
    }
  }
  return slots;
}

const order = (slot: Slot): string => `${DAYS.indexOf(slot.day)}-${slot.start}-${slot.end}`;
export const sortSlots = (slots: readonly Slot[]): Slot[] => [...slots].sort((a, b) => order(a).localeCompare(order(b)));

/** The slots after switching one cell: grid slots recomputed, other times kept. */
export function toggleCell(slots: readonly Slot[], day: Day, hour: number): Slot[] {
  const cells = cellsOf(slots);
  const key = cellKey(day, hour);
  if (cells.has(key)) cells.delete(key);
  else cells.add(key);
  return sortSlots([...slotsOfCells(cells), ...slots.filter((slot) => !onGrid(slot))]);
}
