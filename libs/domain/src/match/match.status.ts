/**
 * Where a match stands (SPEC §4, §9), and what the other streams make of it:
 * open matches hold a newcomer and a place of the key person's capacity;
 * failed ones bar the pair for good (invariant 3).
 *
 *   proposed → approved → accepted → ended
 *   proposed | approved → rejected | declined | expired
 *   proposed | approved | accepted → withdrawn
 */
import { assertNever } from '../domain-error';
import { NewcomerMatchOutcome } from '../newcomer/newcomer.matching';

export const MATCH_STATUSES = ['proposed', 'approved', 'accepted', 'ended', 'rejected', 'declined', 'expired', 'withdrawn'] as const;
export type MatchStatus = (typeof MATCH_STATUSES)[number];

export const OPEN_MATCH_STATUSES = ['proposed', 'approved', 'accepted'] as const satisfies readonly MatchStatus[];
export type OpenMatchStatus = (typeof OPEN_MATCH_STATUSES)[number];
export type ClosedMatchStatus = Exclude<MatchStatus, OpenMatchStatus>;

/** Still waiting for an answer: the statuses a match can be rejected, declined or expire from. */
export const PENDING_MATCH_STATUSES = ['proposed', 'approved'] as const satisfies readonly OpenMatchStatus[];

/** Who answers a proposal once a coordinator has approved it. */
export const MATCH_PARTIES = ['newcomer', 'key-person'] as const;
export type MatchParty = (typeof MATCH_PARTIES)[number];

export const MATCH_END_OUTCOMES = ['completed', 'ended-early'] as const;
export type MatchEndOutcome = (typeof MATCH_END_OUTCOMES)[number];

/** Proposed, approved or accepted: holds the newcomer (invariant 2) and a place of the key person's capacity (invariant 1). */
export const isOpen = (status: MatchStatus): status is OpenMatchStatus => (OPEN_MATCH_STATUSES as readonly MatchStatus[]).includes(status);

/** Rejected, declined or expired: the pair is never proposed again (invariant 3). Ended and withdrawn are not failures. */
export const isFailure = (status: MatchStatus): boolean => status === 'rejected' || status === 'declined' || status === 'expired';

/** How the process manager releases the newcomer when a match closes. */
export function newcomerOutcomeOf(status: ClosedMatchStatus): NewcomerMatchOutcome {
  switch (status) {
    case 'rejected':
    case 'declined':
    case 'expired':
      return 'failed';
    case 'ended':
      return 'ended';
    case 'withdrawn':
      return 'withdrawn';
    default:
      return assertNever(status);
  }
}
