import { aKeyPerson, aNewcomer, pairOf } from '../testing/matching.fixtures';
import { noCapacity } from './no-capacity.constraint';

describe('no-capacity', () => {
  it.each([
    [0, 1, false],
    [2, 3, false],
    [3, 3, true],
    [4, 3, true],
  ])('load %p of capacity %p excludes: %p', (load, capacity, excluded) => {
    expect(noCapacity.excludes(pairOf(aNewcomer(), aKeyPerson({ load, capacity })))).toBe(excluded);
  });
});
