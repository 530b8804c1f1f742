/**
 * Scores become integers before the solver compares or adds them, so every
 * dual update and reduced cost is exact and the same on every machine.
 *
 * The scale is a power of two chosen from the largest score: multiplying by a
 * power of two is exact, so the only rounding is the final one (half up), to a
 * grid of 2⁻⁵¹ · 2^⌈log₂ max⌉ — 2⁻⁵¹ for a best score in [½, 1). The scorer's
 * scores (multiples of 2⁻⁴⁰, at most 1) therefore survive unchanged whenever
 * the best one is at least 2⁻¹¹. Scaled scores are at most 2⁵¹ (W); the
 * solver's duals stay in [0, W], its distances below 2W and reduced costs
 * below 3W, so nothing exceeds 2⁵³ (the exact integers of a double) however
 * many people there are.
 */
export const SCALE_BITS = 51;

/** The exponent e such that score · 2^e is the integer the solver uses; 0 when no score is positive. */
export function scaleExponent(maxScore: number): number {
  if (!(maxScore > 0)) return 0;
  // Smallest p with maxScore < 2^p, by exact doubling or halving (no Math.log2 rounding).
  // Doubling may reach Infinity (p = 1024), which is still a correct bound.
  let p = 0;
  let bound = 1;
  if (maxScore >= 1) {
    while (maxScore >= bound) {
      bound *= 2;
      p += 1;
    }
  } else {
    while (maxScore < bound / 2) {
      bound /= 2;
      p -= 1;
    }
  }
  return SCALE_BITS - p;
}

/** Multiplies by 2^exponent in two exact steps, so that the factor itself never overflows. */
export class ScoreScale {
  private readonly first: number;
  private readonly second: number;

  constructor(readonly exponent: number) {
    const split = Math.min(exponent, 1000);
    this.first = powerOfTwo(split);
    this.second = powerOfTwo(exponent - split);
  }

  static forMaxScore(maxScore: number): ScoreScale {
    return new ScoreScale(scaleExponent(maxScore));
  }

  /**
   * The integer the solver uses for a score in (0, max], halves rounded up.
   * floor(x + ½) is exact here because x < 2⁵¹ leaves room for the ½ — and it
   * is several times faster than Math.round in V8.
   */
  scaled(score: number): number {
    return Math.floor(score * this.first * this.second + 0.5);
  }
}

function powerOfTwo(exponent: number): number {
  let value = 1;
  for (let e = exponent; e > 0; e -= 1) value *= 2;
  for (let e = exponent; e < 0; e += 1) value /= 2;
  return value;
}
