/**
 * Upcasters of cohort-run events (see `upcaster.ts`). Registered in
 * `event-schemas.ts`, beside the current version of every event type.
 */
import { Upcaster } from '../upcaster';

/** v1 → v2: version 1 did not record the newcomers a run left out; null says "not recorded", not "none". */
export const cohortRunSolvedV1: Upcaster = {
  type: 'CohortRunSolved',
  fromVersion: 1,
  upcast: (data) => ({ ...data, unplaced: null }),
};

export const cohortRunUpcasters: readonly Upcaster[] = [cohortRunSolvedV1];
