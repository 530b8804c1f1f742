/**
 * The match aggregate as a decider: one proposal's lifecycle on its own
 * `match-<uuid>` stream (SPEC §4). Proposing, approving and accepting live
 * here; the closing transitions in `match.closing.ts`.
 *
 * The checks run in one order for every command: an unknown match, then
 * invalid input, then a closed match (where repeating the very closing that
 * happened is a no-op), then whether the status allows the command.
 */
import { Decider } from '../decider';
import { assertNever } from '../domain-error';
import { deadlineViolations, instantOf, toInstant } from '../rules/date-time.rules';
import { toJsonObject } from '../rules/json.rules';
import { rejectIfInvalid } from '../rules/violation';
import * as closing from './match.closing';
import { AcceptMatch, ApproveMatch, MatchCommand, ProposeMatch } from './match.commands';
import { MATCH_ERRORS, matchAlreadyProposed, matchClosed, matchDeadlinePassed, matchNotApproved, matchNotFound } from './match.errors';
import { ACCEPTANCE_RULES, MatchEvent } from './match.events';
import { actorViolations, partyViolations, proposalViolations } from './match.rules';
import { Match, MatchState, evolveMatch, initialMatchState, pairOf } from './match.state';
import { MATCH_PARTIES, isOpen } from './match.status';

export function decideMatch(command: MatchCommand, state: MatchState): MatchEvent[] {
  switch (command.type) {
    case 'ProposeMatch':
      return propose(command, state);
    case 'ApproveMatch':
      return approve(command, state);
    case 'AcceptMatch':
      return accept(command, state);
    case 'RejectMatch':
      return closing.reject(command, existingMatch(state));
    case 'DeclineMatch':
      return closing.decline(command, existingMatch(state));
    case 'ExpireMatch':
      return closing.expire(command, existingMatch(state));
    case 'EndMatch':
      return closing.end(command, existingMatch(state));
    case 'WithdrawMatch':
      return closing.withdraw(command, existingMatch(state));
    default:
      return assertNever(command);
  }
}

/**
 * The same pair again is the resumed job of the same proposal, whatever became
 * of it since, and whatever a re-run scored: the first proposal stands.
 */
function propose({ data }: ProposeMatch, state: MatchState): MatchEvent[] {
  rejectIfInvalid(MATCH_ERRORS.invalid, 'proposal', proposalViolations(data));
  if (state.status !== 'unproposed') {
    if (state.newcomerId === data.newcomerId && state.keyPersonId === data.keyPersonId) return [];
    throw matchAlreadyProposed();
  }
  const { matchId, newcomerId, keyPersonId, score, policyVersion, logPosition } = data;
  return [
    {
      type: 'MatchProposed',
      data: {
        matchId, newcomerId, keyPersonId, score, policyVersion, logPosition,
        expiresAt: toInstant(data.expiresAt),
        explanation: toJsonObject(data.explanation),
        proposedAt: data.at,
        ...(data.cohortRunId === undefined ? {} : { cohortRunId: data.cohortRunId }),
      },
    },
  ];
}

/** Approving an approved or accepted match changes nothing: the first approval stands. */
function approve({ data }: ApproveMatch, state: MatchState): MatchEvent[] {
  const match = existingMatch(state);
  rejectIfInvalid(MATCH_ERRORS.invalid, 'approval', [
    ...actorViolations(data.by),
    ...deadlineViolations(data.expiresAt, data.at, 'expiresAt', 'Deadline'),
  ]);
  requireOpen(match);
  if (match.status !== 'proposed') return [];
  requireBeforeDeadline(match, data.at);
  return [
    {
      type: 'MatchApproved',
      data: { ...pairOf(match), approvedBy: data.by.trim(), expiresAt: toInstant(data.expiresAt), approvedAt: data.at },
    },
  ];
}

/** Each party answers once; the second acceptance also makes the match accepted, in the same append. */
function accept({ data }: AcceptMatch, state: MatchState): MatchEvent[] {
  const match = existingMatch(state);
  rejectIfInvalid(MATCH_ERRORS.invalid, 'acceptance', partyViolations(data.party));
  requireOpen(match);
  if (match.status === 'proposed') throw matchNotApproved();
  if (match.acceptedBy.includes(data.party)) return [];
  if (match.status === 'approved') requireBeforeDeadline(match, data.at);
  const accepted: MatchEvent = { type: 'MatchPartyAccepted', data: { ...pairOf(match), party: data.party, acceptedAt: data.at } };
  const everyone = MATCH_PARTIES.every((party) => party === data.party || match.acceptedBy.includes(party));
  return everyone ? [accepted, { type: 'MatchAccepted', data: { ...pairOf(match), acceptedAt: data.at, acceptanceRules: ACCEPTANCE_RULES } }] : [accepted];
}

function existingMatch(state: MatchState): Match {
  if (state.status === 'unproposed') throw matchNotFound();
  return state;
}

function requireOpen(match: Match): void {
  if (!isOpen(match.status)) throw matchClosed();
}

/**
 * An answer comes before the deadline of the answer awaited (SPEC §4:
 * `expired`, no answer before the configured deadline), whether or not the
 * expiry sweep has run yet: a late one would revive what the sweep is about to close.
 */
function requireBeforeDeadline(match: Match, at: string): void {
  if (instantOf(at) >= instantOf(match.expiresAt)) throw matchDeadlinePassed();
}

export const matchDecider: Decider<MatchCommand, MatchEvent, MatchState> = {
  decide: decideMatch,
  evolve: evolveMatch,
  initialState: initialMatchState,
};
