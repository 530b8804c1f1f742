import { CohortRunCommand, cohortRunStream, DEFAULT_COHORT_RUN_PARAMETERS, derivedId, DomainError } from '@sleutel/domain';
import { CommandRunner } from '@sleutel/eventsourcing';
import { cohortRunAggregate } from '@sleutel/platform';
import { workerContext } from '../worker-context';

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
