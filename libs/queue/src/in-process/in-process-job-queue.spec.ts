import { describeJobQueueContract, TestJobs } from '../contract/job-queue.contract';
import { InProcessJobQueue } from './in-process-job-queue.adapter';

const silent = { warn: () => undefined, error: () => undefined };

describeJobQueueContract('in-process', async (tuning) => {
  const queue = new InProcessJobQueue<TestJobs>({ ...tuning, logger: silent });
  return { queue, dispose: () => queue.close() };
});
