import { JobRunEnded, JobRunStarted } from '../job-observer';
import { JobQueueFactory, useQueues } from './contract-queue';
import { eventually, Gate, JobRecorder } from './job-recorder';

/** Records what a queue reports to its observers. */
class RunLog {
  readonly started: JobRunStarted[] = [];
  readonly ended: JobRunEnded[] = [];
  readonly observer = {
    runStarted: (run: JobRunStarted) => void this.started.push(run),
    runEnded: (run: JobRunEnded) => void this.ended.push(run),
  };
}

export function describeObservationContract(factory: JobQueueFactory): void {
  describe('observers (metrics)', () => {
    const open = useQueues(factory);

    it('reports every run: its start with the time in line, its end with outcome and duration, by name and never by id or data', async () => {
      const queue = await open({ attempts: 2, backoffMs: 20 });
      const log = new RunLog();
      queue.observe(log.observer);
      const recorder = new JobRecorder(async (job) => {
        if (job.id === 'flaky' && job.attempt === 1) throw new Error('first run fails');
      });
      queue.process(recorder.handlers, { concurrency: 2 });
      await queue.add({ name: 'ping', id: 'steady', data: { key: 'secret-looking-value' } });
      await queue.add({ name: 'sweep', id: 'flaky', data: { scope: 'all' } });
      await eventually(() => expect(log.ended).toHaveLength(3));

      const ends = log.ended.map(({ name, attempt, outcome }) => ({ name, attempt, outcome }));
      expect(ends).toEqual(expect.arrayContaining([
        { name: 'ping', attempt: 1, outcome: 'completed' },
        { name: 'sweep', attempt: 1, outcome: 'failed' },
        { name: 'sweep', attempt: 2, outcome: 'completed' },
      ]));
      for (const run of log.ended) expect(run.durationMs).toBeGreaterThanOrEqual(0);
      expect(log.started).toHaveLength(3);
      const firstRuns = log.started.filter((run) => run.attempt === 1);
      for (const run of firstRuns) {
        expect(run.waitedMs).not.toBeNull();
        expect(run.waitedMs).toBeGreaterThanOrEqual(0);
      }
      for (const run of [...log.started, ...log.ended]) expect(Object.keys(run).sort()).not.toEqual(expect.arrayContaining(['id']));
      expect(JSON.stringify([log.started, log.ended])).not.toContain('secret-looking-value');
      expect(JSON.stringify([log.started, log.ended])).not.toContain('steady');
    });

    it('counts the time in line from when a delayed job was due, not from when it was added', async () => {
      const queue = await open();
      const log = new RunLog();
      queue.observe(log.observer);
      queue.process(new JobRecorder().handlers, { concurrency: 1 });
      const added = Date.now();
      await queue.add({ name: 'ping', id: 'later', data: { key: 'l' } }, { delayMs: 2_000 });
      await eventually(() => expect(log.started).toHaveLength(1), 10_000);
      const sinceAdded = Date.now() - added;
      // Counted from the add, the wait would be at least all the time since the add; from when it was due, 2 s less.
      // The comparison holds however late the job ran on a busy machine: no bound on the time itself.
      expect(log.started[0].waitedMs).not.toBeNull();
      expect(log.started[0].waitedMs!).toBeLessThan(sinceAdded - 1_000);
    });

    it('reports a run still going when close runs out of time as handed back', async () => {
      const queue = await open({ closeTimeoutMs: 200 });
      const log = new RunLog();
      queue.observe(log.observer);
      queue.process(new JobRecorder(() => new Gate().opened).handlers, { concurrency: 1 });
      await queue.add({ name: 'ping', id: 'stuck', data: { key: 's' } });
      await eventually(() => expect(log.started).toHaveLength(1));
      await queue.close();
      expect(log.ended.map(({ name, outcome }) => ({ name, outcome }))).toEqual([{ name: 'ping', outcome: 'handed-back' }]);
    });

    it('runs jobs as usual when an observer throws, and stops telling one that stopped observing', async () => {
      const queue = await open();
      const log = new RunLog();
      queue.observe({
        runStarted: () => {
          throw new Error('broken observer');
        },
        runEnded: () => {
          throw new Error('broken observer');
        },
      });
      const stop = queue.observe(log.observer);
      const recorder = new JobRecorder();
      queue.process(recorder.handlers, { concurrency: 1 });
      await queue.add({ name: 'ping', id: 'one', data: { key: '1' } });
      await eventually(() => expect(log.ended).toHaveLength(1));
      stop();
      await queue.add({ name: 'ping', id: 'two', data: { key: '2' } });
      await eventually(() => expect(recorder.completed).toEqual(['one', 'two']));
      expect(log.ended).toHaveLength(1);
      expect(log.ended[0].outcome).toBe('completed');
    });
  });
}
