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
  });
}
