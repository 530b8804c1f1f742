import { DEFAULT_POLICY } from '../policy/default.policy';
import { GENDER_WEIGHT_RECOMMENDED } from '../policy/gender-weight';
import { aKeyPerson, aNewcomer, NOW, policyWith } from '../testing/matching.fixtures';
import { rank } from './rank';

describe('rank', () => {
  const keyPersons = [
    aKeyPerson({ id: 'k-b' }),
    aKeyPerson({ id: 'k-a' }), // the same as k-b: a tie, broken by id
    aKeyPerson({ id: 'k-busy', load: 2 }),
    aKeyPerson({ id: 'k-paused', status: 'paused' }),
    aKeyPerson({ id: 'k-full', load: 3 }),
    aKeyPerson({ id: 'k-far', municipality: 'GM0014' }),
    aKeyPerson({ id: 'k-declined' }),
  ];
  const newcomer = aNewcomer({ excludedKeyPersons: ['k-declined'] });

  it('ranks feasible key persons best first, ties by id', () => {
    expect(rank(newcomer, keyPersons, DEFAULT_POLICY, NOW).ranking.map((c) => c.keyPersonId)).toEqual(['k-a', 'k-b', 'k-busy']);
  });

  it('counts the others under the first constraint they fail', () => {
    const result = rank(newcomer, keyPersons, DEFAULT_POLICY, NOW);
    expect(result.considered).toBe(7);
    expect(result.excluded).toEqual({
      'not-active': 1,
      'no-capacity': 1,
      'do-not-match': 0,
      'previously-failed': 1,
      'out-of-radius': 1,
      'no-shared-language': 0,
      'gender-required': 0,
      'same-origin-declined': 0,
      'no-availability-overlap': 0,
    });
  });

  it('ranks a key person of the gender a newcomer prefers, though not requires, above an otherwise identical one, once the policy weighs it', () => {
    const prefers = aNewcomer({ preferences: { ...aNewcomer().preferences, keyPersonGender: 'male', genderRequired: false } });
    const pair = [aKeyPerson({ id: 'k-a', gender: 'female' }), aKeyPerson({ id: 'k-b', gender: 'male' })];
    const weighed = rank(prefers, pair, policyWith({ version: 2, weights: { gender: GENDER_WEIGHT_RECOMMENDED } }), NOW);
    expect(weighed.ranking.map((c) => c.keyPersonId)).toEqual(['k-b', 'k-a']);
    expect(weighed.ranking[0].components.find((c) => c.name === 'gender')?.raw).toEqual({ value: 1, matchesPreference: true });
    // Version 1 does not weigh it: a tie broken by id, at the score recorded before the component existed (2⁻⁴⁰ · 817914483105).
    const v1 = rank(prefers, pair, DEFAULT_POLICY, NOW);
    expect(v1.ranking.map((c) => [c.keyPersonId, c.score])).toEqual([['k-a', 817914483105 / 2 ** 40], ['k-b', 817914483105 / 2 ** 40]]);
    expect(v1.bestAttainable).toBe(1024989173002 / 2 ** 40);
  });

  it('names the policy version', () => {
    expect(rank(newcomer, [], { ...DEFAULT_POLICY, version: 7 }, NOW)).toMatchObject({ ranking: [], considered: 0, policyVersion: 7 });
  });
});
