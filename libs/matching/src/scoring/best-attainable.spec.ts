import { DEFAULT_POLICY } from '../policy/default.policy';
import { explain } from '../ranking/explain';
import { rank } from '../ranking/rank';
import { aKeyPerson, aNewcomer, NOW, policyWith } from '../testing/matching.fixtures';
import { bestAttainableIgnoringDates, bestAttainableScore } from './best-attainable';
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

describe('bestAttainableScore within the newcomer’s own dates', () => {
  // NOW is Monday 2026-03-02; free Monday and Wednesday mornings, but only until Tuesday.
  const leaving = aNewcomer({
    needs: [],
    availability: { slots: [{ day: 'mon', start: '09:00', end: '12:00' }, { day: 'wed', start: '09:00', end: '12:00' }], from: null, until: '2026-03-03' },
  });
  const freeWheneverTheyAre = aKeyPerson({
    load: 0,
    availability: { slots: [{ day: 'mon', start: '00:00', end: '24:00' }, { day: 'wed', start: '00:00', end: '24:00' }], from: null, until: null },
  });

  it('counts only the weekdays the newcomer’s date range leaves from today, as every real pair does', () => {
    const open = { ...leaving, availability: { ...leaving.availability, until: null } };
    // Monday's 3 hours (3/4 of full credit), not both mornings' 6: availability weighs 15 of 80 without needs.
    expect(best(open) - best(leaving)).toBeCloseTo((15 / 80) * 0.25, 10);
  });

  it('is reached by a key person who is free whenever the newcomer is: their share of the best is 1', () => {
    const explanation = explain(rank(leaving, [freeWheneverTheyAre], DEFAULT_POLICY, NOW));
    expect(explanation?.components.find((c) => c.name === 'availability')?.raw).toMatchObject({ overlapHours: 3 });
    expect(explanation?.bestAttainable).toBe(explanation?.score);
    expect(explanation?.shareOfBest).toBe(1);
    expect(explanation?.bestAttainableWithinDates).toBe(true);
  });

  it('counted every weekly slot before, which explanations without bestAttainableWithinDates recorded and still reproduce', () => {
    const facts = newcomerFacts(leaving, DEFAULT_POLICY, NOW);
    expect(bestAttainableIgnoringDates(facts)).toBeGreaterThan(bestAttainableScore(facts));
    expect(bestAttainableIgnoringDates(newcomerFacts({ ...leaving, availability: { ...leaving.availability, until: null } }, DEFAULT_POLICY, NOW)))
      .toBe(best({ ...leaving, availability: { ...leaving.availability, until: null } }, DEFAULT_POLICY));
  });
});
