import { QueueUnavailableError } from '../job-queue.errors';
import { JobQueueFactory, useQueues } from './contract-queue';
import { eventually, Gate, JobRecorder, sleep } from './job-recorder';

export function describeLifecycleContract(factory: JobQueueFactory): void {
  describe('counts and close', () => {
    const open = useQueues(factory);

    it('counts jobs per state', async () => {
      const queue = await open({ attempts: 1 });
      expect(await queue.counts()).toEqual({ waiting: 0, active: 0, delayed: 0, completed: 0, failed: 0 });
      await queue.addBulk([
        { name: 'ping', id: 'ok', data: { key: 'ok' } },
        { name: 'ping', id: 'bad', data: { key: 'bad' } },
        { name: 'ping', id: 'held', data: { key: 'held' } },
      ]);
      await queue.add({ name: 'ping', id: 'later', data: { key: 'later' } }, { delayMs: 60_000 });
      expect(await queue.counts()).toEqual({ waiting: 3, active: 0, delayed: 1, completed: 0, failed: 0 });
      const gate = new Gate();
      const recorder = new JobRecorder(async (job) => {
        if (job.id === 'bad') throw new Error('bad');
        if (job.id === 'held') await gate.opened;
      });
      queue.process(recorder.handlers, { concurrency: 3 });
      await eventually(async () => expect(await queue.counts()).toEqual({ waiting: 0, active: 1, delayed: 1, completed: 1, failed: 1 }));
      gate.open();
      await eventually(async () => expect(await queue.counts()).toEqual({ waiting: 0, active: 0, delayed: 1, completed: 2, failed: 1 }));
    });

    it('waits on close for the active job to finish', async () => {
      const queue = await open();
      let finished = false;
      const recorder = new JobRecorder(async () => {
        await sleep(300);
        finished = true;
      });
      queue.process(recorder.handlers, { concurrency: 1 });
      await queue.add({ name: 'ping', id: 'busy', data: { key: 'b' } });
      await eventually(() => expect(recorder.running).toBe(1));
      await queue.close();
      expect(finished).toBe(true);
      expect(recorder.completed).toEqual(['busy']);
    });

    it('stops waiting on close after the close timeout, leaving a job that never finishes unfinished', async () => {
      // No clock is read: a close that waited for this job would never return (its gate opens only after), and
      // Jest's own timeout ends the test; that it waits at all for a job that finishes is the test above.
      const queue = await open({ closeTimeoutMs: 200 });
      const gate = new Gate();
      const recorder = new JobRecorder(() => gate.opened);
      queue.process(recorder.handlers, { concurrency: 1 });
      await queue.add({ name: 'ping', id: 'stuck', data: { key: 's' } });
      await eventually(() => expect(recorder.running).toBe(1));
      await queue.close();
      expect({ running: recorder.running, completed: recorder.completed }).toEqual({ running: 1, completed: [] });
      gate.open();
    });

    it('closes one worker while the queue and other workers go on', async () => {
      const queue = await open();
      const first = new JobRecorder();
      const second = new JobRecorder();
      const firstWorker = queue.process(first.handlers, { concurrency: 1 });
      queue.process(second.handlers, { concurrency: 1 });
      await firstWorker.close();
      await queue.addBulk([1, 2, 3].map((index) => ({ name: 'ping' as const, id: `after-${index}`, data: { key: `${index}` } })));
      await eventually(() => expect(second.completed).toHaveLength(3));
      expect(first.runs).toHaveLength(0);
    });

    it('refuses to add once closed', async () => {
      const queue = await open();
      await queue.close();
      await expect(queue.add({ name: 'ping', id: 'late', data: { key: 'l' } })).rejects.toBeInstanceOf(QueueUnavailableError);
    });
  });
}
