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

/**
 * v2 → v3: version 2 recorded the whole solution inline, and the whole
 * fairness report in clear, where version 3 seals pages (each newcomer's row
 * under their own key) and computes the report when read. The old solution
 * reads as inline with no pages, and the old report stays as it was
 * (`fairness`): its rows cannot be recovered from it.
 */
export const cohortRunSolvedV2: Upcaster = {
  type: 'CohortRunSolved',
  fromVersion: 2,
  upcast: (data) => ({ ...data, solutionId: null, pages: 0, newcomers: null, load: null }),
};

export const cohortRunUpcasters: readonly Upcaster[] = [cohortRunSolvedV1, cohortRunSolvedV2];
