import { describeJobQueueContract, TestJobs } from '../contract/job-queue.contract';
import { BullMqJobQueue } from './bullmq-job-queue.adapter';
import { FAST_STALLS, obliterateQueue, RecordingLogger, TEST_REDIS_URL, testQueueName } from './testing/test-queue';

describeJobQueueContract('bullmq', async (tuning) => {
  const queueName = testQueueName();
  const queue = await BullMqJobQueue.connect<TestJobs>({
    redisUrl: TEST_REDIS_URL,
    queueName,
    ...tuning,
    ...FAST_STALLS,
    logger: new RecordingLogger(),
  });
  return {
    queue,
    dispose: async () => {
      await queue.close();
      await obliterateQueue(TEST_REDIS_URL, queueName);
    },
  };
});
