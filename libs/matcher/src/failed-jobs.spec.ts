import { DeliveredJob, InProcessJobQueue, JobHandlers } from '@sleutel/queue';
import { asFirstAttempt, FAILED_JOBS_MARK, FailedJobs, RedriveOutcome, RedrivenJob } from './failed-jobs';
import { MatcherJobs } from './matcher.jobs';

const cause = { causePosition: 7, causeEventId: 'e-1', correlationId: 'c-1' };
const quietLogger = { warn: () => undefined, error: () => undefined };

describe('FailedJobs: jobs the queue gave up on are tried again', () => {
  let queue: InProcessJobQueue<MatcherJobs>;
  let runs: DeliveredJob<'match-request', MatcherJobs['match-request']>[];
  let failing: (job: DeliveredJob<'match-request', MatcherJobs['match-request']>) => boolean;
  /** What the other handlers saw, as their handlers see it (`asFirstAttempt`). */
  let others: { name: string; id: string; data: unknown }[];
  let othersFail: boolean;

  beforeEach(() => {
    queue = new InProcessJobQueue<MatcherJobs>({ attempts: 2, backoffMs: 5, logger: quietLogger });
    runs = [];
    failing = () => true;
    others = [];
    othersFail = true;
    const other = async (job: { name: string; id: string; data: { origin?: string } }): Promise<void> => {
      const seen = asFirstAttempt(job);
      others.push({ name: seen.name, id: seen.id, data: seen.data });
      if (othersFail && job.data.origin === undefined) throw new Error('EventStoreUnavailableError: the store did not answer');
    };
    const handlers: JobHandlers<MatcherJobs> = {
      'match-request': async (job) => {
        runs.push(job);
        if (failing(job)) throw new Error('EventStoreUnavailableError: the store did not answer');
      },
      'settle-match': other, 'withdraw-matches': other, 'withdraw-proposals': other, 'recheck-pairs': other, 'retry-waiting': other, 'cohort-run': other,
      // The schedules' next tick does their work: never tried again.
      'cohort-schedule': async () => {
        throw new Error('the store did not answer');
      },
      'expiry-sweep': async () => undefined,
    };
    queue.process(handlers, { concurrency: 2 });
  });
  afterEach(() => queue.close());

  const failedCount = async (count: number): Promise<void> => {
    while ((await queue.counts()).failed < count) await new Promise((resolve) => setTimeout(resolve, 5));
  };

  it('adds a failed request again once, under an id derived from it, however many sweeps run at once; schedules are left alone', async () => {
    failing = (job) => job.data.redrive === undefined;
    await queue.add({ name: 'match-request', id: 'match-request-e-1', data: { ...cause, newcomerId: 'n-1' } });
    await queue.add({ name: 'cohort-schedule', id: 'cohort-schedule-e-2', data: { every: 60_000 } });
    await failedCount(2);
    // Two workers' sweeps on one queue.
    const outcomes = await Promise.all([new FailedJobs(queue).redrive(), new FailedJobs(queue).redrive()]);
    expect(outcomes.map((outcome) => outcome.redriven)).toEqual([1, 1]);
    while (!runs.some((job) => job.data.redrive === 1) || (await queue.counts()).active > 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const later: RedriveOutcome = await new FailedJobs(queue).redrive();
    expect(later).toEqual({ redriven: 0, gaveUp: [] });
    expect(runs.filter((job) => job.data.redrive === 1).map(({ id, data }) => ({ id, data }))).toEqual([
      { id: 'redrive-1-match-request-e-1', data: { ...cause, newcomerId: 'n-1', redrive: 1 } },
    ]);
    expect(await queue.counts()).toMatchObject({ completed: 1, failed: 2, waiting: 0, delayed: 0 });
  });

  it('gives up on a request that fails every time after maxRedrives re-drives, and says so once', async () => {
    const requests = new FailedJobs(queue, { maxRedrives: 2, backoffMs: 20 });
    await queue.add({ name: 'match-request', id: 'match-request-e-1', data: { ...cause, newcomerId: 'n-1' } });
    const gaveUp: string[] = [];
    let redriven = 0;
    // Sweeps until the second re-drive has failed too, and a few more.
    for (let sweep = 0; sweep < 200 && (await queue.counts()).failed < 3; sweep++) {
      const outcome = await requests.redrive();
      redriven += outcome.redriven;
      gaveUp.push(...outcome.gaveUp.map((job) => job.id));
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    for (let sweep = 0; sweep < 5; sweep++) {
      const outcome = await requests.redrive();
      redriven += outcome.redriven;
      gaveUp.push(...outcome.gaveUp.map((job) => job.id));
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
    await queue.marks.save(FAILED_JOBS_MARK, late.failedAt + 5);
    await new FailedJobs(queue).redrive();
    await new FailedJobs(queue).redrive();
    for (let waited = 0; waited < 2_000 && (!runs.some((job) => job.data.redrive === 1) || (await queue.counts()).active > 0); waited += 5) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(runs.filter((job) => job.data.redrive === 1).map((job) => job.id)).toEqual(['redrive-1-match-request-e-1']);
  });

  it('tries every other job again as its first attempt: under the first id, kept across re-drives, until it is given up', async () => {
    const jobs = new FailedJobs(queue, { maxRedrives: 2, backoffMs: 20 });
    await queue.add({ name: 'settle-match', id: 'settle-match-e-3', data: { ...cause, matchId: 'm-1' } });
    await queue.add({ name: 'retry-waiting', id: 'retry-waiting-e-4', data: cause });
    othersFail = true;
    // The re-driven ones succeed: each is added once, whatever the sweeps.
    const sweeps: RedriveOutcome[] = [];
    for (let sweep = 0; sweep < 400 && others.filter((job) => job.data !== null && (job.data as { redrive?: number }).redrive === 1).length < 2; sweep++) {
      sweeps.push(await jobs.redrive());
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    while ((await queue.counts()).active > 0) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(sweeps.reduce((sum, outcome) => sum + outcome.redriven, 0)).toBe(2);
    const again = others.filter((job) => (job.data as { redrive?: number }).redrive !== undefined);
    expect(again).toEqual(expect.arrayContaining([
      { name: 'settle-match', id: 'settle-match-e-3', data: { ...cause, matchId: 'm-1', redrive: 1, origin: 'settle-match-e-3' } },
      { name: 'retry-waiting', id: 'retry-waiting-e-4', data: { ...cause, redrive: 1, origin: 'retry-waiting-e-4' } },
    ]));
    expect(again).toHaveLength(2);
    expect((await queue.failed(0, 10)).map((job) => job.id).sort()).toEqual(['retry-waiting-e-4', 'settle-match-e-3']);
  });

  it('keeps the first id through later re-drives, and hands each job given up to the caller before it moves on; a hand-over that fails is tried at the next sweep', async () => {
    const jobs = new FailedJobs(queue, { maxRedrives: 2, backoffMs: 10 });
    othersFail = true;
    // Every attempt fails: the handler fails whatever the origin.
    const failAlways = async (job: { name: string; id: string; data: { origin?: string } }): Promise<void> => {
      others.push({ name: job.name, id: asFirstAttempt(job).id, data: job.data });
      throw new Error('EventStoreUnavailableError: the store did not answer');
    };
    await queue.close();
    queue = new InProcessJobQueue<MatcherJobs>({ attempts: 1, backoffMs: 5, logger: quietLogger });
    const nothing = async (): Promise<void> => undefined;
    queue.process({
      'match-request': nothing, 'settle-match': nothing, 'withdraw-matches': nothing, 'withdraw-proposals': nothing, 'recheck-pairs': nothing, 'retry-waiting': nothing,
      'cohort-run': failAlways, 'cohort-schedule': nothing, 'expiry-sweep': nothing,
    }, { concurrency: 2 });
    const redrivenJobs = new FailedJobs(queue, jobs.settings);
    await queue.add({ name: 'cohort-run', id: 'cohort-run-e-5', data: { ...cause, runId: 'r-1' } });
    const handedOver: RedrivenJob[] = [];
    let refuse = true;
    const giveUp = async (job: RedrivenJob): Promise<void> => {
      if (refuse) {
        refuse = false;
        throw new Error('EventStoreUnavailableError: the store did not answer');
      }
      handedOver.push(job);
    };
    const gaveUp: string[] = [];
    let refusedOnce = false;
    for (let sweep = 0; sweep < 400 && handedOver.length === 0; sweep++) {
      try {
        gaveUp.push(...(await redrivenJobs.redrive(giveUp)).gaveUp.map((job) => `${job.name} ${job.id}`));
      } catch {
        refusedOnce = true;
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    for (let sweep = 0; sweep < 3; sweep++) gaveUp.push(...(await redrivenJobs.redrive(giveUp)).gaveUp.map((job) => `${job.name} ${job.id}`));
    expect(refusedOnce).toBe(true);
    // Each attempt ran under the first id; the jobs themselves were the first and its two re-drives.
    expect(others.map((job) => job.id)).toEqual(['cohort-run-e-5', 'cohort-run-e-5', 'cohort-run-e-5']);
    expect(others.map((job) => (job.data as { origin?: string }).origin)).toEqual([undefined, 'cohort-run-e-5', 'cohort-run-e-5']);
    expect((await queue.failed(0, 10)).map((job) => job.id)).toEqual(['cohort-run-e-5', 'redrive-1-cohort-run-e-5', 'redrive-2-cohort-run-e-5']);
    // Handed over again by the sweeps that read it again (the minute before their mark): the hand-over is idempotent.
    expect(new Set(handedOver.map((job) => JSON.stringify({ id: job.id, name: job.name, data: job.data })))).toEqual(new Set([
      JSON.stringify({ id: 'redrive-2-cohort-run-e-5', name: 'cohort-run', data: { ...cause, runId: 'r-1', redrive: 2, origin: 'cohort-run-e-5' } }),
    ]));
    expect(gaveUp).toEqual(['cohort-run redrive-2-cohort-run-e-5']);
  });

  it('reads past the mark of the sweep that re-drove match requests only, which had passed failed jobs of every other name (an upgrade)', async () => {
    await queue.add({ name: 'withdraw-matches', id: 'withdraw-matches-e-6', data: { ...cause, newcomerId: 'n-6' } });
    await failedCount(1);
    const [failed] = await queue.failed(0, 10);
    // The earlier sweep's mark, saved past this failure without adding it again.
    await queue.marks.save('match-request:failed-seen', failed.failedAt + 60_000 * 10);
    othersFail = false;
    expect((await new FailedJobs(queue).redrive()).redriven).toBe(1);
    for (let waited = 0; waited < 2_000 && !others.some((job) => (job.data as { redrive?: number }).redrive === 1); waited += 5) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(others.filter((job) => (job.data as { redrive?: number }).redrive === 1).map((job) => job.id)).toEqual(['withdraw-matches-e-6']);
  });
});
