import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { SqliteEventStore } from '@sleutel/event-store';
import { generateNewcomer } from '@sleutel/seed';
import { CommandRunner, identityCodec } from '@sleutel/eventsourcing';
import { OwnRedisServer } from '../../libs/queue/src/bullmq/testing/own-redis-server';
import { forEachBounded, invariantViolations, list, range, sleep, waitForQuiet } from '../support/matcher-quiet';
import { MatcherWorkerProcess } from '../support/matcher-worker-process';
import { SeededPopulation, seededPopulation } from '../support/seeded-population';

/**
 * Issue 7, fault 1: Redis restarted mid-run.
 *
 * A redis-server of the test's own (never the shared one other suites use),
 * configured as production wants it (README, docker-compose: AOF, here with
 * `appendfsync always`, and noeviction), two matcher worker processes and one
 * SQLite log. Newcomers register; while the workers hold jobs the server is
 * killed with SIGKILL; more newcomers register while it is down (the log needs
 * no Redis, so intake goes on), longer than a job lock, so the jobs held at
 * the crash come back as stalled; then it is started again on the same port
 * and data, and the rest register. Without being restarted or told, the
 * relays add the jobs they could not add, the workers take jobs again, and in
 * the end every newcomer has a proposal or a recorded reason, no job failed
 * for good, and SPEC §4 holds on the whole log.
 */
const SEED = 'fault-redis-restart';
const KEY_PERSONS = 60;
const MAX_CAPACITY = 3;
const BEFORE = 40;
const DURING = 30;
const AFTER = 30;
/** Down for longer than a job lock, so jobs active at the crash are found stalled after it. */
const DOWN_MS = 4_000;
const STALLS = { MATCHER_LOCK_DURATION_MS: '3000', MATCHER_STALLED_INTERVAL_MS: '250' };
const SWEEP = { EXPIRY_SWEEP_INTERVAL_MS: String(86_400_000) };

describe('fault: Redis restarted mid-run', () => {
  const queueName = `test-${randomUUID()}`;
  let dir: string;
  let redis: OwnRedisServer;
  let store: SqliteEventStore;
  let runner: CommandRunner;
  let registerKeyPerson: SeededPopulation['registerKeyPerson'];
  let registerNewcomer: SeededPopulation['registerNewcomer'];
  let inspectorConnection: Redis;
  let inspector: Queue;
  const workers: MatcherWorkerProcess[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sleutel-fault-redis-'));
    redis = await OwnRedisServer.start(['--appendonly', 'yes', '--appendfsync', 'always', '--maxmemory-policy', 'noeviction', '--dir', dir]);
    store = SqliteEventStore.open(join(dir, 'events.sqlite'), { busyTimeoutMs: 200, busyRetry: { retries: 100, delayMs: 20 } });
    runner = new CommandRunner(store, identityCodec);
    ({ registerKeyPerson, registerNewcomer } = seededPopulation(runner, { seed: SEED, actor: 'test:fault-redis-restart', maxCapacity: MAX_CAPACITY }));
    inspectorConnection = new Redis(redis.url, { maxRetriesPerRequest: null });
    // The inspector's reconnect attempts while the server is down are expected: keep them out of the output.
    inspectorConnection.on('error', () => undefined);
    inspector = new Queue(queueName, { connection: inspectorConnection });
    inspector.on('error', () => undefined);
  });

  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.kill('SIGKILL')));
    await inspector?.close();
    inspectorConnection?.disconnect();
    await redis?.kill();
    await store?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('resumes workers and relays on their own and loses no newcomer', async () => {
    const startedAt = Date.now();
    for (const name of ['w0', 'w1']) {
      workers.push(new MatcherWorkerProcess(name, {
        REDIS_URL: redis.url, MATCHER_QUEUE: queueName, SQLITE_EVENT_STORE_FILE: join(dir, 'events.sqlite'), DATA_DIR: join(dir, `worker-${name}`),
        MATCHER_CONCURRENCY: '4', ...STALLS, ...SWEEP,
      }));
    }
    await Promise.all(workers.map((worker) => worker.ready(60_000)));
    await forEachBounded(range(0, KEY_PERSONS), 8, registerKeyPerson);

    // 1. Newcomers arrive; Redis dies while the workers hold jobs.
    await forEachBounded(range(0, BEFORE), 4, registerNewcomer);
    const deadline = Date.now() + 10_000;
    let active = 0;
    while (active === 0 && Date.now() < deadline) active = (await inspector.getJobCounts('active')).active;
    const killedAt = Date.now();
    await redis.kill();

    // 2. Intake goes on while it is down.
    await forEachBounded(range(BEFORE, BEFORE + DURING), 4, registerNewcomer);
    await sleep(Math.max(0, DOWN_MS - (Date.now() - killedAt)));
    await redis.restart();
    const restartedAt = Date.now();

    // 3. Back on the same port and data; the rest arrive.
    await forEachBounded(range(BEFORE + DURING, BEFORE + DURING + AFTER), 4, registerNewcomer);
    const quiet = await waitForQuiet(store, inspector, { quietForMs: 2_000, timeoutMs: 45_000, stuckAfterMs: 12_000 });
    const { audit } = quiet;
    const counts = await inspector.getJobCounts('completed', 'failed');
    const stalled = (await inspector.getCompleted(0, 999)).filter((job) => job.stalledCounter > 0).map((job) => `${job.name} ${job.id}`);
    const failed = (await inspector.getFailed(0, 49)).map((job) => `${job.name} ${job.id}: ${job.failedReason}`);
    const during = new Set(Array.from(range(BEFORE, BEFORE + DURING), (index) => generateNewcomer(SEED, index).id));
    const answeredDuring = [...audit.newcomers].filter(([id, newcomer]) => during.has(id) && (newcomer.openMatch !== null || newcomer.lastDeferral !== null)).length;
    console.log([
      `Redis (own server, AOF) killed with ${active} job(s) active, ${((killedAt - startedAt) / 1000).toFixed(1)} s in; down ${((restartedAt - killedAt) / 1000).toFixed(1)} s while ${DURING} newcomers registered`,
      `  quiet ${((Date.now() - restartedAt) / 1000).toFixed(1)} s after the restart: ${audit.events} events, ${audit.proposals} proposals, ${audit.deferralEvents} deferrals;`,
      `  ${answeredDuring} of ${DURING} newcomers registered during the outage answered; jobs ${counts.completed} completed, ${counts.failed} failed, ${stalled.length} redelivered after a stall`,
      `  ${workers.flatMap((worker) => worker.problems).length} warning or error lines from the workers; total ${((Date.now() - startedAt) / 1000).toFixed(1)} s`,
    ].join('\n'));

    expect(quiet.quiet ? 'quiet' : quiet.reason).toBe('quiet');
    expect(invariantViolations(audit)).toBe('');
    expect(list(failed, 'jobs that failed for good')).toBe('');
    expect(audit.newcomers.size).toBe(BEFORE + DURING + AFTER);
    expect(answeredDuring).toBe(DURING);
    // The same processes did it all: nobody restarted a worker.
    expect(workers.map((worker) => worker.alive)).toEqual([true, true]);
    expect(audit.proposals).toBeGreaterThan(0);
  }, 150_000);

});
