import { DEFAULT_POLICY } from '../policy/default.policy';
import { expertiseOf } from './expertise.component';

const parameters = DEFAULT_POLICY.parameters.expertise;

describe('expertise component', () => {
  it('is the priority-weighted share of needs covered', () => {
    const needs = [{ topic: 'health', priority: 1 }, { topic: 'housing', priority: 2 }, { topic: 'work', priority: 3 }] as const;
    expect(expertiseOf(needs, ['health'], parameters)).toEqual({ value: 3 / 6, covered: ['health'], uncovered: ['housing', 'work'] });
    expect(expertiseOf(needs, ['work'], parameters).value).toBe(1 / 6);
    expect(expertiseOf(needs, ['housing', 'work', 'health', 'legal'], parameters).value).toBe(1);
  });

  it('is 0 for a key person who knows none of the needs', () => {
    expect(expertiseOf([{ topic: 'legal', priority: 1 }], ['health'], parameters).value).toBe(0);
  });
});
