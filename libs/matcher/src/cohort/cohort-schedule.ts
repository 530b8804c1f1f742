import { CohortRunCommand, cohortRunStream, DEFAULT_COHORT_RUN_PARAMETERS, derivedId, DomainError } from '@sleutel/domain';
import { CommandRunner } from '@sleutel/eventsourcing';
import { cohortRunAggregate } from '@sleutel/platform';
import { JobQueue } from '@sleutel/queue';
import { MatcherJobs } from '../matcher.jobs';
import { workerContext } from '../worker-context';

/** The schedule looks at least this often whether its period's run has started. */
export const COHORT_SCHEDULE_CHECK_MS = 3_600_000;

/**
 * Schedules the cohort runs of periods of `everyMs`, counted from
 * 1970-01-01T00:00Z (a weekly period starts on Thursdays at 00:00 UTC, 01:00
 * or 02:00 in Amsterdam). The schedule fires at most an hour apart, not once a
 * period: a queue's timer runs from when its process started (the in-process
 * queue's does), so a process restarted late in a period fired there, found
 * that period's run started, and fired next a whole period later — just
 * before the end of the next period, whose run so came almost two weeks after
 * the one before (found by a review). Each firing starts its period's run only
 * if that has not started (`CohortSchedule.startDue`), so the run of a period
 * starts within an hour of the period's start, whenever the process started.
 */
export async function scheduleCohortRuns(queue: Pick<JobQueue<MatcherJobs>, 'schedule'>, everyMs: number): Promise<void> {
  await queue.schedule('cohort-schedule', Math.min(everyMs, COHORT_SCHEDULE_CHECK_MS), { every: everyMs });
}

/** Who a scheduled run names as having asked for it. */
export const SCHEDULE_REQUESTER = 'schedule';

/**
 * The optional schedule of cohort runs (SPEC §5: "on demand or on a
 * schedule"): every period starts one run over all municipalities with the
 * default parameters. The run id derives from the period, so however many
 * workers fire the schedule, each period has one run.
 */
export class CohortSchedule {
  constructor(
    private readonly runner: CommandRunner,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** Starts this period's run unless it exists; returns its id. */
  async startDue(everyMs: number): Promise<string> {
    const period = Math.floor(this.clock().getTime() / everyMs);
    const runId = derivedId(`cohort-schedule|${everyMs}|${period}`);
    const jobId = `cohort-schedule-${everyMs}-${period}`;
    try {
      await this.runner.run(cohortRunAggregate, cohortRunStream(runId), (_, at): CohortRunCommand[] => [
        { type: 'StartCohortRun', data: { runId, at, requestedBy: SCHEDULE_REQUESTER, parameters: DEFAULT_COHORT_RUN_PARAMETERS, municipalities: null } },
      ], workerContext(jobId, null, 'start'));
    } catch (error) {
      if (!(error instanceof DomainError && error.kind === 'conflict')) throw error;
    }
    return runId;
  }
}
