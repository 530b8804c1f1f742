/**
 * The matcher's jobs. Each carries ids only (SPEC §7: no personal data in job
 * payloads) plus where its cause sits in the log, so the worker can wait until
 * its own view includes the cause, and the correlation id to carry on.
 */
export interface JobCause {
  /** Log position of the event that caused the job. */
  readonly causePosition: number;
  readonly causeEventId: string;
  readonly correlationId: string;
}

/** The cause of a job alone: what a job passes on to those it adds, without its own re-drive's marks. */
export function causeOf({ causePosition, causeEventId, correlationId }: JobCause): JobCause {
  return { causePosition, causeEventId, correlationId };
}

/** What a job added again after it failed for good carries (failed-jobs.ts). */
export interface Redriven {
  /** How many times it was added again. */
  readonly redrive?: number;
  /** The id of the first job, from which its handler goes on deriving command ids; never on a match request, which starts afresh. */
  readonly origin?: string;
}

export interface MatcherJobs {
  /**
   * Find and propose a key person for a waiting newcomer. `retry`: asked by a
   * look at the waiting list, whose cause is a key person's, a place's or the
   * policy's, not the newcomer's: finding nobody again under the policy of the
   * deferral on record then records nothing (`recordUnmatched`).
   */
  readonly 'match-request': JobCause & Redriven & { readonly newcomerId: string; readonly retry?: boolean };
  /** A match changed: release what a closed match held, or withdraw a proposal nobody holds any more. */
  readonly 'settle-match': JobCause & Redriven & { readonly matchId: string };
  /** The newcomer was withdrawn: withdraw their open proposal or match. */
  readonly 'withdraw-matches': JobCause & Redriven & { readonly newcomerId: string; readonly erased?: boolean };
  /**
   * The key person retired, or was paused (`paused`): withdraw the proposals
   * still awaiting an answer. Erased (`erased`): their accepted matches too,
   * since nobody can be paired with a person the system has forgotten.
   */
  readonly 'withdraw-proposals': JobCause & Redriven & { readonly keyPersonId: string; readonly erased?: boolean; readonly paused?: boolean };
  /**
   * A profile changed: check that the pairs already proposed to this newcomer
   * or key person still meet the hard constraints between them, and withdraw
   * those that no longer do (in either matching mode).
   */
  readonly 'recheck-pairs': JobCause & Redriven & ({ readonly newcomerId: string } | { readonly keyPersonId: string });
  /**
   * Capacity, a key person or the policy changed: ask again for every waiting
   * newcomer, a page at a time; `after` is where the previous page ended.
   */
  readonly 'retry-waiting': JobCause & Redriven & { readonly after?: number };
  /** Solve a cohort run exactly and propose its pairs (SPEC §5, cohort mode). */
  readonly 'cohort-run': JobCause & Redriven & { readonly runId: string };
  /** Start the scheduled cohort run of the current period, if not started yet. */
  readonly 'cohort-schedule': { readonly every: number };
  /** Expire proposals whose deadline has passed. */
  readonly 'expiry-sweep': { readonly every: number };
}

export type MatcherJobName = keyof MatcherJobs;
