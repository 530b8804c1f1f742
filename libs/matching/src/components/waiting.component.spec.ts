import { DEFAULT_POLICY } from '../policy/default.policy';
import { waitingValue } from './waiting.component';

const parameters = DEFAULT_POLICY.parameters.waiting; // full bonus at 90 days

describe('waiting component', () => {
  it('grows linearly with days waited and saturates', () => {
    expect(waitingValue(0, parameters)).toBe(0);
    expect(waitingValue(45, parameters)).toBe(0.5);
    expect(waitingValue(365, parameters)).toBe(1);
  });
});
