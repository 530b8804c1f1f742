import { ConnectionOptions, Job, WaitingError, Worker } from 'bullmq';
import { settlesWithin } from '../bounded-wait';
import { handlerFor } from '../handler-for';
import { JobObservers } from '../job-observer';
import { JobHandlers, JobScalar, JobWorker, QueueLogger } from '../job-queue.port';
import { BullMqTuning } from '../job-queue.options';

export type StoredJob = Job<Readonly<Record<string, JobScalar>>, void, string>;

export interface BullMqWorkerOptions {
  readonly queueName: string;
  readonly prefix: string | undefined;
  readonly connection: ConnectionOptions;
  readonly concurrency: number;
  readonly stalls: Pick<BullMqTuning, 'lockDurationMs' | 'stalledIntervalMs' | 'maxStalledCount'>;
  readonly closeTimeoutMs: number;
  readonly logger: QueueLogger;
  readonly observers: JobObservers;
}

interface ActiveRun {
  readonly job: StoredJob;
  readonly token: string | undefined;
  /** Settles the processor's promise at once, whatever the handler still does. */
  readonly abandon: () => void;
}

/**
 * After the close bound: the time given to hand each job back, then to the
 * worker to finish closing, before its connections are cut.
 */
const HAND_BACK_BOUND_MS = 2_000;

/**
 * One `process()` call on BullMQ: a `Worker` whose processor dispatches by
 * job name. Its close is bounded, which `Worker.close()` is not: it waits for
 * active jobs without a timeout, and a second `close(true)` only returns the
 * same pending promise. So after the bound the jobs still running are moved
 * back to wait (as BullMQ's manual `moveToWait` + `WaitingError`) and their
 * processors released, which lets the graceful close finish.
 */
export class BullMqWorker<Types> implements JobWorker {
  private readonly worker: Worker<StoredJob['data'], void, string>;
  private readonly active = new Map<string, ActiveRun>();
  private closing: Promise<void> | null = null;

  constructor(
    handlers: JobHandlers<Types>,
    private readonly options: BullMqWorkerOptions,
  ) {
    this.worker = new Worker<StoredJob['data'], void, string>(options.queueName, (job, token) => this.run(handlers, job, token), {
      connection: options.connection,
      prefix: options.prefix,
      concurrency: options.concurrency,
      lockDuration: options.stalls.lockDurationMs,
      stalledInterval: options.stalls.stalledIntervalMs,
      maxStalledCount: options.stalls.maxStalledCount,
    });
    // Without a listener an 'error' event would crash the process; connection
    // trouble is reported here and BullMQ keeps retrying on its own.
    this.worker.on('error', (error) => options.logger.error(`Worker on ${options.queueName}: ${error.message}`));
    this.worker.on('failed', (job, error) => {
      // 'failed' fires for every failed run; only the last one ends the job.
      if (job !== undefined && job.attemptsMade >= (job.opts.attempts ?? 1)) {
        options.logger.warn(`Job ${job.name} ${String(job.id)} failed after ${job.attemptsMade} attempts: ${error.message}`);
      }
    });
  }

  close(): Promise<void> {
    this.closing ??= this.stop();
    return this.closing;
  }

  private run(handlers: JobHandlers<Types>, job: StoredJob, token: string | undefined): Promise<void> {
    const id = String(job.id);
    const handler = handlerFor(handlers, job.name);
    // Through `then`, so a handler that throws before its first await still counts as a failed run.
    const handled = Promise.resolve().then(() => handler({ name: job.name, id, data: job.data, attempt: job.attemptsStarted }));
    const ended = this.options.observers.track(job.name, job.attemptsStarted, waitedInLine(job));
    return new Promise<void>((resolve, reject) => {
      this.active.set(id, {
        job,
        token,
        abandon: () => {
          ended('handed-back');
          reject(new WaitingError('handed back on close'));
        },
      });
      handled.then(
        () => {
          ended('completed');
          resolve();
        },
        (error: unknown) => {
          ended('failed');
          reject(error);
        },
      );
    }).finally(() => this.active.delete(id));
  }

  private async stop(): Promise<void> {
    const closing = this.worker.close();
    if (await settlesWithin(closing, this.options.closeTimeoutMs)) return;
    this.options.logger.warn(`Worker on ${this.options.queueName}: ${this.active.size} job(s) still running after ${this.options.closeTimeoutMs} ms; handing them back`);
    await this.handBack();
    if (await settlesWithin(closing, HAND_BACK_BOUND_MS)) return;
    // Redis unreachable or a step hanging: cut the connections. Jobs not
    // handed back come back through stall detection once their locks lapse.
    await settlesWithin(this.worker.disconnect(), HAND_BACK_BOUND_MS);
    await settlesWithin(closing, HAND_BACK_BOUND_MS);
  }

  private async handBack(): Promise<void> {
    const runs = [...this.active.values()];
    await Promise.all(
      runs.map(async (run) => {
        await settlesWithin(run.job.moveToWait(run.token), HAND_BACK_BOUND_MS);
        run.abandon();
      }),
    );
  }
}

/**
 * From when a job was due (added, plus its delay) to the start of its first
 * run. BullMQ keeps no due time for retries and redeliveries: null then.
 */
function waitedInLine(job: StoredJob): number | null {
  if (job.attemptsStarted !== 1 || job.processedOn === undefined) return null;
  // `job.delay` is reset once a delayed job is promoted; the option keeps it.
  return Math.max(0, job.processedOn - job.timestamp - (job.opts.delay ?? 0));
}
