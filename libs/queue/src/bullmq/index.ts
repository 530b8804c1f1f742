/**
 * The BullMQ driver, in an entry of its own rather than the library's main
 * one, so that a process without `REDIS_URL` (the embedded default) does not
 * load bullmq and ioredis at start-up; `createJobQueue` loads it when a Redis
 * URL is configured.
 */
export { BullMqJobQueue } from './bullmq-job-queue.adapter';
export type { BullMqJobQueueOptions } from './bullmq-job-queue.adapter';
