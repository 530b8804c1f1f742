import { KeyPersonState, Match, NewcomerState } from '@sleutel/domain';
import { CommandRunner } from '@sleutel/eventsourcing';
import { brokenConstraintOf, ExclusionReason, MatchingKeyPerson, SCORING_POLICY_STREAM, ScoringPolicy } from '@sleutel/matching';
import { scoringPolicyAggregate } from '@sleutel/platform';
import { toCandidate } from './candidate-pool';
import { toMatchingNewcomer } from './matching-newcomer.mapper';

/**
 * The hard constraint a proposed or approved pair breaks now, judged under
 * the policy version its proposal names (a policy change does not re-judge
 * it); null while it fits, once it is accepted or closed, or when either
 * profile is gone (erased: the erasure's own jobs close the match). The
 * matcher's pair check, the settlement of a proposal and the API's approve
 * and accept all ask this.
 */
export function constraintBrokenBy(
  match: Match, newcomer: NewcomerState, keyPerson: MatchingKeyPerson | null, policyOf: (version: number) => ScoringPolicy, now: string,
): ExclusionReason | null {
  if (match.status !== 'proposed' && match.status !== 'approved') return null;
  const matching = toMatchingNewcomer(match.newcomerId, newcomer);
  if (matching === null || keyPerson === null) return null;
  return brokenConstraintOf(matching, keyPerson, policyOf(match.policyVersion), now);
}

/**
 * `constraintBrokenBy` with the profiles as the caller read them from their
 * streams, and the policy read from its own, as they are now, rather than
 * from a candidate pool that may be behind them: for a judgement that must
 * see every change appended before it (the settlement, the API's approve and
 * accept).
 */
export async function constraintBrokenNow(
  runner: CommandRunner, match: Match, newcomer: NewcomerState, keyPerson: KeyPersonState, now: string,
): Promise<ExclusionReason | null> {
  // Accepted or closed: nothing to judge, so nothing to read.
  if (match.status !== 'proposed' && match.status !== 'approved') return null;
  const { state: policies } = await runner.load(scoringPolicyAggregate, SCORING_POLICY_STREAM);
  const policyOf = (version: number) => policies.versions.get(version) ?? policies.current;
  return constraintBrokenBy(match, newcomer, toCandidate(match.keyPersonId, keyPerson), policyOf, now);
}
