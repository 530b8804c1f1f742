import { BullMqJobQueue } from './bullmq';
import { obliterateQueue, RecordingLogger, TEST_REDIS_URL, testQueueName } from './bullmq/testing/test-queue';
import { TestJobs } from './contract/contract-queue';
import { InProcessJobQueue } from './in-process/in-process-job-queue.adapter';
import { createJobQueue } from './queue.factory';

describe('createJobQueue', () => {
  it('runs in process when no Redis URL is configured', async () => {
    const queue = await createJobQueue<TestJobs>({ redisUrl: null, queueName: 'matching' });
    expect(queue).toBeInstanceOf(InProcessJobQueue);
    await queue.close();
  });

  it('runs on BullMQ when a Redis URL is configured', async () => {
    const queueName = testQueueName();
    const queue = await createJobQueue<TestJobs>({ redisUrl: TEST_REDIS_URL, queueName, logger: new RecordingLogger() });
    try {
      expect(queue).toBeInstanceOf(BullMqJobQueue);
      await queue.add({ name: 'ping', id: 'through-the-factory', data: { key: 'k' } });
      expect((await queue.counts()).waiting).toBe(1);
    } finally {
      await queue.close();
      await obliterateQueue(TEST_REDIS_URL, queueName);
    }
  });
});
