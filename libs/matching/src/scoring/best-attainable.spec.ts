import { aNewcomer, NOW, policyWith } from '../testing/matching.fixtures';
import { bestAttainableScore } from './best-attainable';
import { newcomerFacts } from './newcomer-facts';

const best = (newcomer = aNewcomer(), policy = policyWith({})) => bestAttainableScore(newcomerFacts(newcomer, policy, NOW));

describe('bestAttainableScore', () => {
  it('is what an ideal key person would score: only waiting and the newcomer’s own hours hold it back', () => {
    // 6 hours a week (full availability credit) and 29 of 90 days waited.
    expect(best()).toBeCloseTo(0.9 + (0.1 * 29) / 90, 10);
  });

  it('caps language credit at the newcomer’s own best level', () => {
    const fluentOnly = aNewcomer({ languages: [{ code: 'eng', level: 'fluent' }] });
    expect(best(aNewcomer()) - best(fluentOnly)).toBeCloseTo(0.3 * 0.1, 10);
  });

  it('counts the preferred gender as the ideal key person’s under a policy that weighs it, and not at all under version 1', () => {
    const prefers = aNewcomer({ preferences: { ...aNewcomer().preferences, keyPersonGender: 'male', genderRequired: false } });
    // Recorded before the gender component existed (2⁻⁴⁰ · 1024989173002).
    expect(best(prefers)).toBe(1024989173002 / 2 ** 40);
    expect(best(prefers, policyWith({ weights: { gender: 0 } }))).toBe(best(prefers));
    // Weight 10 of 110: everything else shrinks by 100/110 and gender adds its full 10/110.
    expect(best(prefers, policyWith({ weights: { gender: 10 } }))).toBeCloseTo((best(prefers) * 100) / 110 + 10 / 110, 10);
  });

  it('is 1 when waiting is full and nothing else holds it back', () => {
    expect(best(aNewcomer({ waitingSince: '2025-01-01T00:00:00Z' }))).toBeCloseTo(1, 10);
    expect(best(aNewcomer({ waitingSince: '2025-01-01T00:00:00Z' }))).toBeLessThanOrEqual(1);
  });
});
