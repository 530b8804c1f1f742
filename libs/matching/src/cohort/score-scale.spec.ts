import fc from 'fast-check';
import { SCALE_BITS, scaleExponent, ScoreScale } from './score-scale';

describe('ScoreScale', () => {
  it('maps the best score to [2^50, 2^51], whatever its magnitude', () => {
    for (const max of [1, 0.83, 0.5, 3, 1e300, Number.MAX_VALUE, 1e-300, Number.MIN_VALUE]) {
      const scaled = ScoreScale.forMaxScore(max).scaled(max);
      expect(scaled).toBeLessThanOrEqual(2 ** SCALE_BITS);
      expect(scaled).toBeGreaterThanOrEqual(2 ** (SCALE_BITS - 1));
      expect(Number.isInteger(scaled)).toBe(true);
    }
  });

  it('keeps the scorer\'s 2⁻⁴⁰ grid exact for scores up to 1', () => {
    expect(scaleExponent(1)).toBe(SCALE_BITS - 1);
    expect(scaleExponent(0.99)).toBe(SCALE_BITS);
    fc.assert(
      fc.property(fc.integer({ min: 2 ** 29, max: 2 ** 40 }), fc.integer({ min: 0, max: 2 ** 40 }), (best, other) => {
        const scale = ScoreScale.forMaxScore(best / 2 ** 40);
        expect(scale.scaled(other / 2 ** 40) / 2 ** scale.exponent).toBe(other / 2 ** 40);
      }),
    );
  });

  it('is monotone and rounds a half up', () => {
    const scale = new ScoreScale(1);
    expect([0.2, 0.25, 0.3, 0.75].map((s) => scale.scaled(s))).toEqual([0, 1, 1, 2]);
  });
});
