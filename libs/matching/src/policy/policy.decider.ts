/**
 * The scoring policy's history as a decider on its own stream: every change is
 * an event carrying the whole new policy and its version, so any proposal's
 * policy can be found again by version (SPEC §4 inv. 7). Before the first
 * change the policy in force is DEFAULT_POLICY (version 1).
 */
import { Decider, DomainError } from '@sleutel/domain';
import { DEFAULT_POLICY } from './default.policy';
import { validatePolicy } from './policy.validation';
import { ScoringPolicy } from './scoring-policy';

export const SCORING_POLICY_STREAM = 'scoring-policy';

export interface ChangeScoringPolicy {
  readonly type: 'ChangeScoringPolicy';
  readonly data: { readonly at: string; readonly policy: unknown; readonly reason: string | null };
}
export type ScoringPolicyCommand = ChangeScoringPolicy;

export interface ScoringPolicyChanged {
  readonly type: 'ScoringPolicyChanged';
  readonly data: { readonly version: number; readonly policy: ScoringPolicy; readonly reason: string | null; readonly changedAt: string };
}
export type ScoringPolicyEvent = ScoringPolicyChanged;

export interface ScoringPolicyState {
  readonly current: ScoringPolicy;
  /** Every version ever in force, by number, so an old proposal can be scored again. */
  readonly versions: ReadonlyMap<number, ScoringPolicy>;
}

export const SCORING_POLICY_ERRORS = { invalid: 'POLICY.INVALID' } as const;

function decide(command: ScoringPolicyCommand, state: ScoringPolicyState): ScoringPolicyEvent[] {
  const { policy, at, reason } = command.data;
  const violations = validatePolicy(policy);
  const next = state.current.version + 1;
  if (violations.length === 0 && (policy as ScoringPolicy).version !== next) {
    violations.push({ field: 'policy.version', rule: 'next-version', message: `must be ${next}, the version after the one in force` });
  }
  if (reason !== null && reason.length > 1000) violations.push({ field: 'reason', rule: 'max-length', message: 'must be at most 1000 characters' });
  if (violations.length > 0) throw new DomainError(SCORING_POLICY_ERRORS.invalid, 'invalid', 'The scoring policy is not valid', violations);
  return [{ type: 'ScoringPolicyChanged', data: { version: next, policy: policy as ScoringPolicy, reason, changedAt: at } }];
}

function evolve(state: ScoringPolicyState, event: ScoringPolicyEvent): ScoringPolicyState {
  const versions = new Map(state.versions);
  versions.set(event.data.version, event.data.policy);
  return { current: event.data.policy, versions };
}

export const initialScoringPolicyState = (): ScoringPolicyState => ({
  current: DEFAULT_POLICY,
  versions: new Map([[DEFAULT_POLICY.version, DEFAULT_POLICY]]),
});

export const scoringPolicyDecider: Decider<ScoringPolicyCommand, ScoringPolicyEvent, ScoringPolicyState> = {
  decide,
  evolve,
  initialState: initialScoringPolicyState,
};
