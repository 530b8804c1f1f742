import { DEFAULT_POLICY } from './default.policy';
import { COMPONENT_INDEX, COMPONENT_NAMES } from './scoring-policy';

describe('the scoring policy', () => {
  it('indexes components in their fixed order', () => {
    expect(COMPONENT_NAMES.map((name) => COMPONENT_INDEX[name])).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('ships a frozen version 1 at the floors of SPEC §4 inv. 5', () => {
    expect(DEFAULT_POLICY.version).toBe(1);
    expect(DEFAULT_POLICY.constraints).toMatchObject({ minSharedLevel: 'conversational', minOverlapMinutes: 60 });
    expect(Object.isFrozen(DEFAULT_POLICY.parameters.language.levelCredit)).toBe(true);
  });
});
