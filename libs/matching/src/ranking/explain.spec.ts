import { DEFAULT_POLICY } from '../policy/default.policy';
import { aKeyPerson, aNewcomer, NOW, policyWith } from '../testing/matching.fixtures';
import { explain } from './explain';
import { rank } from './rank';

describe('explain', () => {
  const loads = [0, 1, 2, 0, 1];
  const keyPersons = loads.map((load, i) => aKeyPerson({ id: `k-${i}`, load, capacity: i === 3 ? 1 : 3 }));
  const result = rank(aNewcomer(), [...keyPersons, aKeyPerson({ id: 'k-paused', status: 'paused' })], DEFAULT_POLICY, NOW);

  it('explains the best candidate with the next three as alternatives and their gaps', () => {
    const explanation = explain(result);
    expect(explanation?.keyPersonId).toBe('k-0');
    expect(explanation?.alternatives.map((a) => a.keyPersonId)).toEqual(['k-3', 'k-1', 'k-4']);
    for (const alternative of explanation?.alternatives ?? []) expect(alternative.gap).toBe((explanation?.score ?? 0) - alternative.score);
    expect(explanation).toMatchObject({ policyVersion: 1, considered: 6, excluded: { 'not-active': 1 } });
  });

  it('gives the score as a share of the best attainable', () => {
    const explanation = explain(result);
    expect(explanation?.shareOfBest).toBe((explanation?.score ?? 0) / result.bestAttainable);
  });

  it('explains another ranked candidate on request, against the best others', () => {
    const explanation = explain(result, 'k-2');
    expect(explanation?.alternatives.map((a) => a.keyPersonId)).toEqual(['k-0', 'k-3', 'k-1']);
    expect(explanation?.alternatives[0].gap).toBeLessThan(0);
  });

  it('explains why a key person of the preferred, not required, gender came first, once the policy weighs gender', () => {
    const prefers = aNewcomer({ preferences: { ...aNewcomer().preferences, keyPersonGender: 'female', genderRequired: false } });
    const twins = [aKeyPerson({ id: 'k-a', gender: 'male' }), aKeyPerson({ id: 'k-b', gender: 'female' })];
    const explanation = explain(rank(prefers, twins, policyWith({ version: 2, weights: { gender: 10 } }), NOW));
    expect(explanation?.keyPersonId).toBe('k-b');
    const gender = explanation?.components.find((c) => c.name === 'gender');
    expect(gender).toEqual({ name: 'gender', raw: { value: 1, matchesPreference: true }, weight: 10, contribution: expect.any(Number) });
    // The whole gap to the twin is the gender contribution; the ideal key person is of the preferred gender too.
    expect(explanation?.alternatives).toEqual([{ keyPersonId: 'k-a', score: expect.any(Number), gap: gender?.contribution }]);
    expect(explanation?.shareOfBest).toBe((explanation?.score ?? 0) / (explanation?.bestAttainable ?? 1));
    // Under version 1 the same two tie, and nothing about gender is explained.
    const v1 = explain(rank(prefers, twins, DEFAULT_POLICY, NOW));
    expect(v1?.keyPersonId).toBe('k-a');
    expect(v1?.alternatives[0].gap).toBe(0);
    expect(v1?.components.map((c) => c.name)).not.toContain('gender');
  });

  it('has nothing to explain without a feasible candidate', () => {
    expect(explain(rank(aNewcomer(), [], DEFAULT_POLICY, NOW))).toBeNull();
    expect(explain(result, 'k-paused')).toBeNull();
  });
});
