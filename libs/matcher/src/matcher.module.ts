import { BeforeApplicationShutdown, Inject, Logger, Module, OnApplicationBootstrap } from '@nestjs/common';
import { EventStore } from '@sleutel/event-store';
import { CommandRunner, EventCodec } from '@sleutel/eventsourcing';
import { APP_CONFIG, AppConfigType, EVENT_CODEC, EVENT_STORE, ReadSide, ROWS_SEALED_RUNNER } from '@sleutel/platform';
import { createJobQueue, JobQueue, JobWorker } from '@sleutel/queue';
import { CandidatePool, untilReached } from './candidate-pool';
import { CohortRuns } from './cohort/cohort-runs';
import { CohortSchedule, scheduleCohortRuns } from './cohort/cohort-schedule';
import { solveOnWorkerThread } from './cohort/solver-thread';
import { ExpirySweep } from './expiry-sweep';
import { asFirstAttempt, FailedJobs, RedrivenJob } from './failed-jobs';
import { MatchRequestRelay } from './match-request.relay';
import { MatcherJobs } from './matcher.jobs';
import { PairCheck } from './pair-check';
import { Proposer } from './proposer';
import { marksOfLog } from './relay-marks';
import { Settlement } from './settlement';
import { WAITING_LIST_COVERED_MARK, WaitingList } from './waiting-list';

export const MATCHER_QUEUE = Symbol('MatcherQueue');

/**
 * How long the worker waits for its running jobs on SIGTERM before it hands
 * them back: half of `SHUTDOWN_TIMEOUT_MS` (10 s at its default 20 s). The
 * other half is for what comes before (requests in flight) and after (handing
 * the jobs back, the relay's and read models' checkpoints, the log anchor,
 * closing the store). A fixed wait longer than the bound let the process give
 * up with exit 1 before it handed anything back, and the jobs then came back
 * only once their locks lapsed.
 */
export function queueCloseTimeoutMs(shutdownTimeoutMs: number): number {
  return Math.floor(shutdownTimeoutMs / 2);
}

/** Said once at start-up: in cohort mode without a schedule, a newcomer nobody asks for waits for ever. */
const UNSCHEDULED_COHORT_MODE =
  'MATCHING_MODE is cohort and COHORT_RUN_INTERVAL_MS is 0: no cohort run is scheduled, so newcomers are matched only when '
  + 'someone starts a cohort run (POST /api/v1/cohort-runs) or asks for one newcomer (POST /api/v1/newcomers/{id}/match-requests)';

const HOUR_MS = 3_600_000;

/**
 * Said once at start-up for a schedule shorter than an hour: valid (tests use seconds), but more likely a value meant
 * in seconds (604800 for weekly is a run every ten minutes), and each run records every newcomer it leaves out.
 */
export function shortCohortScheduleWarning(intervalMs: number): string | null {
  if (intervalMs <= 0 || intervalMs >= HOUR_MS) return null;
  const every = intervalMs >= 60_000 ? `${Math.round(intervalMs / 60_000)} min` : `${Math.round(intervalMs / 1000)} s`;
  return `COHORT_RUN_INTERVAL_MS is ${intervalMs}: a cohort run every ${every}, and each run records every newcomer it leaves out, `
    + 'so the log grows with each one. The value is in milliseconds: weekly is 604800000';
}

/**
 * The queued matcher (SPEC §5): the relay turns causes in the log into jobs,
 * workers answer them. The same module runs inside the API for the embedded
 * default (in-process queue) and as `npm run start:matcher` workers on BullMQ.
 */
