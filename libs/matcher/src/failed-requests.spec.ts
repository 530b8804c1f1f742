import { DeliveredJob, InProcessJobQueue, JobHandlers } from '@sleutel/queue';
import { FAILED_REQUESTS_MARK, FailedRequests, RedriveOutcome } from './failed-requests';
import { MatcherJobs } from './matcher.jobs';

const cause = { causePosition: 7, causeEventId: 'e-1', correlationId: 'c-1' };
const quietLogger = { warn: () => undefined, error: () => undefined };

describe('FailedRequests: match requests the queue gave up on are asked again', () => {
  let queue: InProcessJobQueue<MatcherJobs>;
  let runs: DeliveredJob<'match-request', MatcherJobs['match-request']>[];
  let failing: (job: DeliveredJob<'match-request', MatcherJobs['match-request']>) => boolean;

  beforeEach(() => {
    queue = new InProcessJobQueue<MatcherJobs>({ attempts: 2, backoffMs: 5, logger: quietLogger });
    runs = [];
    failing = () => true;
    const nothing = async (): Promise<void> => undefined;
    const handlers: JobHandlers<MatcherJobs> = {
      'match-request': async (job) => {
        runs.push(job);
        if (failing(job)) throw new Error('EventStoreUnavailableError: the store did not answer');
      },
      'settle-match': nothing, 'withdraw-matches': nothing, 'withdraw-proposals': nothing, 'recheck-pairs': nothing,
      'retry-waiting': async () => {
        throw new Error('not a match request');
      },
      'cohort-run': nothing, 'cohort-schedule': nothing, 'expiry-sweep': nothing,
    };
    queue.process(handlers, { concurrency: 2 });
  });
  afterEach(() => queue.close());

  const failedCount = async (count: number): Promise<void> => {
    while ((await queue.counts()).failed < count) await new Promise((resolve) => setTimeout(resolve, 5));
  };

  it('adds a failed request again once, under an id derived from it, however many sweeps run at once; other jobs are left alone', async () => {
    failing = (job) => job.data.redrive === undefined;
    await queue.add({ name: 'match-request', id: 'match-request-e-1', data: { ...cause, newcomerId: 'n-1' } });
    await queue.add({ name: 'retry-waiting', id: 'retry-waiting-e-2', data: cause });
    await failedCount(2);
    // Two workers' sweeps on one queue.
    const outcomes = await Promise.all([new FailedRequests(queue).redrive(), new FailedRequests(queue).redrive()]);
    expect(outcomes.map((outcome) => outcome.redriven)).toEqual([1, 1]);
    while (!runs.some((job) => job.data.redrive === 1) || (await queue.counts()).active > 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const later: RedriveOutcome = await new FailedRequests(queue).redrive();
    expect(later).toEqual({ redriven: 0, gaveUp: [] });
    expect(runs.filter((job) => job.data.redrive === 1).map(({ id, data }) => ({ id, data }))).toEqual([
      { id: 'redrive-1-match-request-e-1', data: { ...cause, newcomerId: 'n-1', redrive: 1 } },
    ]);
    expect(await queue.counts()).toMatchObject({ completed: 1, failed: 2, waiting: 0, delayed: 0 });
  });

  it('gives up on a request that fails every time after maxRedrives re-drives, and says so once', async () => {
    const requests = new FailedRequests(queue, { maxRedrives: 2, backoffMs: 20 });
    await queue.add({ name: 'match-request', id: 'match-request-e-1', data: { ...cause, newcomerId: 'n-1' } });
    const gaveUp: string[] = [];
    let redriven = 0;
    // Sweeps until the second re-drive has failed too, and a few more.
    for (let sweep = 0; sweep < 200 && (await queue.counts()).failed < 3; sweep++) {
      const outcome = await requests.redrive();
      redriven += outcome.redriven;
      gaveUp.push(...outcome.gaveUp);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    for (let sweep = 0; sweep < 5; sweep++) {
      const outcome = await requests.redrive();
      redriven += outcome.redriven;
      gaveUp.push(...outcome.gaveUp);
    }
    expect(redriven).toBe(2);
    expect(gaveUp).toEqual(['redrive-2-match-request-e-1']);
    const ids = runs.map((job) => job.id);
    expect(ids).toEqual([
      'match-request-e-1', 'match-request-e-1', 'redrive-1-match-request-e-1', 'redrive-1-match-request-e-1',
      'redrive-2-match-request-e-1', 'redrive-2-match-request-e-1',
    ]);
    expect(await queue.counts()).toMatchObject({ failed: 3, waiting: 0, delayed: 0, active: 0 });
  });

  it('finds a failure recorded after a sweep had passed its time (a delayed worker, a clock behind), and adds it again once', async () => {
    failing = (job) => job.data.redrive === undefined;
    await queue.add({ name: 'match-request', id: 'match-request-e-1', data: { ...cause, newcomerId: 'n-1' } });
    await failedCount(1);
    const [late] = await queue.failed(0, 10);
    // A sweep saved a mark past it: it had read a failure another worker recorded with a later time first.
    await queue.marks.save(FAILED_REQUESTS_MARK, late.failedAt + 5);
    await new FailedRequests(queue).redrive();
    await new FailedRequests(queue).redrive();
    for (let waited = 0; waited < 2_000 && (!runs.some((job) => job.data.redrive === 1) || (await queue.counts()).active > 0); waited += 5) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(runs.filter((job) => job.data.redrive === 1).map((job) => job.id)).toEqual(['redrive-1-match-request-e-1']);
  });
});
