import { DEFAULT_POLICY } from '../policy/default.policy';
import { aKeyPerson, aNewcomer, pairOf, policyWith } from '../testing/matching.fixtures';
import { scorePair } from './score-pair';

const names = (newcomer = aNewcomer(), policy = policyWith({})) => scorePair(pairOf(newcomer, aKeyPerson(), policy)).components.map((c) => c.name);

describe('scorePair', () => {
  it('lists the components that apply, in the fixed order', () => {
    expect(names()).toEqual(['language', 'expertise', 'availability', 'proximity', 'load', 'waiting']);
  });

  it('adds origin only when the newcomer chose same origin yes', () => {
    const asking = aNewcomer({ preferences: { ...aNewcomer().preferences, sameOrigin: 'yes' } });
    expect(names(asking)).toContain('origin');
    expect(names(aNewcomer({ preferences: { ...aNewcomer().preferences, sameOrigin: 'no' } }))).not.toContain('origin');
  });

  describe('gender, for a newcomer who prefers a gender without requiring it', () => {
    const prefers = aNewcomer({ preferences: { ...aNewcomer().preferences, keyPersonGender: 'female', genderRequired: false } });
    const weighing = policyWith({ weights: { gender: 10 } });
    const scored = (keyPerson = aKeyPerson(), newcomer = prefers, policy = weighing) => scorePair(pairOf(newcomer, keyPerson, policy));

    it('adds gender last, under a policy that weighs it, saying only whether the key person matches', () => {
      expect(scored().components.map((c) => c.name)).toEqual(['language', 'expertise', 'availability', 'proximity', 'load', 'waiting', 'gender']);
      expect(scored().components.at(-1)).toEqual({ name: 'gender', raw: { value: 1, matchesPreference: true }, weight: 10, contribution: expect.any(Number) });
      expect(scored(aKeyPerson({ gender: 'male' })).components.at(-1)).toEqual({ name: 'gender', raw: { value: 0, matchesPreference: false }, weight: 10, contribution: 0 });
    });

    it('scores the key person of the preferred gender higher by the weight’s share, all else equal', () => {
      const matching = scored();
      const other = scored(aKeyPerson({ gender: 'male' }));
      expect(matching.score).toBeGreaterThan(other.score);
      expect(matching.score - other.score).toBeCloseTo(10 / 110, 10);
      expect(matching.score).toBe(matching.components.reduce((sum, c) => sum + c.contribution, 0));
    });

    it('leaves gender out for a required preference, for any, and under version 1', () => {
      expect(names({ ...prefers, preferences: { ...prefers.preferences, genderRequired: true } }, weighing)).not.toContain('gender');
      expect(names({ ...prefers, preferences: { ...prefers.preferences, keyPersonGender: 'any' } }, weighing)).not.toContain('gender');
      expect(names(prefers)).not.toContain('gender');
    });

    it('keeps version 1 scoring as it did before the component: both key persons score the recorded 0.74388…, bit for bit', () => {
      // Recorded from the scorer before the gender component existed (2⁻⁴⁰ · 817914483105); a preference that is not required counted for nothing.
      const before = 817914483105 / 2 ** 40;
      expect(scored(aKeyPerson(), prefers, DEFAULT_POLICY).score).toBe(before);
      expect(scored(aKeyPerson({ gender: 'male' }), prefers, DEFAULT_POLICY).score).toBe(before);
    });

    it('changes no score, bit for bit, when it applies with weight 0', () => {
      for (const keyPerson of [aKeyPerson(), aKeyPerson({ gender: 'male' })]) {
        const zero = scored(keyPerson, prefers, policyWith({ weights: { gender: 0 } }));
        const without = scored(keyPerson, prefers, DEFAULT_POLICY);
        expect(zero.score).toBe(without.score);
        expect(zero.components.slice(0, -1)).toEqual(without.components);
        expect(zero.components.at(-1)).toMatchObject({ name: 'gender', weight: 0, contribution: 0 });
      }
    });
  });

  it('leaves expertise out for a newcomer without needs', () => {
    expect(names(aNewcomer({ needs: [] }))).not.toContain('expertise');
  });

  it('keeps a zero-weight component in the explanation, contributing nothing', () => {
    const scored = scorePair(pairOf(aNewcomer(), aKeyPerson(), policyWith({ weights: { load: 0 } })));
    expect(scored.components.find((c) => c.name === 'load')).toMatchObject({ weight: 0, contribution: 0 });
  });

  it('scores the fixture pair as the README works it out', () => {
    const scored = scorePair(pairOf(aNewcomer(), aKeyPerson()));
    // language 1·0.3 + expertise 0.6·0.2 + availability 0.5·0.15 + proximity 1·0.15 + load (2/3)·0.1 + waiting (29/90)·0.1
    expect(scored.score).toBeCloseTo(0.3 + 0.12 + 0.075 + 0.15 + 0.2 / 3 + 0.029 / 0.9, 10);
    expect(scored.score).toBe(scored.components.reduce((sum, c) => sum + c.contribution, 0));
  });
});
