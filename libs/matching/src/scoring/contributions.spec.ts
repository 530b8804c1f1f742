import { DEFAULT_POLICY } from '../policy/default.policy';
import { ComponentApplicability, componentFactors, CONTRIBUTION_SCALE, contributionOf } from './contributions';

const all: ComponentApplicability = { language: true, expertise: true, availability: true, proximity: true, load: true, waiting: true, origin: true, gender: true };

describe('contributions', () => {
  it('normalise the weights of the components that apply', () => {
    expect(componentFactors(DEFAULT_POLICY, { ...all, origin: false, gender: false })).toEqual([0.3, 0.2, 0.15, 0.15, 0.1, 0.1, 0, 0]);
    expect(componentFactors(DEFAULT_POLICY, all).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it('give a component that applies with weight 0 nothing, and change no other factor', () => {
    const without = componentFactors(DEFAULT_POLICY, { ...all, gender: false });
    const zero = componentFactors({ ...DEFAULT_POLICY, weights: { ...DEFAULT_POLICY.weights, gender: 0 } }, all);
    expect(zero).toEqual(without);
    expect(zero[7]).toBe(0);
    // Version 1 has no gender weight at all: it reads as 0.
    expect(componentFactors(DEFAULT_POLICY, all)).toEqual(without);
  });

  it('round down to multiples of 2⁻⁴⁰, so sums are exact and never exceed 1', () => {
    const third = contributionOf(1, 1 / 3);
    expect(Number.isInteger(third * CONTRIBUTION_SCALE)).toBe(true);
    expect(third).toBeLessThanOrEqual(1 / 3);
    expect(1 / 3 - third).toBeLessThan(1 / CONTRIBUTION_SCALE);
    expect(third + third + third).toBeLessThanOrEqual(1);
    expect(contributionOf(0.7, 0)).toBe(0);
  });
});
