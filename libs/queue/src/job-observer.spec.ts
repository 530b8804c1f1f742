import { JobObservers, JobRunEnded } from './job-observer';

describe('JobObservers.track', () => {
  afterEach(() => jest.useRealTimers());

  it('measures a run on a monotonic clock: setting the wall clock back meanwhile leaves its duration true', () => {
    jest.useFakeTimers({ now: new Date('2026-12-01T10:00:00.000Z') });
    const observers = new JobObservers();
    const ended: JobRunEnded[] = [];
    observers.add({ runEnded: (run) => ended.push(run) });

    const end = observers.track('match-newcomer', 1, null);
    jest.advanceTimersByTime(250);
    // NTP steps the clock back an hour while the job runs.
    jest.setSystemTime(new Date('2026-12-01T09:00:00.250Z'));
    end('completed');
    end('failed');

    expect(ended).toEqual([{ name: 'match-newcomer', attempt: 1, outcome: 'completed', durationMs: 250 }]);
  });
});
