import fc from 'fast-check';
import { aKeyPerson, aNewcomer, NOW } from '../testing/matching.fixtures';
import * as arb from '../testing/matching.arbitraries';
import { DEFAULT_POLICY } from '../policy/default.policy';
import { assess, brokenConstraintOf } from './assess';

describe('brokenConstraintOf (a standing proposal after a profile change)', () => {
  const newcomer = aNewcomer();
  const keyPerson = aKeyPerson();

  it('finds nothing broken in a pair that fits', () => {
    expect(assess(newcomer, keyPerson, DEFAULT_POLICY, NOW).feasible).toBe(true);
    expect(brokenConstraintOf(newcomer, keyPerson, DEFAULT_POLICY, NOW)).toBeNull();
  });

  it('names the constraint a change on either side breaks', () => {
    expect(brokenConstraintOf({ ...newcomer, doNotMatch: [keyPerson.id] }, keyPerson, DEFAULT_POLICY, NOW)).toBe('do-not-match');
    const wantsAnotherGender = { ...newcomer.preferences, keyPersonGender: keyPerson.gender === 'female' ? 'male' : 'female', genderRequired: true } as const;
    expect(brokenConstraintOf({ ...newcomer, preferences: wantsAnotherGender }, keyPerson, DEFAULT_POLICY, NOW)).toBe('gender-required');
    expect(brokenConstraintOf(newcomer, { ...keyPerson, languages: [{ code: 'jpn', level: 'native' }] }, DEFAULT_POLICY, NOW)).toBe('no-shared-language');
  });

  it('keeps a pair whose key person is full (this pair holds a place), paused, or failed with the newcomer before', () => {
    const full = { ...keyPerson, load: keyPerson.capacity };
    expect(assess(newcomer, full, DEFAULT_POLICY, NOW)).toEqual({ feasible: false, reason: 'no-capacity' });
    expect(brokenConstraintOf(newcomer, full, DEFAULT_POLICY, NOW)).toBeNull();
    expect(brokenConstraintOf(newcomer, { ...keyPerson, status: 'paused' }, DEFAULT_POLICY, NOW)).toBeNull();
    expect(brokenConstraintOf({ ...newcomer, excludedKeyPersons: [keyPerson.id] }, keyPerson, DEFAULT_POLICY, NOW)).toBeNull();
  });

  it('agrees with the full check on every pair, once status, places and past failures are set aside', () => {
    fc.assert(
      fc.property(arb.rankingInput(), ({ newcomer: someone, candidates, policy, now }) => {
        const withoutHistory = { ...someone, excludedKeyPersons: [] };
        for (const candidate of candidates) {
          const open = { ...candidate, status: 'active' as const, capacity: Math.max(1, candidate.capacity), load: 0 };
          const full = assess(withoutHistory, open, policy, now);
          expect(brokenConstraintOf(someone, candidate, policy, now)).toBe(full.feasible ? null : full.reason);
        }
      }),
      { numRuns: 200 },
    );
  });
});
