import { aKeyPerson, aNewcomer, pairOf } from '../testing/matching.fixtures';
import { notActive } from './not-active.constraint';

describe('not-active', () => {
  it.each([
    ['active', false],
    ['paused', true],
    ['retired', true],
  ] as const)('a %s key person is excluded: %p', (status, excluded) => {
    expect(notActive.excludes(pairOf(aNewcomer(), aKeyPerson({ status })))).toBe(excluded);
  });
});
