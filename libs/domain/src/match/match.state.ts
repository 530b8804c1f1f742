/** A match as the decider needs to know it, folded from its `match-<uuid>` stream. */
import { assertNever } from '../domain-error';
import { JsonObject } from '../rules/json.rules';
import { MatchEvent } from './match.events';
import { MatchEndOutcome, MatchParty, MatchStatus } from './match.status';

/** The stream is empty: nothing was proposed under this id. */
export interface UnproposedMatch {
  readonly status: 'unproposed';
}

export interface Match {
  readonly status: MatchStatus;
  readonly matchId: string;
  readonly newcomerId: string;
  readonly keyPersonId: string;
  readonly score: number;
  readonly policyVersion: number;
  readonly logPosition: number;
  readonly explanation: JsonObject;
  /** The cohort run that chose the pair, as recorded in clear (null: on demand, or a proposal whose run only its explanation names). */
  readonly cohortRunId: string | null;
  readonly proposedAt: string;
  /** The deadline of the answer awaited now: the coordinator's, then, once approved, the parties'. */
  readonly expiresAt: string;
  readonly approvedBy: string | null;
  readonly approvedAt: string | null;
  /** Parties that accepted, in the order they did. */
  readonly acceptedBy: readonly MatchParty[];
  /** How the match closed; what a repeated closing command is compared with. */
  readonly closing: MatchClosing | null;
  readonly closedAt: string | null;
}

export type MatchState = UnproposedMatch | Match;

/** The closing transition without its time, so that a redelivered command (with a new `at`) compares equal. */
export type MatchClosing =
  | { readonly status: 'rejected'; readonly by: string; readonly reason: string }
  | { readonly status: 'declined'; readonly party: MatchParty | null; readonly reason: string }
  | { readonly status: 'expired' }
  | { readonly status: 'ended'; readonly outcome: MatchEndOutcome; readonly reason: string }
  | { readonly status: 'withdrawn'; readonly reason: string };

/** The ids every match event carries. */
export const pairOf = ({ matchId, newcomerId, keyPersonId }: Match): { matchId: string; newcomerId: string; keyPersonId: string } => ({
  matchId,
  newcomerId,
  keyPersonId,
});

export const initialMatchState = (): MatchState => ({ status: 'unproposed' });

export function evolveMatch(state: MatchState, event: MatchEvent): MatchState {
  switch (event.type) {
    case 'MatchProposed': {
      const { matchId, newcomerId, keyPersonId, score, policyVersion, logPosition, explanation, proposedAt, expiresAt } = event.data;
      return {
        status: 'proposed', matchId, newcomerId, keyPersonId, score, policyVersion, logPosition, explanation, proposedAt, expiresAt,
        cohortRunId: event.data.cohortRunId ?? null,
        approvedBy: null, approvedAt: null, acceptedBy: [], closing: null, closedAt: null,
      };
    }
    case 'MatchApproved': {
      const { approvedBy, approvedAt, expiresAt } = event.data;
      return { ...proposed(state, event.type), status: 'approved', approvedBy, approvedAt, expiresAt };
    }
    case 'MatchPartyAccepted': {
      const match = proposed(state, event.type);
      return { ...match, acceptedBy: [...match.acceptedBy, event.data.party] };
    }
    case 'MatchAccepted':
      return { ...proposed(state, event.type), status: 'accepted' };
    case 'MatchRejected':
      return closed(state, event.type, { status: 'rejected', by: event.data.rejectedBy, reason: event.data.reason }, event.data.rejectedAt);
    case 'MatchDeclined':
      return closed(state, event.type, { status: 'declined', party: event.data.party, reason: event.data.reason }, event.data.declinedAt);
    case 'MatchExpired':
      return closed(state, event.type, { status: 'expired' }, event.data.expiredAt);
    case 'MatchEnded':
      return closed(state, event.type, { status: 'ended', outcome: event.data.outcome, reason: event.data.reason }, event.data.endedAt);
    case 'MatchWithdrawn':
      return closed(state, event.type, { status: 'withdrawn', reason: event.data.reason }, event.data.withdrawnAt);
    default:
      return assertNever(event);
  }
}

function closed(state: MatchState, eventType: string, closing: MatchClosing, closedAt: string): Match {
  return { ...proposed(state, eventType), status: closing.status, closing, closedAt };
}

/**
 * The decider never emits anything before the proposal, so a stream that has
 * it is corrupt; failing loudly beats folding it into half a match.
 */
function proposed(state: MatchState, eventType: string): Match {
  if (state.status === 'unproposed') throw new Error(`${eventType} before MatchProposed: the stream is corrupt`);
  return state;
}
