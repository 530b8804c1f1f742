import { JobLedger } from './job-ledger';

describe('JobLedger retention', () => {
  let now = 0;
  const ledger = (ageMs: number, count: number): JobLedger => new JobLedger({ ageMs, count }, () => undefined, () => now);
  const finishNext = (jobs: JobLedger, id: string, state: 'completed' | 'failed' = 'completed'): void => {
    jobs.admit({ name: 'ping', id, data: {} }, 0);
    const entry = jobs.takeNext();
    if (entry === undefined) throw new Error(`${id} was not ready`);
    jobs.finish(entry, state);
  };

  beforeEach(() => {
    now = 1_000_000;
  });

  it('remembers a finished id until it is older than the retention age', () => {
    const jobs = ledger(1_000, 100);
    finishNext(jobs, 'old');
    now += 1_001;
    expect(jobs.has('old')).toBe(true); // forgetting happens when another job finishes, as in BullMQ
    finishNext(jobs, 'new');
    expect(jobs.has('old')).toBe(false);
    expect(jobs.has('new')).toBe(true);
    expect(jobs.counts().completed).toBe(1);
  });

  it('keeps at most the retention count per finished state, forgetting the oldest', () => {
    const jobs = ledger(60_000, 2);
    for (const id of ['a', 'b', 'c']) finishNext(jobs, id);
    finishNext(jobs, 'f', 'failed');
    expect(['a', 'b', 'c', 'f'].map((id) => jobs.has(id))).toEqual([false, true, true, true]);
    expect(jobs.counts()).toMatchObject({ completed: 2, failed: 1 });
  });

  it('never forgets a job that has not finished', () => {
    const jobs = ledger(1, 1);
    jobs.admit({ name: 'ping', id: 'running', data: {} }, 0);
    jobs.takeNext();
    now += 10_000;
    finishNext(jobs, 'x');
    finishNext(jobs, 'y');
    expect(jobs.has('running')).toBe(true);
    expect(jobs.counts()).toMatchObject({ active: 1, completed: 1 });
  });
});
