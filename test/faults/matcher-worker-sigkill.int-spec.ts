import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Job, Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { newcomerStream } from '@sleutel/domain';
import { SqliteEventStore } from '@sleutel/event-store';
import { CommandRunner, identityCodec } from '@sleutel/eventsourcing';
import { busyJobs, forEachBounded, invariantViolations, range, sleep, waitForQuiet } from '../support/matcher-quiet';
import { MatcherWorkerProcess } from '../support/matcher-worker-process';
import { SeededPopulation, seededPopulation } from '../support/seeded-population';

/**
 * Issue 7, fault 2 (focused; test/matcher-workers.int-spec.ts is the long
 * run): a matcher worker killed with SIGKILL while it holds jobs.
 *
 * Two worker processes on one queue and one log. B is held (SIGSTOP) while
 * newcomers arrive, so every match request goes to A; as soon as A holds
 * some, A is frozen, the jobs it holds are read from Redis, and A is killed.
 * B, let go, finds them stalled once their locks lapse and runs each again.
 * Each held job must then be completed, once, after the kill, after a stall
 * (redelivered, not re-added); each of its newcomers must have exactly one
 * proposal or a recorded reason, with no event appended twice; and SPEC §4
 * holds on the whole log.
 */
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const SEED = 'fault-worker-sigkill';
const KEY_PERSONS = 60;
const NEWCOMERS = 24;
/** Jobs A should hold when it is killed. */
const HELD_AIM = 3;
const MAX_CAPACITY = 3;
/** A dead worker's jobs come back once their 3 s locks lapse; stall checks every 250 ms. */
const STALLS = { MATCHER_LOCK_DURATION_MS: '3000', MATCHER_STALLED_INTERVAL_MS: '250' };
const SWEEP = { EXPIRY_SWEEP_INTERVAL_MS: String(86_400_000) };

