/**
 * Upcasters of newcomer events (see `upcaster.ts`). Registered in
 * `event-schemas.ts`, beside the current version of every event type.
 */
import { Upcaster } from '../upcaster';

/** v1 → v2: version 1 did not record the open match; null says "not recorded", not "none". */
export const newcomerWithdrawnV1: Upcaster = {
  type: 'NewcomerWithdrawn',
  fromVersion: 1,
  upcast: (data) => ({ ...data, openMatchId: null }),
};

export const newcomerUpcasters: readonly Upcaster[] = [newcomerWithdrawnV1];
