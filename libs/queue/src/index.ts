/**
 * The job queue: the port the matcher uses (`JobQueue`), two drivers that pass
 * one contract suite (BullMQ on Redis, in-process for the embedded default) and
 * the factory that picks one from configuration. The contract suite needs Jest
 * and is imported by path from specs, not from here. See README.md.
 */
export * from './job-queue.port';
export type { JobObserver, JobRunStarted, JobRunEnded, JobRunOutcome } from './job-observer';
export * from './job-queue.errors';
export { DEFAULT_TUNING, DEFAULT_BULLMQ_TUNING } from './job-queue.options';
export type { JobQueueTuning, BullMqTuning } from './job-queue.options';
export { JOB_LIMITS, assertJobSpec } from './job-spec.guard';
export { createJobQueue } from './queue.factory';
export type { CreateJobQueueOptions } from './queue.factory';
export type { BullMqJobQueueOptions } from './bullmq/bullmq-job-queue.adapter';
export { InProcessJobQueue } from './in-process/in-process-job-queue.adapter';
