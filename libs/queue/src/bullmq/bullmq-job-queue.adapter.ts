import { JobsOptions, Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { JobObserver, JobObservers } from '../job-observer';
import { QueueUnavailableError } from '../job-queue.errors';
import { BullMqTuning, DEFAULT_BULLMQ_TUNING, DEFAULT_TUNING, JobQueueTuning } from '../job-queue.options';
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
import { assertJobSpec } from '../job-spec.guard';
import { BullMqWorker, StoredJob } from './bullmq-worker';
import { producerConnection, redacted, untilReady, warnUnlessNoEviction, workerConnectionOptions } from './redis-connections';

export interface BullMqJobQueueOptions extends Partial<JobQueueTuning>, Partial<BullMqTuning> {
  readonly redisUrl: string;
  readonly queueName: string;
  /** BullMQ's key prefix (default `bull`). */
  readonly prefix?: string;
}

/**
 * The queue on Redis through BullMQ: durable while Redis is (AOF in
 * production), shared by any number of worker processes.
 *
 * Retention is queue-wide on purpose: BullMQ trims the whole completed (or
 * failed) set by the finishing job's `removeOnComplete`, so a job with a
 * shorter retention would also forget other jobs' ids. Every job, scheduled
 * ones included, gets the same options.
 */
export class BullMqJobQueue<Types extends JobCatalog<Types>> implements JobQueue<Types> {
  private readonly workers = new Set<BullMqWorker<Types>>();
  private readonly observers = new JobObservers();
  private closing: Promise<void> | null = null;

  private constructor(
    private readonly queue: Queue<StoredJob['data'], void, string>,
    private readonly producer: Redis,
    private readonly settings: BullMqJobQueueOptions & JobQueueTuning & BullMqTuning,
    private readonly jobOptions: JobsOptions,
  ) {}

  /** Connects (bounded by `connectTimeoutMs`) and checks Redis's eviction policy. */
  static async connect<Types extends JobCatalog<Types>>(options: BullMqJobQueueOptions): Promise<BullMqJobQueue<Types>> {
    const settings = { ...DEFAULT_TUNING, ...DEFAULT_BULLMQ_TUNING, ...options };
    const producer = producerConnection(settings.redisUrl, settings);
    // Until the queue forwards the connection's errors (it does once built), report them here.
    const reportError = (error: Error): void => settings.logger.error(`Redis producer connection: ${error.message}`);
    producer.on('error', reportError);
    let queue: Queue<StoredJob['data'], void, string> | null = null;
    try {
      await untilReady(producer, settings.redisUrl, settings.connectTimeoutMs);
      await warnUnlessNoEviction(producer, settings.logger);
      const jobOptions = finishedJobOptions(settings);
      queue = new Queue<StoredJob['data'], void, string>(settings.queueName, {
        connection: producer,
        prefix: settings.prefix,
        defaultJobOptions: jobOptions,
      });
      queue.on('error', (error) => settings.logger.error(`Queue ${settings.queueName}: ${error.message}`));
      producer.off('error', reportError);
      // BullMQ loads its scripts and checks the server version here: a failure belongs to start-up.
      await queue.waitUntilReady();
      return new BullMqJobQueue<Types>(queue, producer, settings, jobOptions);
    } catch (error) {
      await queue?.close().catch(() => undefined);
      producer.disconnect();
      throw error;
    }
  }

  async add(job: AnyJobSpec<Types>, options: AddJobOptions = {}): Promise<void> {
    assertJobSpec(job);
    await this.produce(`job ${job.name} ${job.id}`, () => this.queue.add(job.name, job.data, { jobId: job.id, delay: options.delayMs }));
  }

  async addBulk(jobs: readonly AnyJobSpec<Types>[]): Promise<void> {
    for (const job of jobs) assertJobSpec(job);
    if (jobs.length === 0) return;
    const bulk = jobs.map((job) => ({ name: job.name, data: job.data, opts: { ...this.jobOptions, jobId: job.id } }));
    await this.produce(`${jobs.length} jobs`, () => this.queue.addBulk(bulk));
  }

  process(handlers: JobHandlers<Types>, options: ProcessOptions): JobWorker {
    if (this.closing !== null) throw new QueueUnavailableError(`Queue ${this.settings.queueName} is closed`);
    const worker = new BullMqWorker<Types>(handlers, {
      queueName: this.settings.queueName,
      prefix: this.settings.prefix,
      connection: workerConnectionOptions(this.settings.redisUrl, this.settings),
      concurrency: options.concurrency,
      stalls: this.settings,
      closeTimeoutMs: this.settings.closeTimeoutMs,
      logger: this.settings.logger,
      observers: this.observers,
    });
    this.workers.add(worker);
    return {
      close: async () => {
        await worker.close();
        this.workers.delete(worker);
      },
    };
  }

  /**
   * The schedule lives in Redis, keyed by name: every process may upsert it
   * and one sweep runs per interval whichever worker takes it. Closing this
   * queue stops this process's workers, not the schedule.
   */
  async schedule<Name extends JobName<Types>>(name: Name, everyMs: number, data: Types[Name]): Promise<void> {
    assertJobSpec({ name, id: name, data });
    if (!Number.isFinite(everyMs) || everyMs < 1) throw new RangeError(`everyMs must be at least 1, got ${everyMs}`);
    const template = { name, data, opts: this.jobOptions };
    await this.produce(`schedule ${name}`, () => this.queue.upsertJobScheduler(name, { every: everyMs }, template));
  }

  /**
   * Marks in Redis beside the queue's keys (`<prefix>:<queue>:marks`, a hash),
   * raised by a script so that a slower producer never lowers one. A save
   * that has started when the queue closes is finished before the connection is.
   */
  readonly marks: JobMarks = {
    load: async (name) => {
      const value = await this.produce(`the mark ${name}`, () => this.producer.hget(this.marksKey, name));
      return value === null ? null : Number(value);
    },
    save: async (name, position) => {
      // Closed: the next start reads on from the last mark saved (every job is idempotent).
      if (this.marksClosed) return;
      const saving = this.produce(`the mark ${name}`, () => this.producer.eval(RAISE_MARK, 1, this.marksKey, name, String(position)), true);
      this.savingMarks.add(saving);
      try {
        await saving;
      } finally {
        this.savingMarks.delete(saving);
      }
    },
    clear: async (name) => {
      await this.produce(`the mark ${name}`, () => this.producer.hdel(this.marksKey, name));
    },
  };
  private readonly savingMarks = new Set<Promise<unknown>>();
  private marksClosed = false;

  private get marksKey(): string {
    return `${this.settings.prefix ?? 'bull'}:${this.settings.queueName}:marks`;
  }

  /** The schedule is kept in Redis until removed: a process started without it must remove it, or it runs on for ever. */
  async unschedule(name: JobName<Types>): Promise<void> {
    await this.produce(`unschedule ${name}`, () => this.queue.removeJobScheduler(name));
  }

  async counts(): Promise<JobCounts> {
    const counts = await this.produce('counts', () => this.queue.getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'completed', 'failed'));
    const count = (state: string): number => counts[state] ?? 0;
    return {
      waiting: count('waiting') + count('prioritized'),
      active: count('active'),
      delayed: count('delayed'),
      completed: count('completed'),
      failed: count('failed'),
    };
  }

  /**
   * BullMQ keeps the failed jobs' ids in a sorted set scored by the time each
   * ended failed: a range of scores, then each job (one removed meanwhile is left out).
   */
  async failed(since: number, limit: number): Promise<FailedJob<Types>[]> {
    const range = await this.produce('failed jobs', () => this.producer.zrangebyscore(this.queue.keys.failed, since, '+inf', 'WITHSCORES', 'LIMIT', 0, limit));
    const failed: FailedJob<Types>[] = [];
    for (let index = 0; index < range.length; index += 2) {
      const job = await this.produce('a failed job', () => this.queue.getJob(range[index]));
      // Stored through the typed `add`, so its name and data are the catalog's.
      if (job !== undefined) failed.push({ name: job.name, id: range[index], data: job.data, failedAt: Number(range[index + 1]) } as FailedJob<Types>);
    }
    return failed;
  }

  observe(observer: JobObserver): () => void {
    return this.observers.add(observer);
  }

  close(): Promise<void> {
    this.closing ??= this.shutDown();
    return this.closing;
  }

  private async shutDown(): Promise<void> {
    await Promise.all([...this.workers].map((worker) => worker.close()));
    await this.queue.close().catch((error: unknown) => this.settings.logger.warn(`Closing queue ${this.settings.queueName}: ${String(error)}`));
    this.marksClosed = true;
    await Promise.allSettled([...this.savingMarks]);
    // The queue does not close a connection it was handed.
    await this.producer.quit().catch(() => this.producer.disconnect());
  }

  private async produce<T>(what: string, command: () => Promise<T>, whileClosing = false): Promise<T> {
    if (this.closing !== null && !whileClosing) throw new QueueUnavailableError(`Queue ${this.settings.queueName} is closed`);
    try {
      return await command();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new QueueUnavailableError(`Redis at ${redacted(this.settings.redisUrl)} did not take ${what}: ${reason}`, { cause: error });
    }
  }
}

/** HSET field := max(field, position), atomically. */
const RAISE_MARK = `
local current = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '-1')
if tonumber(ARGV[2]) > current then redis.call('HSET', KEYS[1], ARGV[1], ARGV[2]) end
return 1`;

/** Attempts, back-off and retention, the same for every job of the queue. */
function finishedJobOptions(tuning: JobQueueTuning): JobsOptions {
  const keep = { age: Math.ceil(tuning.retentionMs / 1_000), count: tuning.retentionCount };
  return {
    attempts: tuning.attempts,
    backoff: { type: 'exponential', delay: tuning.backoffMs },
    removeOnComplete: keep,
    removeOnFail: keep,
  };
}
