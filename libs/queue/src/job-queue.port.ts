import { JobObserver } from './job-observer';

/**
 * The job-queue port the matcher depends on. Two drivers implement it and pass
 * the same contract suite: BullMQ on Redis (several processes, durable while
 * Redis is) and in-process (the embedded default).
 *
 * Semantics every driver keeps:
 * - At-least-once delivery. A handler that throws is retried with exponential
 *   back-off until `attempts` runs have failed; a worker that dies mid-job has
 *   the job delivered again. Handlers must be idempotent (deterministic event
 *   ids), because the same job can run more than once, even concurrently.
 * - Idempotent ids. The caller derives the id from the cause (e.g. the cause
 *   event's id). Adding an id that is still known (waiting, delayed, active,
 *   completed or failed and still retained) adds nothing.
 * - Ids only. Job data is a flat object of strings, numbers and booleans, small
 *   and checked on every add: it holds ids, never personal data, because
 *   Redis keeps it in clear text. The worker reads what it needs from the log.
 */

/** A scalar a job may carry: an id, a count, a flag. */
export type JobScalar = string | number | boolean;

/**
 * Job types by name: `{ 'match-request': { newcomerId: string } }`. Each data
 * shape must be flat (scalars only); the compiler checks it through this
 * constraint and the guard checks it again at run time.
 */
export type JobCatalog<Types> = {
  readonly [Name in keyof Types]: { readonly [Field in keyof Types[Name]]: JobScalar };
};

export type JobName<Types> = keyof Types & string;

/** A job to add. `id` comes from the caller: no ':', not all digits. */
export interface JobSpec<Name extends string, Data> {
  readonly name: Name;
  readonly id: string;
  readonly data: Data;
}

/** Any job of the catalog, as a discriminated union on `name`. */
export type AnyJobSpec<Types> = { [Name in JobName<Types>]: JobSpec<Name, Types[Name]> }[JobName<Types>];

/** A job as a handler sees it. */
export interface DeliveredJob<Name extends string, Data> extends JobSpec<Name, Data> {
  /** 1 on the first delivery; grows with every retry and every redelivery after a stall. */
  readonly attempt: number;
}

export type JobHandler<Name extends string, Data> = (job: DeliveredJob<Name, Data>) => Promise<void>;

/** One handler per job name: a worker handles every job type of its queue. */
export type JobHandlers<Types> = {
  readonly [Name in JobName<Types>]: JobHandler<Name, Types[Name]>;
};

export interface AddJobOptions {
  /** Deliver no earlier than this many milliseconds from now. */
  readonly delayMs?: number;
}

export interface ProcessOptions {
  /** Jobs this worker runs at the same time. */
  readonly concurrency: number;
}

/** A running consumer of the queue. */
export interface JobWorker {
  /**
   * Stops taking jobs and waits for the active ones, at most the queue's
   * close timeout; jobs still running then are handed back for redelivery.
   */
  close(): Promise<void>;
}

export interface JobCounts {
  readonly waiting: number;
  readonly active: number;
  readonly delayed: number;
  readonly completed: number;
  readonly failed: number;
}

/**
 * Positions kept with the jobs. A producer that turns a log into jobs (the
 * matcher's relay) marks here how far it has added them, so the mark and the
 * jobs it vouches for share one durability and one reach: with BullMQ both
 * live in Redis, for every process, so a worker started on an empty disk
 * resumes where the others are rather than adding the whole history again;
 * in-process both go with the process. A mark never moves back: of several
 * producers following one log, the furthest counts, and each has added the
 * jobs of every event up to the mark it saved.
 */
export interface JobMarks {
  load(name: string): Promise<number | null>;
  save(name: string, position: number): Promise<void>;
  /** Forgets the mark: for one that belongs to another log (the event store was replaced). */
  clear(name: string): Promise<void>;
}

/** A job that ended failed: its retries ran out, or it stalled too often. */
export type FailedJob<Types> = AnyJobSpec<Types> & {
  /** When it ended failed (epoch ms, the clock of the process that ran it). */
  readonly failedAt: number;
};

export interface JobQueue<Types extends JobCatalog<Types>> {
  /** Positions kept with this queue's jobs (see `JobMarks`); shaped as a `CheckpointStore`. */
  readonly marks: JobMarks;
  /**
   * Adds a job unless its id is already known; resolves once the queue holds
   * it. A bounded driver (in-process) makes the caller wait while its line is
   * full. Throws `QueueUnavailableError` when the queue cannot take it now.
   */
  add(job: AnyJobSpec<Types>, options?: AddJobOptions): Promise<void>;
  /** Adds several jobs; each id at most once, also within the batch. Checks all before adding any. Waits for room like `add`. */
  addBulk(jobs: readonly AnyJobSpec<Types>[]): Promise<void>;
  /** Starts a worker in this process. May be called more than once. */
  process(handlers: JobHandlers<Types>, options: ProcessOptions): JobWorker;
  /**
   * Runs `name` every `everyMs` (sweeps). Calling it again with the same name
   * replaces the schedule. A run is not started while the previous one still waits.
   */
  schedule<Name extends JobName<Types>>(name: Name, everyMs: number, data: Types[Name]): Promise<void>;
  /** Removes the schedule of `name`, wherever it is kept (with BullMQ: for every process); nothing when there is none. */
  unschedule(name: JobName<Types>): Promise<void>;
  counts(): Promise<JobCounts>;
  /**
   * Jobs of any name that ended failed at or after `since` (epoch ms) and are
   * still retained, oldest failure first, at most `limit`. For whoever
   * re-drives lost work: a job's id stays known while it is retained, so
   * adding it again adds nothing.
   */
  failed(since: number, limit: number): Promise<FailedJob<Types>[]>;
  /**
   * Tells `observer` about every run of a job in this process: its start
   * (with the time it waited in line) and its end (outcome, duration). For
   * metrics; it sees names and times, never ids or data. Returns what stops it.
   */
  observe(observer: JobObserver): () => void;
  /** Closes this process's workers (bounded, as `JobWorker.close`), timers and connections. */
  close(): Promise<void>;
}

/** Where the queue reports what it cannot throw (connection trouble, config). Nest's `Logger` fits. */
export interface QueueLogger {
  warn(message: string): void;
  error(message: string): void;
}
