import { aKeyPerson, aNewcomer, pairOf } from '../testing/matching.fixtures';
import { previouslyFailed } from './previously-failed.constraint';

describe('previously-failed', () => {
  it('excludes key persons of pairs that were rejected, declined or expired', () => {
    const newcomer = aNewcomer({ excludedKeyPersons: ['k-1', 'k-3'] });
    expect(previouslyFailed.excludes(pairOf(newcomer, aKeyPerson({ id: 'k-3' })))).toBe(true);
    expect(previouslyFailed.excludes(pairOf(newcomer, aKeyPerson({ id: 'k-2' })))).toBe(false);
  });
});
