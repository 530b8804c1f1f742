import { AsyncLocalStorage } from 'node:async_hooks';
import { handlerFor } from '../handler-for';
import { JobObserver, JobObservers, JobRunOutcome } from '../job-observer';
import { assertJobSpec } from '../job-spec.guard';
import { QueueUnavailableError } from '../job-queue.errors';
import { DEFAULT_TUNING, JobQueueTuning, retryDelayMs } from '../job-queue.options';
import {
  AddJobOptions,
  AnyJobSpec,
  FailedJob,
  JobCatalog,
  JobCounts,
  JobHandlers,
  JobMarks,
  JobName,
  JobQueue,
  JobWorker,
  ProcessOptions,
} from '../job-queue.port';
import { InProcessWorker } from './in-process-worker';
import { JobLedger, LedgerEntry } from './job-ledger';
import { JobSchedules } from './job-schedules';

/**
 * The embedded default: the queue in this process's memory, no Redis.
 *
 * Same semantics as the BullMQ driver (idempotent ids, retries with
 * exponential back-off, concurrency, schedules, bounded close) but not
 * durable: jobs waiting or running when the process stops are gone. That is
 * acceptable because a job is derived state: the relay turns causes in the
 * event log into jobs from its checkpoint, so after a restart the pending work
 * is derived again from the log, not recovered from the queue.
 */
/**
 * Finished ids this driver remembers, unless told otherwise. BullMQ keeps
 * 100,000 in Redis; here they live in the API's heap (about 1.5 KB each with
 * their data), and they only guard against the same cause being added twice
 * within one process's life (the relay adds each cause once; after a restart
 * the ledger is empty anyway and every job is idempotent). 100,000 of them
 * were most of the heap growth the soak measured.
 */
export const IN_PROCESS_RETENTION: Pick<JobQueueTuning, 'retentionCount'> = { retentionCount: 10_000 };

export interface InProcessTuning {
  /**
   * Jobs waiting in line at which `add` waits for room (default 1,000). The
   * relay adds every job and awaits each `add`, so while the line is full it
   * stops reading the log: the backlog stays in the log, where it is durable
   * and costs no memory, instead of growing in this heap. Under sustained
   * intake the API's HTTP work leaves the matcher less than it needs; the
   * line then fills and the relay falls behind until the load eases.
   *
   * Jobs added by a running handler (a retry that asks again for every
   * waiting newcomer, a sweep that resumes reservations) never wait: the
   * handler holds a worker slot while it adds, so handlers waiting for room
   * in every slot would wait for ever, with no slot left to take a job and
   * make room. Their jobs are in the handler's memory already; the line then
   * holds more than maxWaiting until the workers catch up, by at most what
   * one handler adds (the matcher's retry adds a page of 500 and a
   * continuation job, not the whole waiting list).
   */
  readonly maxWaiting: number;
}

export const DEFAULT_IN_PROCESS_TUNING: InProcessTuning = { maxWaiting: 1_000 };

/** A caller of `add` waiting for room in the line. */
interface RoomWaiter {
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
}

export class InProcessJobQueue<Types extends JobCatalog<Types>> implements JobQueue<Types> {
  private readonly tuning: JobQueueTuning;
  private readonly ledger: JobLedger;
  private readonly schedules: JobSchedules;
  private readonly workers = new Set<InProcessWorker>();
  private readonly observers = new JobObservers();
  /** How each running job's end is reported: by its handler, or at once when it is handed back. */
  private readonly runEnds = new Map<LedgerEntry, (outcome: JobRunOutcome) => void>();
  private readonly maxWaiting: number;
  /** Callers of `add` waiting for room in the line: woken when a worker takes a job, refused when the queue closes. */
  private roomWaiters: RoomWaiter[] = [];
  private closed = false;
  private dispatchRequested = false;
  /** Set while a handler of this queue runs: its adds never wait for room. */
  private readonly inHandler = new AsyncLocalStorage<true>();

  constructor(tuning: Partial<JobQueueTuning & InProcessTuning> = {}) {
    this.tuning = { ...DEFAULT_TUNING, ...IN_PROCESS_RETENTION, ...tuning };
    this.maxWaiting = tuning.maxWaiting ?? DEFAULT_IN_PROCESS_TUNING.maxWaiting;
    if (!Number.isInteger(this.maxWaiting) || this.maxWaiting < 1) throw new RangeError(`maxWaiting must be a positive integer, got ${this.maxWaiting}`);
    this.ledger = new JobLedger({ ageMs: this.tuning.retentionMs, count: this.tuning.retentionCount }, () => this.requestDispatch());
    this.schedules = new JobSchedules(this.ledger);
  }

  async add(job: AnyJobSpec<Types>, options: AddJobOptions = {}): Promise<void> {
    assertJobSpec(job);
    this.assertOpen();
    await this.admit(job, options.delayMs ?? 0);
  }

  async addBulk(jobs: readonly AnyJobSpec<Types>[]): Promise<void> {
    for (const job of jobs) assertJobSpec(job);
    this.assertOpen();
    for (const job of jobs) await this.admit(job, 0);
  }

  /** Admits a job whose id is new, once the line has room (at once when a handler adds it); a known id adds nothing and never waits. */
  private async admit(job: AnyJobSpec<Types>, delayMs: number): Promise<void> {
    const mayWait = this.inHandler.getStore() === undefined;
    while (mayWait && !this.ledger.has(job.id) && this.ledger.waiting >= this.maxWaiting) {
      await new Promise<void>((resolve, reject) => this.roomWaiters.push({ resolve, reject }));
      // Woken, but the queue may have closed before this caller ran again.
      this.assertOpen();
    }
    if (!this.ledger.has(job.id)) this.ledger.admit({ name: job.name, id: job.id, data: { ...job.data } }, delayMs);
  }

