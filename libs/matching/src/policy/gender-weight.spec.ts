import { DEFAULT_POLICY } from './default.policy';
import { GENDER_WEIGHT_RECOMMENDED, genderWeightOf, weighsGender, weightOf } from './gender-weight';
import { COMPONENT_NAMES } from './scoring-policy';

describe('the gender weight', () => {
  it('is not part of version 1, which must score as it always did (SPEC §4 inv. 7): absent reads as 0 and weighs nothing', () => {
    expect(DEFAULT_POLICY.weights).not.toHaveProperty('gender');
    expect(weighsGender(DEFAULT_POLICY.weights)).toBe(false);
    expect(genderWeightOf(DEFAULT_POLICY.weights)).toBe(0);
    expect(COMPONENT_NAMES.map((name) => weightOf(DEFAULT_POLICY.weights, name))).toEqual([30, 20, 15, 15, 10, 10, 20, 0]);
  });

  it('reads a weight that is there, 0 included', () => {
    expect(genderWeightOf({ ...DEFAULT_POLICY.weights, gender: 7 })).toBe(7);
    expect(weighsGender({ ...DEFAULT_POLICY.weights, gender: 0 })).toBe(true);
    expect(weightOf({ ...DEFAULT_POLICY.weights, gender: 7 }, 'gender')).toBe(7);
  });

  it('recommends 10: less than origin, which the newcomer opted in to', () => {
    expect(GENDER_WEIGHT_RECOMMENDED).toBe(10);
    expect(GENDER_WEIGHT_RECOMMENDED).toBeLessThan(DEFAULT_POLICY.weights.origin);
  });
});
