import { JobQueueFactory, useQueues } from './contract-queue';
import { eventually, JobRecorder, sleep } from './job-recorder';

export function describeScheduleContract(factory: JobQueueFactory): void {
  describe('schedules', () => {
    const open = useQueues(factory);

    it('runs a scheduled job repeatedly, and no more once the queue is closed', async () => {
      const queue = await open();
      const recorder = new JobRecorder();
      queue.process(recorder.handlers, { concurrency: 1 });
      const scheduledAt = Date.now();
      await queue.schedule('sweep', 100, { scope: 'expiry' });
      await eventually(() => expect(recorder.completed.length).toBeGreaterThanOrEqual(3));
      expect(recorder.runs.every((run) => run.name === 'sweep' && run.attempt === 1)).toBe(true);
      expect(recorder.runs[0].data).toEqual({ scope: 'expiry' });
      // Run k is due k intervals after the schedule, never earlier (a late start may shorten one gap, not this).
      expect(recorder.runs[2].at - scheduledAt).toBeGreaterThanOrEqual(190);
      await queue.close();
      const runsAtClose = recorder.runs.length;
      await sleep(350);
      expect(recorder.runs).toHaveLength(runsAtClose);
    });

    it('stops a schedule removed by name, and removing one that does not exist is nothing', async () => {
      const queue = await open();
      const recorder = new JobRecorder();
      queue.process(recorder.handlers, { concurrency: 1 });
      await queue.schedule('sweep', 100, { scope: 'expiry' });
      await eventually(() => expect(recorder.completed.length).toBeGreaterThanOrEqual(1));
      await queue.unschedule('sweep');
      await sleep(150);
      const runsAfterRemoval = recorder.runs.length;
      await sleep(400);
      expect(recorder.runs).toHaveLength(runsAfterRemoval);
      await expect(queue.unschedule('sweep')).resolves.toBeUndefined();
    });

    it('replaces a schedule upserted again under the same name', async () => {
      const queue = await open();
      const recorder = new JobRecorder();
      await queue.schedule('sweep', 60_000, { scope: 'old' });
      await queue.schedule('sweep', 100, { scope: 'new' });
      queue.process(recorder.handlers, { concurrency: 1 });
      await eventually(() => expect(recorder.runs.filter((run) => (run.data as { scope: string }).scope === 'new').length).toBeGreaterThanOrEqual(2));
    });
  });
}
