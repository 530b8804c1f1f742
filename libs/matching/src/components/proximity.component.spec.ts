import { DEFAULT_POLICY } from '../policy/default.policy';
import { proximityOf, proximityValue } from './proximity.component';

const parameters = DEFAULT_POLICY.parameters.proximity; // halves at 10 km

describe('proximity component', () => {
  it('is 1 in the same municipality and halves at the half distance', () => {
    expect(proximityValue(0, parameters)).toBe(1);
    expect(proximityValue(10, parameters)).toBe(0.5);
    expect(proximityValue(30, parameters)).toBe(0.25);
  });

  it('is 0 when the distance is unknown', () => {
    expect(proximityOf(null, parameters)).toEqual({ value: 0, km: null });
  });
});
