import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { BullMqTuning } from '../../job-queue.options';
import { QueueLogger } from '../../job-queue.port';

export const TEST_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A queue name no other test (or test run on a shared Redis) uses. */
export function testQueueName(): string {
  return `test-${randomUUID()}`;
}

/**
 * Stall settings short enough for a test: a dead worker's lock lapses after
 * a second and is noticed within a tenth of one.
 */
export const FAST_STALLS: Pick<BullMqTuning, 'lockDurationMs' | 'stalledIntervalMs' | 'maxStalledCount'> = {
  lockDurationMs: 1_000,
  stalledIntervalMs: 100,
  maxStalledCount: 2,
};

/** A logger that keeps what it is told, for assertions and quiet output. */
export class RecordingLogger implements QueueLogger {
  readonly warnings: string[] = [];
  readonly errors: string[] = [];
  warn(message: string): void {
    this.warnings.push(message);
  }
  error(message: string): void {
    this.errors.push(message);
  }
}

/** Deletes every key of a test queue, its job schedulers included. */
export async function obliterateQueue(redisUrl: string, queueName: string): Promise<void> {
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  const queue = new Queue(queueName, { connection });
  try {
    await queue.obliterate({ force: true });
    // BullMQ removes the keys it knows; the relay's marks are ours (`JobQueue.marks`).
    await connection.del(`bull:${queueName}:marks`);
  } finally {
    await queue.close();
    await connection.quit();
  }
}
