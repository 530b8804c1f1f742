/**
 * What happened to a match. The `type` strings and data shapes are the
 * storage contract: once stored, never changed (a new shape is a new schema
 * version with an upcaster, see `event-schemas.ts`). Each status is entered
 * by exactly one event type; `MatchPartyAccepted` records one party's answer
 * and is followed, in the same append, by `MatchAccepted` when it is the
 * second. Every event names the newcomer and the key person, so the process
 * manager can release both sides from the event alone.
 */
import { DomainEvent } from '../decider';
import { JsonObject } from '../rules/json.rules';
import { MatchEndOutcome, MatchParty } from './match.status';

type MatchEventOf<Type extends string, Data extends object> = DomainEvent<
  Type,
  { readonly matchId: string; readonly newcomerId: string; readonly keyPersonId: string } & Readonly<Data>
>;

/**
 * `cohortRunId`: the cohort run that chose the pair, kept in clear (an id)
 * beside the sealed explanation's copy; absent for on-demand proposals and
 * for those made until 2026-12-01, whose run only the explanation names.
 * Schema version 2 (since 2026-12-01, later that day) is the same shape,
 * stored with the promise that a run's proposal names its run in clear: one
 * of version 2 without `cohortRunId` was made on demand, which a reader can
 * tell without opening the explanation. Of version 1 only the explanation
 * says so for sure (see `matchProposedV1`).
 */
export type MatchProposed = MatchEventOf<
  'MatchProposed',
  { score: number; policyVersion: number; logPosition: number; expiresAt: string; explanation: JsonObject; proposedAt: string; cohortRunId?: string }
>;
export type MatchApproved = MatchEventOf<'MatchApproved', { approvedBy: string; expiresAt: string; approvedAt: string }>;
export type MatchPartyAccepted = MatchEventOf<'MatchPartyAccepted', { party: MatchParty; acceptedAt: string }>;
/**
 * `acceptanceRules`: which rules the acceptance was given under, so that it
 * is judged later by those it was given under (the settlement undoes an
 * acceptance that broke them; `ACCEPTANCE_RULES`). 1: stored before
 * 2026-11-30 (version 1 of this event), when accepting a paused key person's
 * proposal was allowed and a pair that stopped fitting just before the
 * acceptance stood; 2: neither stands.
 */
export type MatchAccepted = MatchEventOf<'MatchAccepted', { acceptedAt: string; acceptanceRules: number }>;
/** The rules an acceptance is given under now (see `MatchAccepted`). */
export const ACCEPTANCE_RULES = 2;
export type MatchRejected = MatchEventOf<'MatchRejected', { rejectedBy: string; reason: string; rejectedAt: string }>;
/** `party` null: declined, by whom was not recorded. */
export type MatchDeclined = MatchEventOf<'MatchDeclined', { party: MatchParty | null; reason: string; declinedAt: string }>;
/** `expiresAt` is the deadline that passed. */
export type MatchExpired = MatchEventOf<'MatchExpired', { expiresAt: string; expiredAt: string }>;
export type MatchEnded = MatchEventOf<'MatchEnded', { outcome: MatchEndOutcome; reason: string; endedAt: string }>;
export type MatchWithdrawn = MatchEventOf<'MatchWithdrawn', { reason: string; withdrawnAt: string }>;

export type MatchEvent =
  | MatchProposed
  | MatchApproved
  | MatchPartyAccepted
  | MatchAccepted
  | MatchRejected
  | MatchDeclined
  | MatchExpired
  | MatchEnded
  | MatchWithdrawn;

export type MatchEventType = MatchEvent['type'];
