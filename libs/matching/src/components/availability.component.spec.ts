import { DEFAULT_POLICY } from '../policy/default.policy';
import { availabilityOf, availabilityValue } from './availability.component';

const parameters = DEFAULT_POLICY.parameters.availability; // full credit at 4 hours

describe('availability component', () => {
  it('grows linearly with weekly overlap and saturates at full-credit hours', () => {
    expect(availabilityValue(0, parameters)).toBe(0);
    expect(availabilityValue(60, parameters)).toBe(0.25);
    expect(availabilityValue(240, parameters)).toBe(1);
    expect(availabilityValue(600, parameters)).toBe(1);
  });

  it('reports overlap in hours and whether it was waived', () => {
    expect(availabilityOf(90, true, parameters)).toEqual({ value: 0.375, overlapHours: 1.5, overlapWaived: true });
  });
});
