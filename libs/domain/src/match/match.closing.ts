/**
 * The transitions that close a match, one function per command. A closed
 * match refuses everything (`MATCH.CLOSED`) except the very closing that
 * happened, repeated: a redelivered command, which carries a new `at` but the
 * same decision, changes nothing.
 */
import { DomainError } from '../domain-error';
import { instantOf } from '../rules/date-time.rules';
import { requiredReasonViolations } from '../rules/free-text.rules';
import { rejectIfInvalid } from '../rules/violation';
import { isStructurallyEqual } from '../structural-equality';
import { DeclineMatch, EndMatch, ExpireMatch, RejectMatch, WithdrawMatch } from './match.commands';
import { MATCH_ERRORS, matchAlreadyAccepted, matchClosed, matchNotAccepted, matchNotDue } from './match.errors';
import { MatchEvent } from './match.events';
import { actorViolations, endOutcomeViolations, partyViolations } from './match.rules';
import { Match, MatchClosing, pairOf } from './match.state';
import { MatchStatus, OPEN_MATCH_STATUSES, PENDING_MATCH_STATUSES } from './match.status';

export function reject({ data }: RejectMatch, match: Match): MatchEvent[] {
  rejectIfInvalid(MATCH_ERRORS.invalid, 'rejection', [...actorViolations(data.by), ...requiredReasonViolations(data.reason)]);
  const by = data.by.trim();
  const reason = data.reason.trim();
  return close(match, { status: 'rejected', by, reason }, PENDING_MATCH_STATUSES, matchAlreadyAccepted, () => ({
    type: 'MatchRejected',
    data: { ...pairOf(match), rejectedBy: by, reason, rejectedAt: data.at },
  }));
}

/**
 * Declining costs the key person nothing (SPEC §4); the pair is barred, not
 * the person. The party may be left unsaid (null): SPEC §9's decline takes
 * only a reason.
 */
export function decline({ data }: DeclineMatch, match: Match): MatchEvent[] {
  rejectIfInvalid(MATCH_ERRORS.invalid, 'decline', [...(data.party === null ? [] : partyViolations(data.party)), ...requiredReasonViolations(data.reason)]);
  const reason = data.reason.trim();
  return close(match, { status: 'declined', party: data.party, reason }, PENDING_MATCH_STATUSES, matchAlreadyAccepted, () => ({
    type: 'MatchDeclined',
    data: { ...pairOf(match), party: data.party, reason, declinedAt: data.at },
  }));
}

/** The deadline is that of the answer awaited now: the coordinator's, or the parties' once approved. */
export function expire({ data }: ExpireMatch, match: Match): MatchEvent[] {
  return close(match, { status: 'expired' }, PENDING_MATCH_STATUSES, matchAlreadyAccepted, () => {
    if (instantOf(data.at) < instantOf(match.expiresAt)) throw matchNotDue();
    return { type: 'MatchExpired', data: { ...pairOf(match), expiresAt: match.expiresAt, expiredAt: data.at } };
  });
}

export function end({ data }: EndMatch, match: Match): MatchEvent[] {
  rejectIfInvalid(MATCH_ERRORS.invalid, 'ending', [...endOutcomeViolations(data.outcome), ...requiredReasonViolations(data.reason)]);
  const reason = data.reason.trim();
  return close(match, { status: 'ended', outcome: data.outcome, reason }, ['accepted'], matchNotAccepted, () => ({
    type: 'MatchEnded',
    data: { ...pairOf(match), outcome: data.outcome, reason, endedAt: data.at },
  }));
}

/** From any open status: a withdrawn (or erased) newcomer leaves nothing open behind. */
export function withdraw({ data }: WithdrawMatch, match: Match): MatchEvent[] {
  rejectIfInvalid(MATCH_ERRORS.invalid, 'withdrawal', requiredReasonViolations(data.reason));
  const reason = data.reason.trim();
  return close(match, { status: 'withdrawn', reason }, OPEN_MATCH_STATUSES, matchClosed, () => ({
    type: 'MatchWithdrawn',
    data: { ...pairOf(match), reason, withdrawnAt: data.at },
  }));
}

/**
 * Nothing when this very closing already happened; `MATCH.CLOSED` after any
 * other; `refusal` when the match is open but not in one of the `from`
 * statuses; otherwise the event, which may still refuse (a deadline not due).
 */
function close(
  match: Match,
  closing: MatchClosing,
  from: readonly MatchStatus[],
  refusal: () => DomainError,
  event: () => MatchEvent,
): MatchEvent[] {
  if (match.closing !== null) {
    if (isStructurallyEqual(match.closing, closing) || isSameButForErasedReason(match.closing, closing)) return [];
    throw matchClosed();
  }
  if (!from.includes(match.status)) throw refusal();
  return [event()];
}

/**
 * A closing's reason is sealed under both people's keys: once either is erased
 * it reads `{ erased: true }`, and a redelivered command can be compared on
 * everything else only (status, who, which party, outcome).
 */
function isSameButForErasedReason(stored: MatchClosing, repeated: MatchClosing): boolean {
  if (!('reason' in stored) || typeof stored.reason === 'string' || !('reason' in repeated)) return false;
  return isStructurallyEqual({ ...stored, reason: null }, { ...repeated, reason: null });
}
