import { JobQueueFactory, useQueues } from './contract-queue';
import { eventually, JobRecorder, sleep } from './job-recorder';

/** Ids come from the cause, so adding a known id again must add nothing. */
export function describeIdempotencyContract(factory: JobQueueFactory): void {
  describe('idempotent ids', () => {
    const open = useQueues(factory);

    it('runs a job added twice with one id once', async () => {
      const queue = await open();
      await queue.add({ name: 'ping', id: 'cause-1', data: { key: 'first' } });
      await queue.add({ name: 'ping', id: 'cause-1', data: { key: 'second' } });
      expect((await queue.counts()).waiting).toBe(1);
      const recorder = new JobRecorder();
      queue.process(recorder.handlers, { concurrency: 2 });
      await eventually(() => expect(recorder.completed).toEqual(['cause-1']));
      await sleep(200);
      expect(recorder.runs).toHaveLength(1);
      expect(recorder.runs[0].data).toEqual({ key: 'first' });
    });

    it('runs a job added again after it completed no more', async () => {
      const queue = await open();
      const recorder = new JobRecorder();
      queue.process(recorder.handlers, { concurrency: 1 });
      await queue.add({ name: 'ping', id: 'cause-2', data: { key: 'x' } });
      await eventually(async () => expect((await queue.counts()).completed).toBe(1));
      await queue.add({ name: 'ping', id: 'cause-2', data: { key: 'x' } });
      await queue.addBulk([{ name: 'ping', id: 'cause-2', data: { key: 'x' } }]);
      await sleep(300);
      expect(recorder.runs).toHaveLength(1);
      expect(await queue.counts()).toMatchObject({ waiting: 0, delayed: 0, active: 0, completed: 1 });
    });

    it('adds each id of a bulk once, duplicates in the batch and known ids included', async () => {
      const queue = await open();
      await queue.add({ name: 'ping', id: 'known', data: { key: 'k' } });
      await queue.addBulk([
        { name: 'ping', id: 'a', data: { key: 'a' } },
        { name: 'ping', id: 'b', data: { key: 'b' } },
        { name: 'ping', id: 'a', data: { key: 'a again' } },
        { name: 'ping', id: 'known', data: { key: 'k again' } },
      ]);
      expect((await queue.counts()).waiting).toBe(3);
      const recorder = new JobRecorder();
      queue.process(recorder.handlers, { concurrency: 2 });
      await eventually(() => expect([...recorder.completed].sort()).toEqual(['a', 'b', 'known']));
      await sleep(200);
      expect(recorder.runs).toHaveLength(3);
    });
  });
}
