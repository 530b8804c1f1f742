import { InMemoryEventStore } from '@sleutel/event-store';
import { CommandRunner, identityCodec } from '@sleutel/eventsourcing';
import { InProcessJobQueue, JobHandlers } from '@sleutel/queue';
import { MatcherJobs } from '../matcher.jobs';
import { CohortSchedule, scheduleCohortRuns } from './cohort-schedule';

const WEEK = 7 * 86_400_000;
const silent = { warn: () => undefined, error: () => undefined };

describe('the cohort schedule', () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  it('starts the run of a new period within an hour of its start, also when its process started late in the period before', async () => {
    // Wednesday 9 December, 23:30 in Amsterdam: a restart half an hour before the weekly period ends (Thursday 00:00 UTC).
    jest.useFakeTimers({ doNotFake: ['queueMicrotask', 'nextTick', 'setImmediate'], now: Date.parse('2026-12-09T22:30:00Z') });
    const store = new InMemoryEventStore();
    const schedule = new CohortSchedule(new CommandRunner(store, identityCodec));
    const started = async (): Promise<string[]> => (await store.readAll()).filter((event) => event.type === 'CohortRunStarted').map((event) => event.streamId);
    // The process before the restart had started this period's run.
    await schedule.startDue(WEEK);
    expect(await started()).toHaveLength(1);

    const queue = new InProcessJobQueue<MatcherJobs>({ logger: silent });
    const nothing = async (): Promise<void> => undefined;
    const handlers: JobHandlers<MatcherJobs> = {
      'match-request': nothing, 'settle-match': nothing, 'withdraw-matches': nothing, 'withdraw-proposals': nothing, 'recheck-pairs': nothing,
      'retry-waiting': nothing, 'cohort-run': nothing, 'expiry-sweep': nothing,
      'cohort-schedule': async (job) => void (await schedule.startDue(job.data.every)),
    };
    queue.process(handlers, { concurrency: 1 });
    try {
      await scheduleCohortRuns(queue, WEEK);
      await jest.advanceTimersByTimeAsync(1_000);
      // The firing at start-up finds this period's run.
      expect(await started()).toHaveLength(1);
      // Past the period's end (00:00 UTC, an hour and a half on) and the firing after it (00:30): the new period's run.
      await jest.advanceTimersByTimeAsync(120 * 60_000);
      const runs = await started();
      expect(runs).toHaveLength(2);
      expect(new Set(runs).size).toBe(2);
      // And no more within that period, however often the schedule fires.
      await jest.advanceTimersByTimeAsync(24 * 3_600_000);
      expect(await started()).toHaveLength(2);
    } finally {
      await queue.close();
    }
  });
});
