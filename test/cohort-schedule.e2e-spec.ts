import { rmSync } from 'node:fs';
import { Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { eventually } from './support/eventually';
import { bearer, people } from './support/people';
import { QUEUE_DRIVERS } from './support/queue-drivers';
import { deleteRedisKeys, sharedInstallationEnv, TEST_REDIS_URL } from './support/replicas';
import { startTestApp, TestApp } from './support/test-app';

type Run = { id: string; status: string; requestedBy: string; municipalities: string[] | null; startedAt: string; finishedAt: string | null; summary: Record<string, number> | null };
type Match = { id: string; newcomerId: string; keyPersonId: string; status: string; explanation: { cohortRunId?: string } };

/**
 * Scheduled cohort runs (SPEC §5 "on demand or on a schedule";
 * `COHORT_RUN_INTERVAL_MS`): the matcher starts a run by itself every period,
 * one run per period however many processes fire the schedule; and in cohort
 * mode without a schedule it says at start-up that nobody is matched unless
 * someone asks.
 */

const evenings = { slots: [{ day: 'tue', start: '18:00', end: '21:00' }] };
const anyone = { keyPersonGender: 'any', genderRequired: false, sameOrigin: 'no-preference', remoteOk: false };

/** How many `cohort-schedule` jobs this process has run to completion, from its own `GET /metrics`. */
async function scheduleTicks(t: TestApp): Promise<number> {
  const text = (await t.http.get('/metrics').set(bearer(t.token('admin'))).expect(200)).text;
  const line = /^sleutel_job_duration_seconds_count\{job="cohort-schedule",outcome="completed"\} (\d+)$/m.exec(text);
  return line === null ? 0 : Number(line[1]);
}

describe.each(QUEUE_DRIVERS)('scheduled cohort runs with the %s', (_driver, driverEnv) => {
  const env = driverEnv();
  let t: TestApp;
  let coordinator: string;
  let intake: string;

  beforeAll(async () => {
    // Every 2 s: under Jest a run takes about that long (its solver thread compiles TypeScript first), and a shorter
    // period only piles up overlapping runs.
    t = await startTestApp({ matcher: true, env: { ...env, MATCHING_MODE: 'cohort', COHORT_RUN_INTERVAL_MS: '2000' } });
    coordinator = t.token('coordinator');
    intake = t.token('intake');
  });
  afterAll(async () => {
    await t.close();
    // The schedule of a BullMQ queue lives in Redis: leave none behind.
    if (env.MATCHER_QUEUE) await deleteRedisKeys(`bull:${env.MATCHER_QUEUE}:`);
  });

  const { registerKeyPerson, registerNewcomer, matchesOf } = people<Match>(() => t, () => ({ coordinator, intake }));
  const run = async (id: string): Promise<Run> => (await t.http.get(`/api/v1/cohort-runs/${id}`).set(bearer(coordinator)).expect(200)).body;
  const runs = async (): Promise<Run[]> => (await t.http.get('/api/v1/cohort-runs?limit=100').set(bearer(coordinator)).expect(200)).body.items;

  it('starts a run by itself that proposes the waiting newcomer\'s pair, and later periods\' runs do not propose it again', async () => {
    const keyPerson = await registerKeyPerson({ languages: [{ code: 'kmr', level: 'native' }], capacity: 2, availability: evenings });
    const newcomer = await registerNewcomer({ languages: [{ code: 'kmr', level: 'native' }], availability: evenings, preferences: anyone });

    // Nobody asked: in cohort mode only a run can have proposed this.
    const match = await eventually(async () => (await matchesOf(newcomer))[0], { what: 'a proposal from a scheduled run', timeoutMs: 30_000 });
    expect(match).toMatchObject({ newcomerId: newcomer, keyPersonId: keyPerson, status: 'proposed' });
    const runId = match.explanation.cohortRunId;
    expect(runId).toEqual(expect.any(String));
    const proposing = await eventually(async () => {
      const current = await run(runId!);
      return current.status !== 'running' && current;
    }, { what: 'the scheduled run to finish', timeoutMs: 30_000 });
    expect(proposing).toMatchObject({ status: 'done', requestedBy: 'schedule', municipalities: null });
    expect(proposing.summary).toMatchObject({ newcomers: 1, proposed: 1 });

    // Two more periods, two more runs, neither proposing the pair again.
    const later = await eventually(async () => {
      const after = (await runs()).filter((other) => other.startedAt > proposing.finishedAt! && other.status === 'done');
      return after.length >= 2 && after;
    }, { what: 'two later scheduled runs', timeoutMs: 45_000 });
    for (const other of later) {
      expect(other.requestedBy).toBe('schedule');
      expect(other.summary).toMatchObject({ proposed: 0 });
    }
    expect((await matchesOf(newcomer)).map((m) => m.id)).toEqual([match.id]);
  }, 120_000);
});

describe('one scheduled cohort run per period', () => {
  // An hour, so that two processes and a restart all fire the schedule inside one period (or two, across the hour).
  const HOUR = 3_600_000;
  const { dir, env: shared } = sharedInstallationEnv();
  const env = { ...shared, MATCHING_MODE: 'cohort', COHORT_RUN_INTERVAL_MS: String(HOUR) };
  const apps: TestApp[] = [];
  afterAll(async () => {
    // Newest first: the restarted process shares the first one's DATA_DIR, which closing the first removes.
    for (const app of [...apps].reverse()) await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('however many processes fire the schedule and however often they restart', async () => {
    // In-process queues: each process fires the schedule itself, when it starts and every period after. (On BullMQ
    // the schedule lives in Redis and fires once a period for all processes; the run id derived from the period is
    // what keeps processes with their own queues, and restarts, to one run.)
    const firstPeriod = Math.floor(Date.now() / HOUR);
    const [a, b] = [await startTestApp({ matcher: true, env }), await startTestApp({ matcher: true, env })];
    apps.push(a, b);
    const fired = [
      await eventually(async () => (await scheduleTicks(a)) || false, { what: 'the schedule to fire in process A' }),
      await eventually(async () => (await scheduleTicks(b)) || false, { what: 'the schedule to fire in process B' }),
    ];
    await a.stop();
    const restarted = await startTestApp({ dataDir: a.dataDir, matcher: true, env });
    apps.push(restarted);
    fired.push(await eventually(async () => (await scheduleTicks(restarted)) || false, { what: 'the schedule to fire in restarted process A' }));
    const periods = Math.floor(Date.now() / HOUR) - firstPeriod + 1;

    // Three firings, each run to completion (the later two finding their period's run already started)…
    expect(fired).toEqual([1, 1, 1]);
    // …and one run for the period (two if the hour turned meanwhile).
    const started = (await restarted.store.readAll()).filter((event) => event.type === 'CohortRunStarted');
    expect(started.length).toBeGreaterThanOrEqual(1);
    expect(started.length).toBeLessThanOrEqual(periods);
    // Let the runs (over nobody) finish before the processes stop.
    const coordinator = restarted.token('coordinator');
    await eventually(async () => {
      const { items } = (await restarted.http.get('/api/v1/cohort-runs').set(bearer(coordinator)).expect(200)).body as { items: Run[] };
      return items.length === started.length && items.every((item) => item.status === 'done' && item.requestedBy === 'schedule');
    }, { what: 'the scheduled runs to finish' });
  });
});

describe('a schedule switched off', () => {
  const [, bullEnv] = QUEUE_DRIVERS[1];
  const env = bullEnv();
  afterAll(() => deleteRedisKeys(`bull:${env.MATCHER_QUEUE}:`));

  it('is removed from Redis when a matcher starts with COHORT_RUN_INTERVAL_MS=0, so no process runs it on', async () => {
    const queue = new Queue(env.MATCHER_QUEUE, { connection: { url: TEST_REDIS_URL } });
    try {
      const scheduled = await startTestApp({ matcher: true, env: { ...env, MATCHING_MODE: 'cohort', COHORT_RUN_INTERVAL_MS: '3600000' } });
      await scheduled.close();
      expect((await queue.getJobSchedulers()).map((scheduler) => [scheduler.key, Number(scheduler.every)])).toContainEqual(['cohort-schedule', 3_600_000]);
      const off = await startTestApp({ matcher: true, env: { ...env, MATCHING_MODE: 'cohort', COHORT_RUN_INTERVAL_MS: '0' } });
      await off.close();
      expect((await queue.getJobSchedulers()).map((scheduler) => scheduler.key)).not.toContain('cohort-schedule');
    } finally {
      await queue.close();
    }
  });
});

describe('a schedule that is missing or looks mistaken', () => {
  const unscheduled = ['no cohort run is scheduled', 'POST /api/v1/cohort-runs'];
  const short = ['a cohort run every 10 min', 'The value is in milliseconds: weekly is 604800000'];
  const configurations: [string, Record<string, string>, string[][]][] = [
    ['warns once at start-up in cohort mode with COHORT_RUN_INTERVAL_MS=0', { MATCHING_MODE: 'cohort', COHORT_RUN_INTERVAL_MS: '0' }, [unscheduled]],
    ['does not warn in cohort mode with a schedule', { MATCHING_MODE: 'cohort', COHORT_RUN_INTERVAL_MS: '3600000' }, []],
    ['does not warn in on-demand mode', { MATCHING_MODE: 'on-demand', COHORT_RUN_INTERVAL_MS: '0' }, []],
    ['warns once at start-up of a schedule shorter than an hour, a week in seconds', { MATCHING_MODE: 'cohort', COHORT_RUN_INTERVAL_MS: '604800' }, [short]],
  ];

  it.each(configurations)('%s', async (_name, env, expected) => {
    const warnings = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    let t: TestApp | undefined;
    try {
      t = await startTestApp({ matcher: true, env });
      const said = warnings.mock.calls.map(([message]) => String(message)).filter((message) => message.includes('COHORT_RUN_INTERVAL_MS'));
      expect(said).toHaveLength(expected.length);
      said.forEach((message, index) => {
        for (const words of expected[index]) expect(message).toContain(words);
      });
    } finally {
      await t?.close();
      warnings.mockRestore();
    }
  });
});
