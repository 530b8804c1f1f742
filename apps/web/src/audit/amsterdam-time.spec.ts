import { describe, expect, it } from '@jest/globals';
import { amsterdamLocal, instantOfAmsterdamLocal } from './amsterdam-time';

describe('Amsterdam time in the as-of form', () => {
  it('shows an instant as Amsterdam’s clock showed it, in winter and in summer', () => {
    expect(amsterdamLocal('2026-11-30T13:05:09.250Z')).toBe('2026-11-30T14:05:09');
    expect(amsterdamLocal('2026-07-01T22:30:00Z')).toBe('2026-07-02T00:30:00');
    expect(amsterdamLocal('not a time')).toBeNull();
  });

  it('reads a time typed into the form as Amsterdam time, whatever zone the browser is in', () => {
    expect(instantOfAmsterdamLocal('2026-11-30T14:05:09')).toBe('2026-11-30T13:05:09.000Z');
    expect(instantOfAmsterdamLocal('2026-07-02T00:30')).toBe('2026-07-01T22:30:00.000Z');
    for (const instant of ['2026-01-15T08:00:00.000Z', '2026-06-15T08:00:00.000Z', '2026-12-31T23:59:59.000Z']) {
      expect(instantOfAmsterdamLocal(amsterdamLocal(instant)!)).toBe(instant);
    }
  });

  it('takes the first of the hour that repeats in October, and the skipped hour in March as winter time', () => {
    // 25 October 2026: the clocks go from 03:00 back to 02:00.
    expect(instantOfAmsterdamLocal('2026-10-25T02:30:00')).toBe('2026-10-25T00:30:00.000Z');
    // 29 March 2026: the clocks jump from 02:00 to 03:00.
    expect(instantOfAmsterdamLocal('2026-03-29T02:30:00')).toBe('2026-03-29T01:30:00.000Z');
  });

  it('refuses what is no time on a real date', () => {
    expect(instantOfAmsterdamLocal('2026-02-31T10:00')).toBeNull();
    expect(instantOfAmsterdamLocal('2026-11-30')).toBeNull();
    expect(instantOfAmsterdamLocal('')).toBeNull();
  });
});
