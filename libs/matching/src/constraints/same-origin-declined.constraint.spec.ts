import type { SameOriginChoice } from '@sleutel/domain';
import { aKeyPerson, aNewcomer, pairOf } from '../testing/matching.fixtures';
import { sameOriginDeclined } from './same-origin-declined.constraint';

const choosing = (sameOrigin: SameOriginChoice) => aNewcomer({ origin: { country: 'ER' }, preferences: { ...aNewcomer().preferences, sameOrigin } });

describe('same-origin-declined', () => {
  it('excludes a key person from the same country when the newcomer said no', () => {
    expect(sameOriginDeclined.excludes(pairOf(choosing('no'), aKeyPerson({ origin: { country: 'ER' } })))).toBe(true);
    expect(sameOriginDeclined.excludes(pairOf(choosing('no'), aKeyPerson({ origin: { country: 'ET' } })))).toBe(false);
  });

  it.each(['yes', 'no-preference'] as const)('excludes nobody when the newcomer said %s', (choice) => {
    expect(sameOriginDeclined.excludes(pairOf(choosing(choice), aKeyPerson({ origin: { country: 'ER' } })))).toBe(false);
  });
});
