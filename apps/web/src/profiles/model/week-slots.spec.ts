import { describe, expect, it } from '@jest/globals';
import { cellsOf, onGrid, slotsOfCells, toggleCell } from './week-slots';

describe('week grid ↔ slots', () => {
  it('joins contiguous hours of a day into one slot', () => {
    let slots = toggleCell([], 'mon', 9);
    slots = toggleCell(slots, 'mon', 10);
    slots = toggleCell(slots, 'mon', 11);
    slots = toggleCell(slots, 'tue', 18);
    expect(slots).toEqual([
      { day: 'mon', start: '09:00', end: '12:00' },
      { day: 'tue', start: '18:00', end: '19:00' },
    ]);
  });

  it('splits a slot when an hour in the middle is switched off', () => {
    expect(toggleCell([{ day: 'wed', start: '09:00', end: '12:00' }], 'wed', 10)).toEqual([
      { day: 'wed', start: '09:00', end: '10:00' },
      { day: 'wed', start: '11:00', end: '12:00' },
    ]);
  });

  it('renders recorded slots back into cells, up to the last cell of the day', () => {
    const cells = cellsOf([{ day: 'sun', start: '20:00', end: '22:00' }]);
    expect([...cells].sort()).toEqual(['sun-20', 'sun-21']);
    expect(slotsOfCells(cells)).toEqual([{ day: 'sun', start: '20:00', end: '22:00' }]);
  });

  it('keeps times the grid cannot show as they are', () => {
    const odd = { day: 'thu', start: '07:30', end: '09:00' } as const;
    expect(onGrid(odd)).toBe(false);
    expect(onGrid({ day: 'thu', start: '21:00', end: '23:00' })).toBe(false);
    expect(toggleCell([odd], 'fri', 8)).toEqual([odd, { day: 'fri', start: '08:00', end: '09:00' }]);
  });
});
