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

/**
 * v3 → v4: version 3 recorded in its figures how many newcomers were left
 * out per reason (`summary.unplacedBy`), in clear, so that in a run leaving
 * out one newcomer it said that newcomer's reason after their erasure.
 * Version 4 records no per-reason count: the API counts them when read, from
 * the left-out newcomers' rows (each sealed under that newcomer's key since
 * pages of version 2). Every run that recorded the counts recorded those
 * rows too (from `CohortRunSolved` version 2), so the old counts are dropped
 * here and counted again from the rows like a new run's: an erased
 * newcomer's reason no longer shows, though the stored event keeps it.
 */
export const cohortRunSolvedV3: Upcaster = {
  type: 'CohortRunSolved',
  fromVersion: 3,
  upcast: (data) => ({ ...data, summary: withoutUnplacedBy(data.summary) }),
};

function withoutUnplacedBy(summary: unknown): unknown {
  if (typeof summary !== 'object' || summary === null || !('unplacedBy' in summary)) return summary;
  const { unplacedBy: _dropped, ...rest } = summary as { unplacedBy: unknown };
  return rest;
}

/**
 * v1 → v2: version 1 kept each left-out newcomer's reasons in clear, where
 * version 2 seals each under that newcomer's key. The personal-data codec
 * reads each version's rows as they were stored (it chooses the row fields
 * by the stored version) before this runs, so the data has one shape: a v1
 * page reads as it was, its reasons readable even after an erasure.
 */
export const cohortRunSolutionPagedV1: Upcaster = {
  type: 'CohortRunSolutionPaged',
  fromVersion: 1,
  upcast: (data) => ({ ...data }),
};

/**
 * v2 → v3: version 2 recorded in each newcomer's row one language, the first
 * by code of those they speak best (`language`), where version 3 records all
 * of them (`languages`), so that the fairness report counts a newcomer native
 * in two under both. The others were not recorded: an old row reads as its
 * one language. Rows read with the rows left sealed, and erased rows
 * (`{ newcomerId, personal }`), stay as they are.
 */
export const cohortRunSolutionPagedV2: Upcaster = {
  type: 'CohortRunSolutionPaged',
  fromVersion: 2,
  upcast: (data) => ({
    ...data,
    newcomers: Array.isArray(data.newcomers) ? data.newcomers.map(languagesOfRow) : data.newcomers,
  }),
};

function languagesOfRow(row: unknown): unknown {
  if (typeof row !== 'object' || row === null || 'personal' in row || !('language' in row)) return row;
  const { language, ...rest } = row as { language: unknown };
  return { ...rest, languages: [language] };
}

/**
 * v1 → v2: version 1 recorded only the proposing's tally, not whose pairs
 * were not proposed. A tally of none superseded (`supersededNewcomer` and
 * `supersededKeyPerson` both 0) says that was nobody; any other reads as
 * null: not recorded, and its fairness report stays the plan.
 */
export const cohortRunCompletedV1: Upcaster = {
  type: 'CohortRunCompleted',
  fromVersion: 1,
  upcast: (data) => {
    const tally = (data.summary ?? {}) as Record<string, unknown>;
    const noneSuperseded = tally.supersededNewcomer === 0 && tally.supersededKeyPerson === 0;
    return { ...data, notProposedNewcomerIds: noneSuperseded ? [] : null };
  },
};

export const cohortRunUpcasters: readonly Upcaster[] = [
  cohortRunSolvedV1, cohortRunSolvedV2, cohortRunSolvedV3, cohortRunSolutionPagedV1, cohortRunSolutionPagedV2, cohortRunCompletedV1,
];