  process(handlers: JobHandlers<Types>, options: ProcessOptions): JobWorker {
    this.assertOpen();
    if (!Number.isInteger(options.concurrency) || options.concurrency < 1) {
      throw new RangeError(`concurrency must be a positive integer, got ${options.concurrency}`);
    }
    const worker = new InProcessWorker(
      {
        run: (entry) => this.run(entry, handlers),
        onSlotFree: () => this.requestDispatch(),
        handBack: (entries) => this.handBack(entries),
        onClosed: (closedWorker) => this.workers.delete(closedWorker),
      },
      options.concurrency,
      this.tuning.closeTimeoutMs,
    );
    this.workers.add(worker);
    this.requestDispatch();
    return worker;
  }

  async schedule<Name extends JobName<Types>>(name: Name, everyMs: number, data: Types[Name]): Promise<void> {
    assertJobSpec({ name, id: name, data });
    this.assertOpen();
    this.schedules.upsert(name, everyMs, { ...data });
  }

  /** The jobs go with the process, so do the marks: a restarted relay reads the log again (every job is idempotent). */
  readonly marks: JobMarks = (() => {
    const positions = new Map<string, number>();
    return {
      load: async (name: string) => positions.get(name) ?? null,
      save: async (name: string, position: number) => void positions.set(name, Math.max(position, positions.get(name) ?? -1)),
      clear: async (name: string) => void positions.delete(name),
    };
  })();

  async unschedule(name: JobName<Types>): Promise<void> {
    this.schedules.remove(name);
  }

  async counts(): Promise<JobCounts> {
    return this.ledger.counts();
  }

  async failed(since: number, limit: number): Promise<FailedJob<Types>[]> {
    // The ledger holds what was added through the typed `add`.
    return this.ledger.failedSince(since, limit).map(({ entry, failedAt }) => ({ name: entry.name, id: entry.id, data: { ...entry.data }, failedAt }) as FailedJob<Types>);
  }

  observe(observer: JobObserver): () => void {
    return this.observers.add(observer);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const waiter of this.takeRoomWaiters()) waiter.reject(new QueueUnavailableError('The in-process queue closed before it had room for the job'));
    this.schedules.stop();
    this.ledger.stopTimers();
    await Promise.all([...this.workers].map((worker) => worker.close()));
  }

  private assertOpen(): void {
    if (this.closed) throw new QueueUnavailableError('The in-process queue is closed');
  }

  /**
   * Hands out jobs on the event loop's next turn (`setImmediate`), once for
   * any number of requests: a handler never starts inside the `add` that
   * queued it, a handler that adds jobs does not re-enter the dispatch loop,
   * and the process's I/O gets a turn between jobs. On a microtask, a line
   * of jobs whose handlers never wait on real I/O (SQLite answers
   * synchronously) ran back to back in one turn: the line the relay derives
   * again from the log at every start of an embedded API (22,000 match
   * requests for 22,000 newcomers) held it for a minute, `/health/live`
   * included (found by a review of upgrades).
   */
  private requestDispatch(): void {
    if (this.dispatchRequested) return;
    this.dispatchRequested = true;
    setImmediate(() => {
      this.dispatchRequested = false;
      this.dispatch();
    });
  }

  private dispatch(): void {
    let taken = false;
    for (const worker of this.workers) {
      while (worker.hasRoom) {
        const entry = this.ledger.takeNext();
        if (entry === undefined) break;
        worker.start(entry);
        taken = true;
      }
    }
    // Each woken caller looks again: only as many as there is room for get in.
    if (taken && this.ledger.waiting < this.maxWaiting) for (const waiter of this.takeRoomWaiters()) waiter.resolve();
  }

  private takeRoomWaiters(): RoomWaiter[] {
    const waiters = this.roomWaiters;
    this.roomWaiters = [];
    return waiters;
  }

  private async run(entry: LedgerEntry, handlers: JobHandlers<Types>): Promise<void> {
    const delivery = entry.deliveries;
    const ended = this.observers.track(entry.name, delivery, entry.readyAt === undefined ? null : Math.max(0, Date.now() - entry.readyAt));
    this.runEnds.set(entry, ended);
    let failure: unknown = null;
    try {
      await this.inHandler.run(true, () => handlerFor(handlers, entry.name)({ name: entry.name, id: entry.id, data: entry.data, attempt: delivery }));
    } catch (error) {
      failure = error ?? new Error('The handler threw nothing');
    }
    if (this.runEnds.get(entry) === ended) this.runEnds.delete(entry);
    // A run handed back on close, or superseded by a later delivery, decides nothing.
    if (entry.state !== 'active' || entry.deliveries !== delivery) return ended('handed-back');
    ended(failure === null ? 'completed' : 'failed');
    this.settle(entry, failure);
  }

  private settle(entry: LedgerEntry, failure: unknown): void {
    if (failure === null) return this.ledger.finish(entry, 'completed');
    entry.failedRuns += 1;
    if (entry.failedRuns >= this.tuning.attempts) {
      this.tuning.logger.warn(`Job ${entry.name} ${entry.id} failed after ${entry.failedRuns} attempts: ${String(failure)}`);
      return this.ledger.finish(entry, 'failed');
    }
    this.ledger.makeReady(entry, this.closed ? 0 : retryDelayMs(this.tuning.backoffMs, entry.failedRuns));
  }

  private handBack(entries: readonly LedgerEntry[]): void {
    for (const entry of entries) {
      this.runEnds.get(entry)?.('handed-back');
      if (entry.state === 'active') this.ledger.makeReady(entry, 0);
    }
  }
}
