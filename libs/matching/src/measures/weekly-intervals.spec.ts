import type { Slot } from '@sleutel/domain';
import { overlapMinutes, totalMinutes, weekIntervalsOf } from './weekly-intervals';

const slot = (day: Slot['day'], start: string, end: string): Slot => ({ day, start, end });
const MONDAY = 0b000_0001;

describe('weekly intervals', () => {
  it('places slots in the week and merges overlapping or touching ones of a day', () => {
    const week = weekIntervalsOf([slot('tue', '10:00', '11:00'), slot('mon', '09:00', '10:00'), slot('mon', '10:00', '11:30'), slot('mon', '11:00', '12:00')]);
    expect([...week]).toEqual([540, 720, 1440 + 600, 1440 + 660]);
  });

  it('never merges across midnight, and takes 24:00 as the end of the day', () => {
    const week = weekIntervalsOf([slot('mon', '22:00', '24:00'), slot('tue', '00:00', '01:00')]);
    expect([...week]).toEqual([1320, 1440, 1440, 1500]);
    expect(totalMinutes(week)).toBe(180);
  });

  it('drops malformed slots rather than guessing', () => {
    expect([...weekIntervalsOf([slot('mon', '12:00', '11:00'), slot('mon', '9:00', '10:00'), { day: 'xyz', start: '09:00', end: '10:00' } as unknown as Slot])]).toEqual([]);
  });

  it('counts overlap to the minute', () => {
    const a = weekIntervalsOf([slot('mon', '09:10', '10:10'), slot('wed', '18:00', '21:00')]);
    const b = weekIntervalsOf([slot('mon', '09:00', '10:09'), slot('wed', '20:30', '22:00'), slot('thu', '18:00', '21:00')]);
    expect(overlapMinutes(a, b)).toBe(59 + 30);
    expect(overlapMinutes(b, a)).toBe(89);
  });

  it('counts only the given weekdays', () => {
    const a = weekIntervalsOf([slot('mon', '09:00', '12:00'), slot('wed', '09:00', '12:00')]);
    expect(overlapMinutes(a, a, MONDAY)).toBe(180);
    expect(overlapMinutes(a, a, 0)).toBe(0);
  });
});
