import fc from 'fast-check';
import { exactSum } from './exact-sum';

describe('exactSum', () => {
  it('rounds once, at the end', () => {
    expect(exactSum(Array.from({ length: 10 }, () => 0.1))).toBe(1);
    expect(exactSum([1e100, 1, -1e100])).toBe(1);
    expect(exactSum([])).toBe(0);
    expect(exactSum([2 ** 53, 1, 1e-30])).toBe(2 ** 53 + 2);
  });

  it('gives the same double in any order', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e300, max: 1e300 }), { maxLength: 30 }), fc.integer(), (values, seed) => {
        const reordered = [...values].sort((a, b) => ((a * 7919 + seed) % 13) - ((b * 7919 + seed) % 13) || a - b);
        expect(exactSum(reordered)).toBe(exactSum(values));
      }),
    );
  });

  it('is exact when the true sum is a double', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -(2 ** 40), max: 2 ** 40 }), { maxLength: 50 }), (units) => {
        expect(exactSum(units.map((u) => u / 2 ** 30))).toBe(units.reduce((s, u) => s + u, 0) / 2 ** 30);
      }),
    );
  });
});
