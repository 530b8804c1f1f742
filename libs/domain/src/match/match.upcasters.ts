/**
 * Upcasters of match events (see `upcaster.ts`). Registered in
 * `event-schemas.ts`, beside the current version of every event type.
 */
import { Upcaster } from '../upcaster';

/**
 * v1 → v2: an acceptance stored before 2026-11-30 was given under the rules
 * of then (`acceptanceRules` 1): its settlement does not undo it for a pause
 * or a profile change that landed just before it, which those rules allowed.
 */
export const matchAcceptedV1: Upcaster = {
  type: 'MatchAccepted',
  fromVersion: 1,
  upcast: (data) => ({ ...data, acceptanceRules: 1 }),
};

/**
 * v1 → v2: the same shape. Version 2 names the cohort run in clear whenever
 * one chose the pair (`cohortRunId`); a proposal of version 1 may lack it
 * and still be a run's (made before 2026-12-01, or by a process of an older
 * release), which only its sealed explanation says. Nothing is added: the
 * run is not implied by anything in clear, and a match reads as before.
 */
export const matchProposedV1: Upcaster = {
  type: 'MatchProposed',
  fromVersion: 1,
  upcast: (data) => ({ ...data }),
};

export const matchUpcasters: readonly Upcaster[] = [matchAcceptedV1, matchProposedV1];
