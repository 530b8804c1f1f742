import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { derivedId, KeyPersonCommand, keyPersonStream, MatchCommand, matchStream, NewcomerCommand, newcomerStream } from '@sleutel/domain';
import { SqliteEventStore } from '@sleutel/event-store';
import { CommandRunner, eventIdFor, identityCodec } from '@sleutel/eventsourcing';
import { keyPersonAggregate, matchAggregate, newcomerAggregate } from '@sleutel/platform';
import { fittingKeyPersonProfile, fittingNewcomerProfile, testContext } from '../../libs/matcher/src/testing/fitting-people';
import { invariantViolations, sleep, waitForQuiet } from '../support/matcher-quiet';
import { MatcherWorkerProcess } from '../support/matcher-worker-process';
import { SqliteLocker } from '../support/sqlite-locker';

/**
 * Issue 7: nothing accepted is lost when the event store is down longer than
 * a job's retries (5 runs over about 31 s).
 *
 * A newcomer and a key person who fits her are in the log; the log is then
 * held by another process (`BEGIN EXCLUSIVE`), and a matcher worker starts.
 * It reads the log (WAL readers go on), but every append is refused, so her
 * match requests end failed for good, their ids kept for 7 days. The lock is
 * released: within a few sweeps (1 s here) the worker asks again for the
 * request that failed, and she is proposed. (Before, nothing added her
 * request again: she waited until a later event made the waiting list look
 * at everyone.)
 *
 * Beside her, another newcomer was withdrawn while a proposal to another key
 * person stood: the job that withdraws that proposal fails for good too, and
 * is tried again once the store is back, as its first attempt (the same
 * command, so the same event id). Before, only match requests were tried
 * again: the proposal stood, holding the key person's place.
 */
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('fault: the event store down for longer than a job is retried', () => {
  const queueName = `test-${randomUUID()}`;
  let dir: string;
  let store: SqliteEventStore;
  let inspectorConnection: Redis;
  let inspector: Queue;
  let locker: SqliteLocker | null = null;
  let worker: MatcherWorkerProcess | null = null;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sleutel-fault-redrive-'));
    store = SqliteEventStore.open(join(dir, 'events.sqlite'), { busyTimeoutMs: 200, busyRetry: { retries: 100, delayMs: 20 } });
    inspectorConnection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    inspector = new Queue(queueName, { connection: inspectorConnection });
  });

  afterAll(async () => {
    await locker?.kill();
    await worker?.kill('SIGKILL');
    if (inspector) {
      await inspector.obliterate({ force: true });
      await inspector.close();
    }
    await inspectorConnection?.quit();
    await store?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('asks again for the match request that failed, and proposes once the store is back; tries the failed withdrawal again as its first attempt', async () => {
    const runner = new CommandRunner(store, identityCodec);
    const keyPersonId = randomUUID();
    const newcomerId = randomUUID();
    await runner.run(keyPersonAggregate, keyPersonStream(keyPersonId), (_, at): KeyPersonCommand[] => [
      { type: 'RegisterKeyPerson', data: { keyPersonId, at, profile: fittingKeyPersonProfile } },
    ], testContext());
    // The other pair: a proposal, then its newcomer withdrawn. She may not be paired with that key person (whose place
    // the withdrawal frees), so that her own proposal goes to the key person above, whatever the order.
    const [otherKeyPersonId, otherNewcomerId, otherMatchId] = [randomUUID(), randomUUID(), randomUUID()];
    await runner.run(keyPersonAggregate, keyPersonStream(otherKeyPersonId), (_, at): KeyPersonCommand[] => [
      { type: 'RegisterKeyPerson', data: { keyPersonId: otherKeyPersonId, at, profile: fittingKeyPersonProfile } },
      { type: 'ReserveKeyPersonCapacity', data: { keyPersonId: otherKeyPersonId, at, matchId: otherMatchId, newcomerId: otherNewcomerId } },
    ], testContext());
    await runner.run(newcomerAggregate, newcomerStream(otherNewcomerId), (_, at): NewcomerCommand[] => [
      { type: 'RegisterNewcomer', data: { newcomerId: otherNewcomerId, at, profile: fittingNewcomerProfile } },
      { type: 'ReserveNewcomerForMatch', data: { newcomerId: otherNewcomerId, at, matchId: otherMatchId, keyPersonId: otherKeyPersonId } },
    ], testContext());
    await runner.run(matchAggregate, matchStream(otherMatchId), (_, at): MatchCommand[] => [{
      type: 'ProposeMatch',
      data: { matchId: otherMatchId, at, newcomerId: otherNewcomerId, keyPersonId: otherKeyPersonId, score: 0.8, policyVersion: 1, logPosition: 1, expiresAt: '2099-01-01T00:00:00.000Z', explanation: {} },
    }], testContext());
    await runner.run(newcomerAggregate, newcomerStream(otherNewcomerId), (_, at): NewcomerCommand[] => [
      { type: 'WithdrawNewcomer', data: { newcomerId: otherNewcomerId, at, reason: null } },
    ], testContext());
    const withdrawal = (await store.readStream(newcomerStream(otherNewcomerId))).find((event) => event.type === 'NewcomerWithdrawn')!;
    await runner.run(newcomerAggregate, newcomerStream(newcomerId), (_, at): NewcomerCommand[] => [
      { type: 'RegisterNewcomer', data: { newcomerId, at, profile: fittingNewcomerProfile } },
      { type: 'ChangeNewcomerDoNotMatch', data: { newcomerId, at, keyPersonIds: [otherKeyPersonId] } },
    ], testContext());

    // 1. The log held by another process while the worker starts: it reads, but cannot append.
    const lockedBy = (locker = await SqliteLocker.lock(join(dir, 'events.sqlite')));
    const started = (worker = new MatcherWorkerProcess('w', {
      REDIS_URL, MATCHER_QUEUE: queueName, SQLITE_EVENT_STORE_FILE: join(dir, 'events.sqlite'), DATA_DIR: join(dir, 'worker'),
      EXPIRY_SWEEP_INTERVAL_MS: '1000',
      // Two runs each, 0.1 s apart (5 from 1 s by default): each run waits about 5 s for the lock before it fails.
      MATCHER_JOB_ATTEMPTS: '2', MATCHER_JOB_BACKOFF_MS: '100',
    }));
    await started.ready(60_000);

    // 2. The match requests the relay and the waiting list added for her run out of retries (each run waits
    //    some seconds for the lock): failed for good, none left to run. Only what asks again after a failure may follow.
    const requestsOf = async (states: ('failed' | 'active' | 'waiting' | 'delayed' | 'prioritized')[]) =>
      (await inspector.getJobs(states)).filter((job) => job.name === 'match-request' && job.data.newcomerId === newcomerId && !String(job.id).startsWith('redrive-'));
    const withdrawalJobs = async (states: ('failed' | 'active' | 'waiting' | 'delayed' | 'prioritized')[]) =>
      (await inspector.getJobs(states)).filter((job) => job.name === 'withdraw-matches' && job.id === `withdraw-matches-${withdrawal.id}`);
    const deadline = Date.now() + 200_000;
    while ((await requestsOf(['failed'])).length === 0 || (await requestsOf(['active', 'waiting', 'delayed', 'prioritized'])).length > 0 || (await withdrawalJobs(['failed'])).length === 0) {
      if (Date.now() > deadline) throw new Error(`Her match requests, or the withdrawal's job, did not end failed while the log was locked:\n${started.tail()}`);
      await sleep(250);
    }
    const failedForGood = [...await requestsOf(['failed']), ...await withdrawalJobs(['failed'])];
    expect(failedForGood.map((job) => job.attemptsMade)).toEqual(failedForGood.map(() => 2));
    const proposalsOf = async () => (await store.readAll()).filter((event) => event.type === 'MatchProposed' && (event.data as { newcomerId: string }).newcomerId === newcomerId);
    expect(await proposalsOf()).toEqual([]);

    // 3. The store back: she is proposed to the key person who had room all along, once.
    await lockedBy.release();
    const proposedBy = Date.now() + 30_000;
    while ((await proposalsOf()).length === 0) {
      if (Date.now() > proposedBy) throw new Error(`No proposal within 30 s of the store coming back (sweeps every 1 s):\n${started.tail()}`);
      await sleep(250);
    }
    const quiet = await waitForQuiet(store, inspector, { quietForMs: 2_000, timeoutMs: 40_000, stuckAfterMs: 20_000 });
    expect(quiet.quiet ? 'quiet' : quiet.reason).toBe('quiet');
    expect(invariantViolations(quiet.audit)).toBe('');
    const proposals = await proposalsOf();
    expect(proposals).toHaveLength(1);
    expect(proposals[0].data).toMatchObject({ newcomerId, keyPersonId });
    // The withdrawn newcomer's proposal is withdrawn once, by the command of a job that failed (its event id derives
    // from that job's id, not the re-drive's), and the key person's place is free again. Two failed jobs withdraw it,
    // whichever runs first: the withdrawal's, and the proposal's own settlement (its newcomer no longer holds it).
    const withdrawn = (await store.readStream(matchStream(otherMatchId))).filter((event) => event.type === 'MatchWithdrawn');
    const proposed = (await store.readStream(matchStream(otherMatchId))).find((event) => event.type === 'MatchProposed')!;
    const firstAttempts = [`withdraw-matches-${withdrawal.id}`, `settle-match-${proposed.id}`]
      .map((jobId) => eventIdFor(derivedId(`job|${jobId}|withdraw|${otherMatchId}`), matchStream(otherMatchId), 0));
    expect(withdrawn).toHaveLength(1);
    expect(firstAttempts).toContain(withdrawn[0].id);
    expect((await store.readStream(keyPersonStream(otherKeyPersonId))).map((event) => event.type)).toContain('KeyPersonCapacityReleased');
    expect(started.problems.filter((line) => /given up/.test(line))).toEqual([]);
  }, 300_000);
});
