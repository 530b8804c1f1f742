import { AnyJobSpec, FailedJob, JobQueue } from '@sleutel/queue';
import { MatcherJobName, MatcherJobs } from './matcher.jobs';

/**
 * The queue's mark of the failure time through which failed jobs were looked
 * at (`JobQueue.marks`). Not the mark of the sweep that re-drove match
 * requests only (`match-request:failed-seen`, left unused): that sweep had
 * passed failed jobs of every other name without adding them again, so an
 * upgraded worker starts a mark of its own and reads every failed job still
 * retained (7 days). Match requests re-driven before are added under the same
 * ids, which adds nothing while those are retained (found by a review).
 */
export const FAILED_JOBS_MARK = 'failed-jobs:seen';

/** Failed jobs looked at per sweep: the work one sweep does is bounded, the rest waits for the next. */
const BATCH = 200;
/** How far before the mark a failure recorded late is still found (delays, worker clocks apart: keep them in sync). */
const LATE_MS = 60_000;
export interface RedriveSettings {
  /** Times one job is added again after it failed; then it is given up, and said so once. */
  readonly maxRedrives: number;
  /** The second re-drive waits this long, each further one twice as long. */
  readonly backoffMs: number;
}

/** Ten re-drives, the last 256 minutes after the one before: about 8.5 hours of outage before one is given up. */
export const DEFAULT_REDRIVE: RedriveSettings = { maxRedrives: 10, backoffMs: 60_000 };

/** The jobs that carry work someone asked for. The two schedules are not: their next tick does what a failed one did not. */
export type RedrivenJobName = Exclude<MatcherJobName, 'cohort-schedule' | 'expiry-sweep'>;
export type RedrivenJob = Extract<AnyJobSpec<MatcherJobs>, { name: RedrivenJobName }>;
type FailedRedrivenJob = RedrivenJob & FailedJob<MatcherJobs>;

export interface GivenUpJob {
  readonly id: string;
  readonly name: RedrivenJobName;
}

export interface RedriveOutcome {
  /** Jobs added again. */
  readonly redriven: number;
  /** The jobs given up on (their last re-drive failed too): ids and names only, nothing personal. */
  readonly gaveUp: readonly GivenUpJob[];
}

/**
 * What to do about a job given up on before the sweep moves past it (a cohort
 * run still running is ended, saying why). Called again for the same job when
 * a sweep reads it again, so it must be idempotent; when it throws, the sweep
 * fails without moving its mark, and the next sweep reads the same jobs again.
 */
export type GiveUp = (job: RedrivenJob) => Promise<void>;

/**
 * Jobs the queue gave up on. A job whose event store was down longer than its
 * retries (about 31 s) ends failed, and its id stays known for the retention
 * (7 days), so the relay never adds it again: a match request's newcomer
 * waited unseen, a closed match kept its key person's place, a withdrawn
 * newcomer's proposal stood, a cohort run showed "running" for ever (found by
 * reviews). Every sweep asks the queue for the jobs that ended failed since it
 * last looked and adds each one again under an id that derives from the first
 * (`redrive-<n>-<first id>`): sweeps in several workers, or a sweep repeated
 * after a crash, add it once.
 *
 * A re-driven job is one more attempt of the first: its handler is given the
 * first job's id (`asFirstAttempt`), from which it derives its command ids, so
 * what the failed attempts did append is not appended again — as with any
 * retry (SPEC §4 inv. 6). A match request is the exception: it starts afresh
 * under its own id, and the proposer answers it as any request (a newcomer
 * proposed, withdrawn or reserved meanwhile comes to a resumed reservation or
 * nothing). A job that fails every time is added again at most `maxRedrives`
 * times, later each time, and then given up.
 */
export class FailedJobs {
  constructor(
    private readonly queue: JobQueue<MatcherJobs>,
    readonly settings: RedriveSettings = DEFAULT_REDRIVE,
  ) {}

  async redrive(giveUp: GiveUp = async () => undefined): Promise<RedriveOutcome> {
    // Failures at the mark itself are read again: several can end in one millisecond, and adding one twice adds it once.
    const since = (await this.queue.marks.load(FAILED_JOBS_MARK)) ?? 0;
    // A failure can be recorded after a later one was (its worker delayed between reading its clock and writing the
    // failure, or a worker host whose clock runs behind), and so below a mark a sweep has already saved: those of the
    // last LATE_MS before the mark are read again. Those added before are added again, which adds nothing.
    if (since > 0) await this.handle((await this.queue.failed(Math.max(0, since - LATE_MS), BATCH)).filter((job) => job.failedAt < since), giveUp);
    let failed = await this.queue.failed(since, BATCH);
    // A whole batch in the mark's millisecond would be read again at every sweep: go past it.
    if (failed.length === BATCH && failed[BATCH - 1].failedAt === since) failed = await this.queue.failed(since + 1, BATCH);
    if (failed.length === 0) return { redriven: 0, gaveUp: [] };
    const { again, gaveUp } = await this.handle(failed, giveUp);
    await this.queue.marks.save(FAILED_JOBS_MARK, failed[failed.length - 1].failedAt);
    // Those at the mark were seen by the sweep before, and counted and said then.
    const fresh = (job: FailedJob<MatcherJobs>): boolean => job.failedAt > since;
    return { redriven: again.filter(fresh).length, gaveUp: gaveUp.filter(fresh).map(({ id, name }) => ({ id, name })) };
  }

  /** Adds each failed job that may be re-driven again, under the id derived from it, and gives up the others. */
  private async handle(failed: readonly FailedJob<MatcherJobs>[], giveUp: GiveUp): Promise<{ again: FailedRedrivenJob[]; gaveUp: FailedRedrivenJob[] }> {
    const { maxRedrives, backoffMs } = this.settings;
    const redriven = failed.filter(isRedriven);
    const again = redriven.filter((job) => (job.data.redrive ?? 0) < maxRedrives);
    const gaveUp = redriven.filter((job) => (job.data.redrive ?? 0) >= maxRedrives);
    for (const job of again) {
      const redrive = (job.data.redrive ?? 0) + 1;
      const first = job.name === 'match-request' ? job.id.replace(/^redrive-\d+-/, '') : (job.data.origin ?? job.id);
      const data = job.name === 'match-request' ? { ...job.data, redrive } : { ...job.data, redrive, origin: first };
      const delayMs = redrive === 1 ? 0 : backoffMs * 2 ** (redrive - 2);
      await this.queue.add({ name: job.name, id: `redrive-${redrive}-${first}`, data } as RedrivenJob, { delayMs });
    }
    for (const job of gaveUp) await giveUp(job);
    return { again, gaveUp };
  }
}

/**
 * The job as its handler sees it: a re-driven job under its first job's id,
 * so that it issues the commands of the attempts that failed, with the same
 * ids. Not for a match request, which starts afresh (see `FailedJobs`).
 */
export function asFirstAttempt<Job extends { readonly id: string; readonly data: { readonly origin?: string } }>(job: Job): Job {
  return job.data.origin === undefined ? job : { ...job, id: job.data.origin };
}

/** Every job name that is re-driven; the compiler asks for a new one here. */
const REDRIVEN: Readonly<Record<RedrivenJobName, true>> = {
  'match-request': true, 'settle-match': true, 'withdraw-matches': true, 'withdraw-proposals': true, 'recheck-pairs': true, 'retry-waiting': true, 'cohort-run': true,
};

function isRedriven(job: FailedJob<MatcherJobs>): job is FailedRedrivenJob {
  return Object.hasOwn(REDRIVEN, job.name);
}
