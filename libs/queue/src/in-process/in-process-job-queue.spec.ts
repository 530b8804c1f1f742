import { describeJobQueueContract, TestJobs } from '../contract/job-queue.contract';
import { InProcessJobQueue } from './in-process-job-queue.adapter';

const silent = { warn: () => undefined, error: () => undefined };

describeJobQueueContract('in-process', async (tuning) => {
  const queue = new InProcessJobQueue<TestJobs>({ ...tuning, logger: silent });
  return { queue, dispose: () => queue.close() };
});

describe('in-process retention', () => {
  it('remembers the last 10,000 finished ids by default: an older id added again runs again, a recent one adds nothing', async () => {
    const queue = new InProcessJobQueue<TestJobs>({ logger: silent });
    const runs = new Map<string, number>();
    let finished = 0;
    queue.process({
      ping: async (job) => {
        runs.set(job.data.key, (runs.get(job.data.key) ?? 0) + 1);
        finished += 1;
      },
      sweep: async () => undefined,
    }, { concurrency: 8 });
    const until = async (count: number) => {
      while (finished < count) await new Promise((resolve) => setImmediate(resolve));
    };
    try {
      const total = 10_001;
      await queue.addBulk(Array.from({ length: total }, (_, i) => ({ name: 'ping' as const, id: `ping-${i}`, data: { key: `k${i}` } })));
      await until(total);
      expect((await queue.counts()).completed).toBe(10_000);
      await queue.add({ name: 'ping', id: 'ping-0', data: { key: 'k0' } });
      await queue.add({ name: 'ping', id: `ping-${total - 1}`, data: { key: `k${total - 1}` } });
      await until(total + 1);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(runs.get('k0')).toBe(2);
      expect(runs.get(`k${total - 1}`)).toBe(1);
    } finally {
      await queue.close();
    }
  });
});
