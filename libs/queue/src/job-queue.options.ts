import { QueueLogger } from './job-queue.port';

/** Knobs both drivers share. Every field has a default fit for production. */
export interface JobQueueTuning {
  /** Runs before a job ends failed (the first run counts). */
  readonly attempts: number;
  /** Delay before the first retry; doubles with every further retry. */
  readonly backoffMs: number;
  /**
   * How long finished jobs (and so their ids) are kept. Longer than any
   * redelivery window: once a job is gone its id can be added again.
   */
  readonly retentionMs: number;
  /** Most finished jobs kept per state (completed, failed): bounds memory. */
  readonly retentionCount: number;
  /** How long `close()` waits for active jobs before handing them back. */
  readonly closeTimeoutMs: number;
  readonly logger: QueueLogger;
}

/** Redis-only knobs: stall detection and reconnection. */
export interface BullMqTuning {
  /**
   * A worker holds a job's lock this long and renews it at half of it. A
   * worker that dies stops renewing; after this the job counts as stalled.
   */
  readonly lockDurationMs: number;
  /** How often each worker looks for stalled jobs. */
  readonly stalledIntervalMs: number;
  /**
   * Times a job may stall and be redelivered before it ends failed; guards
   * against a job that kills every worker that takes it.
   */
  readonly maxStalledCount: number;
  /** Upper bound of the reconnect back-off after Redis went away. */
  readonly reconnectMaxDelayMs: number;
  /** How long start-up waits for Redis before giving up. */
  readonly connectTimeoutMs: number;
  /** Bound on each producer command, so `add` cannot hang on a half-open connection. */
  readonly commandTimeoutMs: number;
}

const consoleLogger: QueueLogger = {
  warn: (message) => console.warn(`[queue] ${message}`),
  error: (message) => console.error(`[queue] ${message}`),
};

export const DEFAULT_TUNING: JobQueueTuning = {
  attempts: 5,
  backoffMs: 1_000,
  retentionMs: 7 * 24 * 60 * 60 * 1_000,
  retentionCount: 100_000,
  closeTimeoutMs: 10_000,
  logger: consoleLogger,
};

export const DEFAULT_BULLMQ_TUNING: BullMqTuning = {
  lockDurationMs: 30_000,
  stalledIntervalMs: 30_000,
  maxStalledCount: 2,
  reconnectMaxDelayMs: 5_000,
  connectTimeoutMs: 10_000,
  commandTimeoutMs: 5_000,
};

/** Delay before retry number `failedRuns` (1 = after the first failure). */
export function retryDelayMs(backoffMs: number, failedRuns: number): number {
  return backoffMs * 2 ** Math.max(0, failedRuns - 1);
}
