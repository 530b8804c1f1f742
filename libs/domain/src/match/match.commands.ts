/**
 * What can be asked of a match. The `type` strings are the contract with the
 * command runner and the audit trail (`metadata.command`). Every command
 * carries the server's time `at` (ISO-8601), since the domain has no clock;
 * deadlines arrive computed from configuration, for the same reason.
 */
import { DomainCommand } from '../decider';
import { MatchEndOutcome, MatchParty } from './match.status';

type MatchCommandOf<Type extends string, Data extends object = object> = DomainCommand<
  Type,
  { readonly matchId: string; readonly at: string } & Readonly<Data>
>;

/** Step 3 of proposing (by the matcher worker), after the newcomer and the key person's capacity are reserved. */
export type ProposeMatch = MatchCommandOf<
  'ProposeMatch',
  {
    newcomerId: string;
    keyPersonId: string;
    /** In [0, 1]. */
    score: number;
    policyVersion: number;
    /** The log position the candidates were read at: scoring again from there reproduces the score (invariant 7). */
    logPosition: number;
    /** By when a coordinator must approve or reject. */
    expiresAt: string;
    /**
     * The matcher's explanation (SPEC §5), stored as it is. Any plain object
     * (the matcher's own interfaces fit); checked to be JSON, copied into the event.
     */
    explanation: object;
    /**
     * The cohort run that chose the pair, when one did. Also in the
     * explanation, which is sealed with the newcomer's data; this copy is an
     * id kept in clear, so a run's proposals can still be listed after
     * either person's erasure.
     */
    cohortRunId?: string;
  }
>;
/** A coordinator decides first (GDPR art. 22); `expiresAt` is the new deadline for the parties' answers. */
export type ApproveMatch = MatchCommandOf<'ApproveMatch', { by: string; expiresAt: string }>;
export type RejectMatch = MatchCommandOf<'RejectMatch', { by: string; reason: string }>;
export type AcceptMatch = MatchCommandOf<'AcceptMatch', { party: MatchParty }>;
/** `party` null: the coordinator records that the pair was declined without saying by whom. */
export type DeclineMatch = MatchCommandOf<'DeclineMatch', { party: MatchParty | null; reason: string }>;
/** By the expiry sweep, once the deadline has passed. */
export type ExpireMatch = MatchCommandOf<'ExpireMatch'>;
export type EndMatch = MatchCommandOf<'EndMatch', { outcome: MatchEndOutcome; reason: string }>;
/** By the process manager, when the newcomer is withdrawn or erased. */
export type WithdrawMatch = MatchCommandOf<'WithdrawMatch', { reason: string }>;

export type MatchCommand =
  | ProposeMatch
  | ApproveMatch
  | RejectMatch
  | AcceptMatch
  | DeclineMatch
  | ExpireMatch
  | EndMatch
  | WithdrawMatch;
