import { DeciderSpecification } from '@sleutel/domain';
import { DEFAULT_POLICY } from './default.policy';
import { ChangeScoringPolicy, scoringPolicyDecider, ScoringPolicyChanged } from './policy.decider';

const spec = DeciderSpecification.for(scoringPolicyDecider);
const at = '2026-12-01T10:00:00.000Z';
const change = (policy: unknown, reason: string | null = 'more weight on expertise'): ChangeScoringPolicy => ({ type: 'ChangeScoringPolicy', data: { at, policy, reason } });
const v2 = { ...DEFAULT_POLICY, version: 2, weights: { ...DEFAULT_POLICY.weights, expertise: 30 } };
const changed = (policy: typeof v2, reason: string | null = 'more weight on expertise'): ScoringPolicyChanged => ({
  type: 'ScoringPolicyChanged', data: { version: policy.version, policy, reason, changedAt: at },
});

describe('scoring policy decider', () => {
  it('records a valid next version with its reason', () => {
    spec.given([]).when(change(v2)).then([changed(v2)]);
  });

  it('refuses a version that is not the next one', () => {
    spec.given([]).when(change({ ...v2, version: 3 })).thenThrows('POLICY.INVALID', ['policy.version']);
    spec.given([changed(v2)]).when(change(v2)).thenThrows('POLICY.INVALID', ['policy.version']);
  });

  it('refuses an invalid policy, naming the field', () => {
    spec.given([]).when(change({ ...v2, weights: { ...v2.weights, language: -1 } })).thenThrows('POLICY.INVALID', ['policy.weights.language']);
  });

  it('keeps every version for later reproduction', () => {
    const state = [changed(v2)].reduce(scoringPolicyDecider.evolve, scoringPolicyDecider.initialState());
    expect(state.current.version).toBe(2);
    expect(state.versions.get(1)).toEqual(DEFAULT_POLICY);
    expect(state.versions.get(2)).toEqual(v2);
  });
});
