import { DEFAULT_POLICY } from '../policy/default.policy';
import { aKeyPerson, aNewcomer, NOW } from '../testing/matching.fixtures';
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

  it('names the policy version', () => {
    expect(rank(newcomer, [], { ...DEFAULT_POLICY, version: 7 }, NOW)).toMatchObject({ ranking: [], considered: 0, policyVersion: 7 });
  });
});