@Module({
  providers: [
    {
      provide: MATCHER_QUEUE,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfigType) =>
        createJobQueue<MatcherJobs>({
          redisUrl: config.redisUrl,
          queueName: config.matcher.queueName,
          attempts: config.matcher.jobAttempts,
          backoffMs: config.matcher.jobBackoffMs,
          lockDurationMs: config.matcher.lockDurationMs,
          stalledIntervalMs: config.matcher.stalledIntervalMs,
          closeTimeoutMs: queueCloseTimeoutMs(config.ops.shutdownTimeoutMs),
          logger: new Logger('matcher-queue'),
        }),
    },
    CandidatePool,
    {
      provide: Proposer,
      inject: [CommandRunner, CandidatePool, APP_CONFIG],
      useFactory: (runner: CommandRunner, pool: CandidatePool, config: AppConfigType) =>
        new Proposer(runner, pool, {
          proposalDeadlineSeconds: config.matcher.proposalDeadlineSeconds,
          indexWaitTimeoutMs: config.matcher.indexWaitTimeoutMs,
          candidatesPerRound: 3,
          rounds: 3,
          resumeAfterMs: config.matcher.lockDurationMs,
        }),
    },
    {
      provide: CohortRuns,
      inject: [CommandRunner, CandidatePool, ReadSide, Proposer, APP_CONFIG, ROWS_SEALED_RUNNER],
      useFactory: (runner: CommandRunner, pool: CandidatePool, readSide: ReadSide, proposer: Proposer, config: AppConfigType, runRunner: CommandRunner) =>
        new CohortRuns(runner, pool, readSide, proposer, solveOnWorkerThread, {
          indexWaitTimeoutMs: config.matcher.indexWaitTimeoutMs,
          progressEveryMs: 250,
          solutionPageNewcomers: config.matcher.cohortRunPageNewcomers,
          // The run's own stream, read without opening the newcomers' rows, which the matcher never reads.
          runRunner,
        }),
    },
    { provide: CohortSchedule, inject: [CommandRunner], useFactory: (runner: CommandRunner) => new CohortSchedule(runner) },
    { provide: Settlement, inject: [CommandRunner], useFactory: (runner: CommandRunner) => new Settlement(runner) },
    {
      provide: PairCheck,
      inject: [CommandRunner, CandidatePool, Settlement, APP_CONFIG],
      useFactory: (runner: CommandRunner, pool: CandidatePool, settlement: Settlement, config: AppConfigType) =>
        new PairCheck(runner, pool, settlement, config.matcher.indexWaitTimeoutMs),
    },
    {
      provide: WaitingList,
      inject: [EVENT_STORE, ReadSide, MATCHER_QUEUE],
      useFactory: (store: EventStore, readSide: ReadSide, queue: JobQueue<MatcherJobs>) => new WaitingList(store, readSide, queue),
    },
    {
      provide: ExpirySweep,
      inject: [CommandRunner, ReadSide, MATCHER_QUEUE],
      useFactory: (runner: CommandRunner, readSide: ReadSide, queue: JobQueue<MatcherJobs>) => new ExpirySweep(runner, readSide, queue),
    },
    { provide: FailedJobs, inject: [MATCHER_QUEUE], useFactory: (queue: JobQueue<MatcherJobs>) => new FailedJobs(queue) },
    {
      provide: MatchRequestRelay,
      inject: [EVENT_STORE, MATCHER_QUEUE, APP_CONFIG],
      // The relay's checkpoint is kept with the jobs it vouches for (`JobQueue.marks`): with BullMQ in Redis, for every
      // worker, so one started on an empty disk resumes where the others are; an in-process queue forgets its jobs when
      // the process stops, and its marks with them, so the relay then reads the log again (every job is idempotent).
      useFactory: (store: EventStore, queue: JobQueue<MatcherJobs>, config: AppConfigType) =>
        new MatchRequestRelay(store, marksOfLog(queue.marks, store, (message) => new Logger('matcher').warn(message), [WAITING_LIST_COVERED_MARK]), queue, config.matcher.mode),
    },
  ],
  exports: [MATCHER_QUEUE, CandidatePool],
})
export class MatcherModule implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('matcher');
  private worker: JobWorker | null = null;
  /** Starts the worker once the candidate pool has read the log as it was at start-up. */
  private workerStarting: Promise<void> = Promise.resolve();
  private stopping = false;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(EVENT_CODEC) private readonly codec: EventCodec,
    @Inject(MATCHER_QUEUE) private readonly queue: JobQueue<MatcherJobs>,
    @Inject(APP_CONFIG) private readonly config: AppConfigType,
    private readonly readSide: ReadSide,
    private readonly pool: CandidatePool,
    private readonly relay: MatchRequestRelay,
    private readonly proposer: Proposer,
    private readonly settlement: Settlement,
    private readonly pairCheck: PairCheck,
    private readonly waitingList: WaitingList,
    private readonly expiry: ExpirySweep,
    private readonly failedJobs: FailedJobs,
    private readonly cohortRuns: CohortRuns,
    private readonly cohortSchedule: CohortSchedule,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const head = await this.store.headPosition();
    await this.pool.start(this.store, this.codec);
    await this.relay.start();
    // Not awaited; whatever goes wrong there is said, never left to end the process.
    this.workerStarting = this.startWorkerOnceCaughtUp(head).catch((error: unknown) => this.logger.error(`the worker did not start: ${String(error)}`));
    await this.queue.schedule('expiry-sweep', this.config.matcher.expirySweepIntervalMs, { every: this.config.matcher.expirySweepIntervalMs });
    const cohortEvery = this.config.matcher.cohortRunIntervalMs;
    if (cohortEvery > 0) {
      const short = shortCohortScheduleWarning(cohortEvery);
      if (short !== null) this.logger.warn(short);
      await scheduleCohortRuns(this.queue, cohortEvery);
    } else {
      // With BullMQ an earlier start's schedule lives on in Redis: 0 means off, so remove it.
      await this.queue.unschedule('cohort-schedule');
      if (this.config.matcher.mode === 'cohort') this.logger.warn(UNSCHEDULED_COHORT_MODE);
    }
  }

  /**
   * The worker takes jobs only once the candidate pool and the read models
   * have read the log up to its head at start-up. A worker started on an empty disk, or after a long
   * stop, reads the whole log first: its jobs would otherwise find the pool
   * behind their causes and fail, again and again, until the queue gave up
   * on them (and the waiting newcomers with them). The relay starts at once:
   * jobs wait in the queue meanwhile. Not awaited, so the API is up at once.
   */
  private async startWorkerOnceCaughtUp(head: number | null): Promise<void> {
    let said = false;
    const reached = head === null || (await untilReached([this.pool, this.readSide], head, () => this.stopping, (error) => {
      if (error !== undefined) this.logger.warn(`reading the log up to ${head} before taking jobs failed, trying again: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
      else if (!said) this.logger.log(`reading the log up to ${head} before taking jobs (candidate pool at ${this.pool.position}, read models at ${this.readSide.position})`);
      said = true;
    }));
    if (!reached || this.stopping) return;
    if (said) this.logger.log(`read the log up to ${head}: taking jobs`);
    this.worker = this.queue.process(
      {
        // A match request added again after it failed starts afresh; every other job goes on as its first attempt.
        'match-request': async (job) => void (await this.proposer.handle(job)),
        'settle-match': (job) => this.settlement.settle(asFirstAttempt(job)),
        'withdraw-matches': (job) => this.settlement.withdrawNewcomer(asFirstAttempt(job)),
        'withdraw-proposals': (job) => this.settlement.withdrawProposalsOf(asFirstAttempt(job)),
        'recheck-pairs': async (job) => {
          const { withdrawn } = await this.pairCheck.recheck(asFirstAttempt(job));
          // Not which constraint: it tells a person's preference (gender-required, same-origin-declined, do-not-match),
          // which the match keeps sealed under both people's keys and a log line would keep after their erasure.
          for (const { matchId } of withdrawn) this.logger.log(`withdrew match ${matchId}: the pair no longer meets a hard constraint (the match's closing reason says which)`);
        },
        'retry-waiting': (job) => this.waitingList.retry(asFirstAttempt(job)),
        'cohort-run': async (job) => {
          const run = await this.cohortRuns.run(asFirstAttempt(job));
          this.logger.log(`cohort run ${job.data.runId}: ${run.status}`);
        },
        'cohort-schedule': async (job) => void (await this.cohortSchedule.startDue(job.data.every)),
        'expiry-sweep': async () => {
          const expired = await this.expiry.sweep();
          if (expired > 0) this.logger.log(`expired ${expired} proposal(s)`);
          const resumed = await this.expiry.resumeDangling();
          if (resumed > 0) this.logger.log(`resuming ${resumed} reservation(s) left without a proposal`);
          const paused = await this.expiry.withdrawPausedProposals();
          if (paused > 0) this.logger.log(`withdrawing the proposals awaiting an answer of ${paused} paused key person(s)`);
          const { redriven, gaveUp } = await this.failedJobs.redrive((failed) => this.giveUp(failed));
          if (redriven > 0) this.logger.log(`trying again ${redriven} job(s) that failed`);
          for (const { id, name } of gaveUp) this.logger.warn(`${name} job ${id} failed again after ${this.failedJobs.settings.maxRedrives} re-drives: given up (${GIVEN_UP[name]})`);
        },
      },
      { concurrency: this.config.matcher.concurrency },
    );
  }

  /** A cohort run whose job is given up ends failed, saying so: it would otherwise show "running" for ever. */
  private async giveUp(job: RedrivenJob): Promise<void> {
    if (job.name !== 'cohort-run') return;
    await this.cohortRuns.giveUp(asFirstAttempt(job), `The matcher gave up on this run: its job failed every time, also the ${this.failedJobs.settings.maxRedrives} times it was tried again later; start a new run`);
  }

  /** Stop taking work before the platform closes the store: finish or hand back jobs, then stop following the log. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.workerStarting;
    await stopMatcher({ worker: this.worker, relay: this.relay, pool: this.pool, queue: this.queue });
  }
}

/** What is left undone when a job of each name is given up, for the operator who reads the warning. */
const GIVEN_UP: Readonly<Record<RedrivenJob['name'], string>> = {
  'match-request': 'its newcomer waits for the next look at the waiting list',
  'settle-match': "a closed match may still hold its key person's place and its newcomer's reservation",
  'withdraw-matches': "the withdrawn newcomer's open proposal or match may stand; a coordinator can reject or end it",
  'withdraw-proposals': "the key person's proposals awaiting an answer may stand; a coordinator can reject them",
  'recheck-pairs': 'a pair may stand that no longer meets a hard constraint after the profile change; the next change to either profile checks it again',
  'retry-waiting': 'waiting newcomers are looked at again at the next change of capacity, key persons or policy',
  'cohort-run': 'the run was ended as failed',
};

/**
 * The order a matcher stops in. The worker first: running jobs finish or are
 * handed back. Then the relay and the queue together: with no worker left, a
 * relay waiting for room in a full in-process line would wait for ever, so
 * closing the queue refuses that add, and its event stays after the relay's
 * checkpoint, to be read again at the next start. The candidate pool last.
 */
export async function stopMatcher(parts: {
  readonly worker: JobWorker | null;
  readonly relay: Pick<MatchRequestRelay, 'stop'>;
  readonly pool: Pick<CandidatePool, 'stop'>;
  readonly queue: Pick<JobQueue<MatcherJobs>, 'close'>;
}): Promise<void> {
  await parts.worker?.close();
  await Promise.all([parts.relay.stop(), parts.queue.close()]);
  await parts.pool.stop();
}
