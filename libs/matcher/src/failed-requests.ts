import { AnyJobSpec, FailedJob, JobQueue } from '@sleutel/queue';
import { MatcherJobs } from './matcher.jobs';

/** The queue's mark of the failure time through which failed match requests were looked at (`JobQueue.marks`). */
export const FAILED_REQUESTS_MARK = 'match-request:failed-seen';

/** Failed jobs looked at per sweep: the work one sweep does is bounded, the rest waits for the next. */
const BATCH = 200;
/** How far before the mark a failure recorded late is still found (delays, worker clocks apart: keep them in sync). */
const LATE_MS = 60_000;
export interface RedriveSettings {
  /** Times one match request is added again after it failed; then it is given up, and said so once. */
  readonly maxRedrives: number;
  /** The second re-drive waits this long, each further one twice as long. */
  readonly backoffMs: number;
}

/** Ten re-drives, the last 256 minutes after the one before: about 8.5 hours of outage before one is given up. */
export const DEFAULT_REDRIVE: RedriveSettings = { maxRedrives: 10, backoffMs: 60_000 };

type MatchRequestJob = Extract<AnyJobSpec<MatcherJobs>, { name: 'match-request' }>;

export interface RedriveOutcome {
  /** Match requests added again. */
  readonly redriven: number;
  /** Ids of the jobs given up on (their last re-drive failed too): ids only, nothing personal. */
  readonly gaveUp: readonly string[];
}

/**
 * Match requests the queue gave up on. A request whose event store was down
 * longer than its retries ends failed, and its id stays known for the
 * retention (7 days), so the relay never adds it again: the newcomer waited,
 * unseen, until something else made the waiting list look at everyone
 * (found by a review). Every sweep asks the queue for the jobs that ended
 * failed since it last looked and adds each match request again under a
 * fresh id that derives from the failed one (`redrive-<n>-<first id>`): sweeps
 * in several workers, or a sweep repeated after a crash, add it once. The
 * proposer answers it as any request: a newcomer proposed, withdrawn or
 * reserved meanwhile comes to a resumed reservation or nothing. One that fails
 * every time is added again at most `maxRedrives` times, later each time,
 * and then left failed.
 */
export class FailedRequests {
  constructor(
    private readonly queue: JobQueue<MatcherJobs>,
    readonly settings: RedriveSettings = DEFAULT_REDRIVE,
  ) {}

  async redrive(): Promise<RedriveOutcome> {
    // Failures at the mark itself are read again: several can end in one millisecond, and adding one twice adds it once.
    const since = (await this.queue.marks.load(FAILED_REQUESTS_MARK)) ?? 0;
    // A failure can be recorded after a later one was (its worker delayed between reading its clock and writing the
    // failure, or a worker host whose clock runs behind), and so below a mark a sweep has already saved: those of the
    // last LATE_MS before the mark are read again. Those added before are added again, which adds nothing.
    if (since > 0) await this.addAgain((await this.queue.failed(Math.max(0, since - LATE_MS), BATCH)).filter((job) => job.failedAt < since));
    let failed = await this.queue.failed(since, BATCH);
    // A whole batch in the mark's millisecond would be read again at every sweep: go past it.
    if (failed.length === BATCH && failed[BATCH - 1].failedAt === since) failed = await this.queue.failed(since + 1, BATCH);
    if (failed.length === 0) return { redriven: 0, gaveUp: [] };
    const again = await this.addAgain(failed);
    await this.queue.marks.save(FAILED_REQUESTS_MARK, failed[failed.length - 1].failedAt);
    // Those at the mark were seen by the sweep before, and counted and said then.
    const fresh = (job: FailedJob<MatcherJobs>): boolean => job.failedAt > since;
    const { maxRedrives } = this.settings;
    const gaveUp = failed.filter(isMatchRequest).filter((job) => fresh(job) && (job.data.redrive ?? 0) >= maxRedrives).map((job) => job.id);
    return { redriven: again.filter(fresh).length, gaveUp };
  }

  /** Adds each failed match request that may be re-driven again, under the id derived from it; returns them. */
  private async addAgain(failed: readonly FailedJob<MatcherJobs>[]): Promise<FailedJob<MatcherJobs>[]> {
    const { maxRedrives, backoffMs } = this.settings;
    const again = failed.filter(isMatchRequest).filter((job) => (job.data.redrive ?? 0) < maxRedrives);
    for (const job of again) {
      const redrive = (job.data.redrive ?? 0) + 1;
      const id = `redrive-${redrive}-${job.id.replace(/^redrive-\d+-/, '')}`;
      await this.queue.add({ name: 'match-request', id, data: { ...job.data, redrive } }, { delayMs: redrive === 1 ? 0 : backoffMs * 2 ** (redrive - 2) });
    }
    return again;
  }
}

function isMatchRequest(job: FailedJob<MatcherJobs>): job is MatchRequestJob & FailedJob<MatcherJobs> {
  return job.name === 'match-request';
}
