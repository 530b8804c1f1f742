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

export const matchUpcasters: readonly Upcaster[] = [matchAcceptedV1];
