import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Job, Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { SqliteEventStore } from '@sleutel/event-store';
import { CommandRunner, identityCodec } from '@sleutel/eventsourcing';
import { forEachBounded, range, sleep } from '../support/matcher-quiet';
import { MatcherWorkerProcess } from '../support/matcher-worker-process';
import { seededPopulation } from '../support/seeded-population';
import { SqliteLocker } from '../support/sqlite-locker';

/**
 * Issue 7: SIGTERM to a matcher worker whose job is still running, with a
 * short SHUTDOWN_TIMEOUT_MS. The job is held for real: another process holds
 * the SQLite log's write lock, so the job's append waits (bounded retries,
 * seconds) while the worker's reads go on. The worker must hand the job back
 * to the queue and exit 0 within the bound; before, the queue waited its own
 * fixed 10 s for the job, the process gave up at the bound with exit 1, and
 * the job stayed active in Redis until its lock lapsed (30 s here).
 */
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const SHUTDOWN_TIMEOUT_MS = 4_000;

describe('fault: SIGTERM to a matcher worker while a job runs, with a short shutdown bound', () => {
  const queueName = `test-${randomUUID()}`;
  const dir = mkdtempSync(join(tmpdir(), 'sleutel-fault-sigterm-'));
  const logFile = join(dir, 'events.sqlite');
  let store: SqliteEventStore | null = null;
  let inspectorConnection: Redis | null = null;
  let inspector: Queue | null = null;
  let worker: MatcherWorkerProcess | null = null;
  let locker: SqliteLocker | null = null;

  afterAll(async () => {
    await worker?.kill('SIGKILL');
    await locker?.kill();
    if (inspector) {
      await inspector.obliterate({ force: true });
      await inspector.close();
    }
    await inspectorConnection?.quit();
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('hands the running job back and exits 0 within the bound', async () => {
    store = SqliteEventStore.open(logFile, { busyTimeoutMs: 200, busyRetry: { retries: 100, delayMs: 20 } });
    const { registerKeyPerson, registerNewcomer } = seededPopulation(new CommandRunner(store, identityCodec), { seed: 'fault-worker-sigterm', actor: 'test:fault-worker-sigterm', maxCapacity: 3 });
    inspectorConnection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    inspector = new Queue(queueName, { connection: inspectorConnection });
    const started = (worker = new MatcherWorkerProcess('a', {
      REDIS_URL, MATCHER_QUEUE: queueName, SQLITE_EVENT_STORE_FILE: logFile, DATA_DIR: join(dir, 'worker'),
      SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS), LOG_LEVEL: 'info', EXPIRY_SWEEP_INTERVAL_MS: String(86_400_000),
    }));
    await started.ready(60_000);
    await forEachBounded(range(0, 5), 5, registerKeyPerson);

    // The worker frozen, a newcomer registered and the log locked: once let go, it takes the match request and its append waits.
    started.signal('SIGSTOP');
    await registerNewcomer(0);
    locker = await SqliteLocker.lock(logFile);
    started.signal('SIGCONT');
    const held = await activeMatchRequest(inspector, started);

    // SIGTERM; once the worker has handed the job back (or exited), the log is let go, so the rest of the stop can go on.
    const stopped = started.kill('SIGTERM');
    const state = await handedBackOrExited(inspector, held, started);
    await locker.release();
    await stopped;
    const code = started.exitCode;

    expect({ code, state, gaveUp: started.tail(200).includes('exiting anyway') }).toEqual({ code: 0, state: 'waiting', gaveUp: false });
  }, 90_000);
});

/** The job's state once it is no longer active, or once the worker has exited holding it. */
async function handedBackOrExited(inspector: Queue, held: Job, worker: MatcherWorkerProcess): Promise<string> {
  for (;;) {
    const state = await (await inspector.getJob(held.id!))!.getState();
    if (state !== 'active' || !worker.alive) return state;
    await sleep(20);
  }
}

/** The match request once the worker runs it (it then waits on the locked log). */
async function activeMatchRequest(inspector: Queue, worker: MatcherWorkerProcess): Promise<Job> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const held = (await inspector.getActive()).find((job) => job.name === 'match-request');
    if (held !== undefined) return held;
    if (Date.now() > deadline) throw new Error(`The worker never ran the match request:\n${worker.tail()}`);
    await sleep(20);
  }
}
