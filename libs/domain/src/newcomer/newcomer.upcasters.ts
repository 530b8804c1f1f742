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

/**
 * v1 → v2: version 1 did not say whether the request started a new wait; null
 * leaves the wait where it was, which is how version 1 was folded: waiting
 * counted from registration, whatever happened since.
 */
export const newcomerMatchingRequestedV1: Upcaster = {
  type: 'NewcomerMatchingRequested',
  fromVersion: 1,
  upcast: (data) => ({ ...data, waitStartedAt: null }),
};

/** v1 → v2: version 1 did not restart the wait on any release; null leaves it where it was. */
export const newcomerMatchReleasedV1: Upcaster = {
  type: 'NewcomerMatchReleased',
  fromVersion: 1,
  upcast: (data) => ({ ...data, waitStartedAt: null }),
};

export const newcomerUpcasters: readonly Upcaster[] = [newcomerWithdrawnV1, newcomerMatchingRequestedV1, newcomerMatchReleasedV1];
