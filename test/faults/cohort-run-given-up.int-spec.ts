import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { CohortRunCommand, cohortRunStream, DEFAULT_COHORT_RUN_PARAMETERS } from '@sleutel/domain';
import { SqliteEventStore } from '@sleutel/event-store';
import { CommandRunner, identityCodec } from '@sleutel/eventsourcing';
import { MatcherJobs } from '@sleutel/matcher';
import { cohortRunAggregate } from '@sleutel/platform';
import { createJobQueue, JobQueue } from '@sleutel/queue';
import { testContext } from '../../libs/matcher/src/testing/fitting-people';
import { sleep } from '../support/matcher-quiet';
import { MatcherWorkerProcess } from '../support/matcher-worker-process';

/**
 * Issue 7: a cohort run whose job the queue gave up on for good (its last
 * re-drive failed too, after about 8.5 hours of an event store that did not
 * answer) is ended as failed, saying why, by a real worker's sweep: it showed
 * "running" for ever before. The job is made to fail here as its tenth
 * re-drive, so that the worker's first sweep gives it up; the relay's mark is
 * past the run's start, so that no other job of the run is added.
 */
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const quietLogger = { warn: () => undefined, error: () => undefined };

describe('fault: a cohort run whose job was given up', () => {
  const queueName = `test-${randomUUID()}`;
  let dir: string;
  let store: SqliteEventStore;
  let queue: JobQueue<MatcherJobs> | null = null;
  let worker: MatcherWorkerProcess | null = null;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sleutel-fault-given-up-'));
    store = SqliteEventStore.open(join(dir, 'events.sqlite'));
  });

  afterAll(async () => {
    await worker?.kill('SIGKILL');
    await queue?.close();
    // The queue's keys, as the other fault tests leave none behind.
    const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    const inspector = new Queue(queueName, { connection });
    await inspector.obliterate({ force: true });
    await inspector.close();
    await connection.quit();
    await store?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('is ended as failed by the next sweep, once, saying why', async () => {
    const runner = new CommandRunner(store, identityCodec);
    const runId = randomUUID();
    await runner.run(cohortRunAggregate, cohortRunStream(runId), (_, at): CohortRunCommand[] => [
      { type: 'StartCohortRun', data: { runId, at, requestedBy: 'coordinator-1', parameters: DEFAULT_COHORT_RUN_PARAMETERS, municipalities: null } },
    ], testContext());
    const [started] = await store.readStream(cohortRunStream(runId));

    // The run's job, failed for good at its tenth re-drive; and the relay's mark past the run's start.
    const failing = (queue = await createJobQueue<MatcherJobs>({ redisUrl: REDIS_URL, queueName, attempts: 1, logger: quietLogger }));
    const first = `cohort-run-${started.id}`;
    const data = { causePosition: started.position, causeEventId: started.id, correlationId: 'c', runId, redrive: 10, origin: first };
    const refuse = async (): Promise<void> => {
      throw new Error('EventStoreUnavailableError: the store did not answer');
    };
    const nothing = async (): Promise<void> => undefined;
    const refusing = failing.process({
      'match-request': nothing, 'settle-match': nothing, 'withdraw-matches': nothing, 'withdraw-proposals': nothing, 'recheck-pairs': nothing,
      'retry-waiting': nothing, 'cohort-run': refuse, 'cohort-schedule': nothing, 'expiry-sweep': nothing,
    }, { concurrency: 1 });
    await failing.add({ name: 'cohort-run', id: `redrive-10-${first}`, data });
    for (let waited = 0; (await failing.counts()).failed === 0; waited += 50) {
      if (waited > 10_000) throw new Error('the job did not end failed');
      await sleep(50);
    }
    await refusing.close();
    await failing.marks.save('relay:matcher-jobs', started.position);

    // A real worker: its first sweeps read the failed job and give it up.
    const sweeping = (worker = new MatcherWorkerProcess('w', {
      REDIS_URL, MATCHER_QUEUE: queueName, SQLITE_EVENT_STORE_FILE: join(dir, 'events.sqlite'), DATA_DIR: join(dir, 'worker'),
      EXPIRY_SWEEP_INTERVAL_MS: '1000',
    }));
    await sweeping.ready(60_000);
    const failedEvents = async () => (await store.readStream(cohortRunStream(runId))).filter((event) => event.type === 'CohortRunFailed');
    for (let waited = 0; (await failedEvents()).length === 0; waited += 250) {
      if (waited > 30_000) throw new Error(`The run was not ended within 30 s of the worker's start (sweeps every 1 s):\n${sweeping.tail()}`);
      await sleep(250);
    }
    // Several sweeps more: the run is ended once.
    await sleep(3_000);
    const ended = await failedEvents();
    expect(ended).toHaveLength(1);
    expect(ended[0].data).toMatchObject({ runId, reason: expect.stringMatching(/^The matcher gave up on this run: .* tried again later; start a new run$/) });
    expect((await runner.load(cohortRunAggregate, cohortRunStream(runId))).state.status).toBe('failed');
    expect(sweeping.problems.filter((line) => line.includes(`cohort-run job redrive-10-${first} failed again after 10 re-drives: given up`))).toHaveLength(1);
  }, 120_000);
});