describe('fault: a matcher worker killed with SIGKILL while holding jobs', () => {
  const queueName = `test-${randomUUID()}`;
  let dir: string;
  let store: SqliteEventStore;
  let runner: CommandRunner;
  let registerKeyPerson: SeededPopulation['registerKeyPerson'];
  let registerNewcomer: SeededPopulation['registerNewcomer'];
  let inspectorConnection: Redis;
  let inspector: Queue;
  const workers: MatcherWorkerProcess[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sleutel-fault-sigkill-'));
    store = SqliteEventStore.open(join(dir, 'events.sqlite'), { busyTimeoutMs: 200, busyRetry: { retries: 100, delayMs: 20 } });
    runner = new CommandRunner(store, identityCodec);
    ({ registerKeyPerson, registerNewcomer } = seededPopulation(runner, { seed: SEED, actor: 'test:fault-worker-sigkill', maxCapacity: MAX_CAPACITY }));
    inspectorConnection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    inspector = new Queue(queueName, { connection: inspectorConnection });
  });

  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.kill('SIGKILL')));
    if (inspector) {
      await inspector.obliterate({ force: true });
      await inspector.close();
    }
    await inspectorConnection?.quit();
    await store?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('has the stalled jobs completed once, by the other worker, with the effect of one run', async () => {
    const startedAt = Date.now();
    const [a, b] = ['a', 'b'].map((name) => new MatcherWorkerProcess(name, {
      REDIS_URL, MATCHER_QUEUE: queueName, SQLITE_EVENT_STORE_FILE: join(dir, 'events.sqlite'), DATA_DIR: join(dir, `worker-${name}`),
      MATCHER_CONCURRENCY: '4', ...STALLS, ...SWEEP,
    }));
    workers.push(a, b);
    await Promise.all(workers.map((worker) => worker.ready(60_000)));

    // 1. Key persons first, and the queue idle again.
    await forEachBounded(range(0, KEY_PERSONS), 8, registerKeyPerson);
    await settle();

    // 2. Only A takes jobs; the moment it holds some, freeze it, note them, kill it.
    b.signal('SIGSTOP');
    const registering = forEachBounded(range(0, NEWCOMERS), 4, registerNewcomer);
    let held: Job[] = [];
    const deadline = Date.now() + 20_000;
    let busySince: number | null = null;
    while (held.length === 0) {
      if (Date.now() > deadline) throw new Error(`Worker a never held a match request:\n${a.tail()}`);
      // Aim for A holding several jobs at once (its concurrency is 4), settling for fewer after a moment.
      const { active } = await inspector.getJobCounts('active');
      if (active === 0) continue;
      busySince ??= Date.now();
      if (active < HELD_AIM && Date.now() - busySince < 2_000) continue;
      a.signal('SIGSTOP');
      held = (await inspector.getActive()).filter((job) => job.name === 'match-request');
      if (held.length === 0) a.signal('SIGCONT');
    }
    const killedAt = Date.now();
    await a.kill('SIGKILL');
    await registering;
    b.signal('SIGCONT');

    // 3. B finishes everything, the held jobs included.
    const quiet = await waitForQuiet(store, inspector, { quietForMs: 2_000, timeoutMs: 45_000, stuckAfterMs: 10_000 });
    const log = await store.readAll();
    const fates = await Promise.all(held.map(async (heldJob) => {
      const job = (await inspector.getJob(heldJob.id!))!;
      const newcomerId = (job.data as { newcomerId: string }).newcomerId;
      const stream = log.filter((event) => event.streamId === newcomerStream(newcomerId));
      const proposals = log.filter((event) => event.type === 'MatchProposed' && (event.data as { newcomerId: string }).newcomerId === newcomerId);
      return {
        id: job.id!, state: await job.getState(), stalled: job.stalledCounter, started: job.attemptsStarted, finishedAfterKill: (job.finishedOn ?? 0) > killedAt,
        proposals: proposals.length, deferred: stream.some((event) => event.type === 'NewcomerMatchingDeferred'),
        proposedAfterKill: proposals.filter((event) => Date.parse(event.metadata.occurredAt) >= killedAt).length,
      };
    }));
    console.log([
      `worker a (pid ${a.pid}) killed holding ${held.length} match request(s), ${((killedAt - startedAt) / 1000).toFixed(1)} s in:`,
      ...fates.map((fate) => `  ${fate.id}: ${fate.state}, stalled ${fate.stalled}×, started ${fate.started}×, ${fate.proposals} proposal(s) (${fate.proposedAfterKill} after the kill)${fate.deferred ? ', deferred' : ''}`),
      `  ${quiet.audit.events} events, ${quiet.audit.proposals} proposals; ${((Date.now() - startedAt) / 1000).toFixed(1)} s`,
    ].join('\n'));

    expect(quiet.quiet ? 'quiet' : quiet.reason).toBe('quiet');
    expect(invariantViolations(quiet.audit)).toBe('');
    expect(quiet.audit.newcomers.size).toBe(NEWCOMERS);
    expect((await inspector.getJobCounts('failed')).failed).toBe(0);
    for (const fate of fates) {
      // Redelivered by stall detection to B (the only worker alive), which completed it after the kill.
      expect(fate).toMatchObject({ state: 'completed', finishedAfterKill: true });
      expect(fate.stalled).toBeGreaterThanOrEqual(1);
      expect(fate.started).toBeGreaterThanOrEqual(2);
      // The effect of one run: one proposal or one recorded reason, never two proposals.
      expect(fate.proposals + (fate.proposals === 0 && fate.deferred ? 1 : 0)).toBe(1);
    }
  }, 120_000);

  /** Until no job waits, runs or is retried (the key persons' retry-waiting jobs included). */
  async function settle(): Promise<void> {
    const deadline = Date.now() + 20_000;
    await sleep(1_500);
    while ((await busyJobs(inspector)) !== '') {
      if (Date.now() > deadline) throw new Error(`The queue did not settle: ${await busyJobs(inspector)}`);
      await sleep(100);
    }
  }
});
