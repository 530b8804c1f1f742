import { aKeyPerson, aNewcomer, pairOf } from '../testing/matching.fixtures';
import { doNotMatch } from './do-not-match.constraint';

describe('do-not-match', () => {
  it('excludes key persons on the newcomer’s list, and only them', () => {
    const newcomer = aNewcomer({ doNotMatch: ['k-1'] });
    expect(doNotMatch.excludes(pairOf(newcomer, aKeyPerson({ id: 'k-1' })))).toBe(true);
    expect(doNotMatch.excludes(pairOf(newcomer, aKeyPerson({ id: 'k-2' })))).toBe(false);
  });
});
