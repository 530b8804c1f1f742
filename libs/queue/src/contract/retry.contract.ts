import { JobQueueFactory, useQueues } from './contract-queue';
import { eventually, JobRecorder, sleep } from './job-recorder';

/** At least once: a handler that throws runs again, later each time, up to `attempts` runs. */
export function describeRetryContract(factory: JobQueueFactory): void {
  describe('retries', () => {
    const open = useQueues(factory);

    it('retries a throwing handler with exponential back-off until it succeeds', async () => {
      const queue = await open({ attempts: 5, backoffMs: 50 });
      const recorder = new JobRecorder(async (job) => {
        if (job.attempt < 3) throw new Error(`transient ${job.attempt}`);
      });
      queue.process(recorder.handlers, { concurrency: 1 });
      await queue.add({ name: 'ping', id: 'flaky', data: { key: 'f' } });
      await eventually(() => expect(recorder.completed).toEqual(['flaky']));
      const runs = recorder.runsOf('flaky');
      expect(runs.map((run) => run.attempt)).toEqual([1, 2, 3]);
      // Back-off doubles: at least 50 ms, then at least 100 ms (a little slack for timer rounding).
      expect(runs[1].at - runs[0].at).toBeGreaterThanOrEqual(45);
      expect(runs[2].at - runs[1].at).toBeGreaterThanOrEqual(95);
      expect(await queue.counts()).toMatchObject({ completed: 1, failed: 0, delayed: 0 });
    });

    it('ends a job failed after its attempts, and its id still deduplicates', async () => {
      const queue = await open({ attempts: 3, backoffMs: 10 });
      const recorder = new JobRecorder(async () => {
        throw new Error('always');
      });
      queue.process(recorder.handlers, { concurrency: 1 });
      await queue.add({ name: 'ping', id: 'doomed', data: { key: 'd' } });
      await eventually(async () => expect((await queue.counts()).failed).toBe(1));
      expect(recorder.runsOf('doomed').map((run) => run.attempt)).toEqual([1, 2, 3]);
      await queue.add({ name: 'ping', id: 'doomed', data: { key: 'd' } });
      await sleep(300);
      expect(recorder.runs).toHaveLength(3);
      expect(await queue.counts()).toMatchObject({ waiting: 0, delayed: 0, active: 0, completed: 0, failed: 1 });
    });

    it('lists the jobs that ended failed since a time, oldest first, with their data, and only those', async () => {
      const queue = await open({ attempts: 2, backoffMs: 10 });
      const recorder = new JobRecorder(async (job) => {
        if (job.id !== 'fine') throw new Error('always');
      });
      queue.process(recorder.handlers, { concurrency: 1 });
      const before = Date.now();
      expect(await queue.failed(0, 10)).toEqual([]);
      await queue.add({ name: 'ping', id: 'first', data: { key: 'a' } });
      await eventually(async () => expect((await queue.counts()).failed).toBe(1));
      await sleep(5);
      await queue.add({ name: 'ping', id: 'fine', data: { key: 'f' } });
      await queue.add({ name: 'sweep', id: 'second', data: { scope: 'b' } });
      await eventually(async () => expect(await queue.counts()).toMatchObject({ failed: 2, completed: 1 }));
      const failed = await queue.failed(before, 10);
      expect(failed.map(({ name, id, data }) => ({ name, id, data }))).toEqual([
        { name: 'ping', id: 'first', data: { key: 'a' } },
        { name: 'sweep', id: 'second', data: { scope: 'b' } },
      ]);
      expect(failed[0].failedAt).toBeGreaterThanOrEqual(before);
      expect(failed[1].failedAt).toBeGreaterThan(failed[0].failedAt);
      expect((await queue.failed(failed[1].failedAt, 10)).map((job) => job.id)).toEqual(['second']);
      expect((await queue.failed(before, 1)).map((job) => job.id)).toEqual(['first']);
      expect(await queue.failed(failed[1].failedAt + 1, 10)).toEqual([]);
    });
  });
}
