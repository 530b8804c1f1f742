import type { BullMqJobQueueOptions } from './bullmq/bullmq-job-queue.adapter';
import { InProcessJobQueue } from './in-process/in-process-job-queue.adapter';
import { JobCatalog, JobQueue } from './job-queue.port';

export interface CreateJobQueueOptions extends Omit<BullMqJobQueueOptions, 'redisUrl'> {
  /** `redis://…` for BullMQ; null for the in-process queue (embedded default). */
  readonly redisUrl: string | null;
}

/** The one place that picks the driver, from configuration (`REDIS_URL`). */
export async function createJobQueue<Types extends JobCatalog<Types>>(options: CreateJobQueueOptions): Promise<JobQueue<Types>> {
  const { redisUrl } = options;
  if (redisUrl === null || redisUrl === '') return new InProcessJobQueue<Types>(options);
  // Loaded only here: without Redis, bullmq and ioredis would be a sixth of each process's start-up.
  const { BullMqJobQueue } = require('./bullmq') as typeof import('./bullmq');
  return BullMqJobQueue.connect<Types>({ ...options, redisUrl });
}
