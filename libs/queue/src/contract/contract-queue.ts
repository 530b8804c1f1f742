import { JobQueueTuning } from '../job-queue.options';
import { JobQueue } from '../job-queue.port';

/** The job types the contract uses: ids only, like the real ones. */
export type TestJobs = {
  ping: { key: string };
  sweep: { scope: string };
};

export type ContractTuning = Pick<JobQueueTuning, 'attempts' | 'backoffMs' | 'closeTimeoutMs'>;

/** A fresh queue on a queue name of its own, and how to remove all it left behind. */
export interface OpenedQueue {
  readonly queue: JobQueue<TestJobs>;
  /** Closes the queue (if the test did not) and deletes its data (BullMQ: obliterate). */
  dispose(): Promise<void>;
}

export type JobQueueFactory = (tuning: ContractTuning) => Promise<OpenedQueue>;

/** Short settings so retries and close bounds fit in a fast test. */
export const CONTRACT_TUNING: ContractTuning = { attempts: 3, backoffMs: 20, closeTimeoutMs: 2_000 };

/**
 * Opens queues for one test and disposes of every one after it, so a failing
 * test still leaves no connection, timer or Redis key behind.
 */
export function useQueues(factory: JobQueueFactory): (tuning?: Partial<ContractTuning>) => Promise<JobQueue<TestJobs>> {
  let opened: OpenedQueue[] = [];
  afterEach(async () => {
    const disposing = opened.reverse();
    opened = [];
    for (const queue of disposing) await queue.dispose();
  });
  return async (tuning = {}) => {
    const queue = await factory({ ...CONTRACT_TUNING, ...tuning });
    opened.push(queue);
    return queue.queue;
  };
}
