import { JobQueueFactory, useQueues } from './contract-queue';
import { eventually, Gate, JobRecorder } from './job-recorder';

export function describeDeliveryContract(factory: JobQueueFactory): void {
  describe('delivery', () => {
    const open = useQueues(factory);

    it('hands each job to the handler of its name with its id, data and attempt 1', async () => {
      const queue = await open();
      const recorder = new JobRecorder();
      queue.process(recorder.handlers, { concurrency: 1 });
      await queue.add({ name: 'ping', id: 'newcomer-1', data: { key: 'n-1' } });
      await queue.add({ name: 'sweep', id: 'sweep-1', data: { scope: 'all' } });
      await eventually(() => expect(recorder.completed).toHaveLength(2));
      expect(recorder.runs.map(({ id, name, data, attempt }) => ({ id, name, data, attempt }))).toEqual(
        expect.arrayContaining([
          { id: 'newcomer-1', name: 'ping', data: { key: 'n-1' }, attempt: 1 },
          { id: 'sweep-1', name: 'sweep', data: { scope: 'all' }, attempt: 1 },
        ]),
      );
    });

    it('runs as many jobs at once as the concurrency, and no more', async () => {
      const queue = await open();
      const gate = new Gate();
      const recorder = new JobRecorder(() => gate.opened);
      queue.process(recorder.handlers, { concurrency: 3 });
      await queue.addBulk(Array.from({ length: 7 }, (_, index) => ({ name: 'ping' as const, id: `job-${index}`, data: { key: `${index}` } })));
      await eventually(() => expect(recorder.running).toBe(3));
      expect((await queue.counts()).waiting).toBe(4);
      gate.open();
      await eventually(() => expect(recorder.completed).toHaveLength(7));
      expect(recorder.mostRunning).toBe(3);
    });

    it('delivers a delayed job after its delay, not before', async () => {
      const queue = await open();
      const recorder = new JobRecorder();
      queue.process(recorder.handlers, { concurrency: 1 });
      const addedAt = Date.now();
      await queue.add({ name: 'ping', id: 'later', data: { key: 'later' } }, { delayMs: 300 });
      expect((await queue.counts()).delayed).toBe(1);
      await eventually(() => expect(recorder.completed).toEqual(['later']));
      expect(recorder.runs[0].at - addedAt).toBeGreaterThanOrEqual(290);
    });
  });
}
