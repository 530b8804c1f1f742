import { aNewcomer } from '../testing/matching.fixtures';
import { originApplies, originOf } from './origin.component';

describe('origin component', () => {
  it('applies only when the newcomer chose same origin yes', () => {
    const choosing = (sameOrigin: 'yes' | 'no' | 'no-preference') => aNewcomer({ preferences: { ...aNewcomer().preferences, sameOrigin } });
    expect(originApplies(choosing('yes'))).toBe(true);
    expect(originApplies(choosing('no'))).toBe(false);
    expect(originApplies(choosing('no-preference'))).toBe(false);
  });

  it('is 1 for the same country and 0 otherwise, naming no country', () => {
    expect(originOf(true)).toEqual({ value: 1, sameCountry: true });
    expect(originOf(false)).toEqual({ value: 0, sameCountry: false });
  });
});
