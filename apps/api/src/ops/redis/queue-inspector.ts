import { BeforeApplicationShutdown, Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfigType } from '@sleutel/platform';
import { JobCounts } from '@sleutel/queue';
import type { Queue } from 'bullmq';
import { OpsRedis } from './ops-redis';

/**
 * The matcher's BullMQ queue as seen from outside it: for the dashboard and
 * for queue depth in a process that runs no matcher (an API beside workers).
 * It only reads and never adds jobs; it exists only when Redis is configured.
 */
@Injectable()
export class QueueInspector implements BeforeApplicationShutdown {
  readonly queue: Queue | null;

  constructor(@Inject(APP_CONFIG) config: AppConfigType, redis: OpsRedis) {
    // bullmq is loaded only when Redis is configured.
    this.queue = redis.client === null ? null : new (require('bullmq') as typeof import('bullmq')).Queue(config.matcher.queueName, { connection: redis.client });
    // Connection trouble is reported once by OpsRedis; without a listener an 'error' would end the process.
    this.queue?.on('error', () => undefined);
  }

  async counts(): Promise<JobCounts | null> {
    if (this.queue === null) return null;
    const counts = await this.queue.getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'completed', 'failed');
    const count = (state: string): number => counts[state] ?? 0;
    return {
      waiting: count('waiting') + count('prioritized'),
      active: count('active'),
      delayed: count('delayed'),
      completed: count('completed'),
      failed: count('failed'),
    };
  }

  /** Before OpsRedis quits the connection it shares (the queue does not close a connection it was handed). */
  async beforeApplicationShutdown(): Promise<void> {
    await this.queue?.close().catch(() => undefined);
  }
}
