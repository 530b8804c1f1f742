/**
 * Jobs on a worker whose candidate pool has not read the log up to their
 * cause (a matcher just started, still reading from the start). The log is
 * one SQLite file: the test and the jobs write through `store`; the pool
 * follows it through a connection of its own, `followed`, that polls too
 * seldom to matter, so it reads on only when `readOn()` appends through that
 * connection. The pool stays behind exactly as long as the test says.
 */
import { randomUUID } from 'node:crypto';
import { KeyPersonCommand, keyPersonStream, matchStream, NewcomerCommand, newcomerStream } from '@sleutel/domain';
import { SqliteEventStore } from '@sleutel/event-store';
import { CommandRunner, identityCodec } from '@sleutel/eventsourcing';
import { keyPersonAggregate, newcomerAggregate } from '@sleutel/platform';
import { CandidatePool, CandidatePoolBehindError, untilReached } from './candidate-pool';
import { PairCheck } from './pair-check';
import { Proposer } from './proposer';
import { Settlement } from './settlement';
import { fittingKeyPersonProfile, fittingNewcomerProfile, testContext as context } from './testing/fitting-people';
import { ParkedLog } from './testing/parked-log';

/** How long a job waits for the pool here: it never gets there by waiting, only by `readOn()`. */
const WAIT_MS = 200;

describe('jobs on a worker whose candidate pool is behind their cause (SQLite)', () => {
  let log: ParkedLog;
  let store: SqliteEventStore;
  let followed: SqliteEventStore;
  let runner: CommandRunner;
  let pool: CandidatePool;

  beforeEach(() => {
    log = new ParkedLog();
    ({ store, followed } = log);
    runner = new CommandRunner(store, identityCodec);
    pool = new CandidatePool();
  });
  afterEach(async () => {
    await pool.stop();
    await log.close();
  });
  const readOn = () => log.readOn();
  async function keyPerson(): Promise<string> {
    const keyPersonId = randomUUID();
    await runner.run(keyPersonAggregate, keyPersonStream(keyPersonId), (_, at): KeyPersonCommand[] => [
      { type: 'RegisterKeyPerson', data: { keyPersonId, at, profile: fittingKeyPersonProfile } },
    ], context());
    return keyPersonId;
  }
  async function newcomer(): Promise<string> {
    const newcomerId = randomUUID();
    await runner.run(newcomerAggregate, newcomerStream(newcomerId), (_, at): NewcomerCommand[] => [
      { type: 'RegisterNewcomer', data: { newcomerId, at, profile: fittingNewcomerProfile } },
    ], context());
    return newcomerId;
  }
  const cause = async () => ({ causePosition: (await store.headPosition())!, causeEventId: randomUUID(), correlationId: 'c' });
  const proposer = () => new Proposer(runner, pool, { proposalDeadlineSeconds: 3600, indexWaitTimeoutMs: WAIT_MS, candidatesPerRound: 3, rounds: 3, resumeAfterMs: 0 });
  const types = async (stream: string) => (await store.readStream(stream)).map((event) => event.type);

  it('a match request fails, to be tried again, recording no deferral; once the pool has read on, it proposes', async () => {
    await pool.start(followed);
    await keyPerson();
    const n = await newcomer();
    const job = { id: `match-request-${randomUUID()}`, data: { newcomerId: n, ...(await cause()) } };

    await expect(proposer().handle(job)).rejects.toBeInstanceOf(CandidatePoolBehindError);
    expect(await types(newcomerStream(n))).toEqual(['NewcomerRegistered']);

    await readOn();
    expect(await proposer().handle(job)).toBe('proposed');
  });

  it('a match request caused past the pool\'s last event, with no key person or policy event in between, is answered at once', async () => {
    // At a quiet end of the log a subscription filtered on the server (EventStoreDB) may not say it got past events not its own.
    await keyPerson();
    await pool.start(followed);
    await pool.waitFor((await store.headPosition())!, 5000);
    const n = await newcomer();
    const job = { id: `match-request-${randomUUID()}`, data: { newcomerId: n, ...(await cause()) } };
    expect(pool.position).toBeLessThan(job.data.causePosition);

    expect(await proposer().handle(job)).toBe('proposed');
  });

  it('a check of a key person\'s pairs fails, to be tried again, rather than judge a pair by the profile before the change', async () => {
    await pool.start(followed);
    const k = await keyPerson();
    const n = await newcomer();
    await readOn();
    expect(await proposer().handle({ id: `match-request-${randomUUID()}`, data: { newcomerId: n, ...(await cause()) } })).toBe('proposed');
    const [{ data: proposed }] = await store.readAll({ filter: { eventTypes: ['MatchProposed'] } });
    const matchId = (proposed as { matchId: string }).matchId;
    await runner.run(keyPersonAggregate, keyPersonStream(k), (_, at): KeyPersonCommand[] => [
      { type: 'ChangeKeyPersonLanguages', data: { keyPersonId: k, at, languages: [{ code: 'nld', level: 'native' }] } },
    ], context());
    const job = { id: `recheck-pairs-${randomUUID()}`, data: { keyPersonId: k, ...(await cause()) } };
    const check = () => new PairCheck(runner, pool, new Settlement(runner), WAIT_MS).recheck(job);

    await expect(check()).rejects.toBeInstanceOf(CandidatePoolBehindError);
    expect(await types(matchStream(matchId))).toEqual(['MatchProposed']);

    await readOn();
    expect(await check()).toEqual({ checked: 1, withdrawn: [{ matchId, constraint: 'no-shared-language' }] });
  });

  it('a starting worker waits until the pool has read the log up to its head at start, for as long as that takes, and a stop ends the wait', async () => {
    await pool.start(followed);
    await keyPerson();
    await keyPerson();
    const head = (await store.headPosition())!;
    const waits: number[] = [];
    let stopped = false;
    const reading = untilReached([pool], head, () => stopped, () => waits.push(pool.position));
    // Behind for two rounds of waiting (a second each): still waiting, not given up.
    while (waits.length < 2) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(pool.indexPosition).toBeLessThan(head);
    await readOn();
    expect(await reading).toBe(true);
    expect(pool.index.size).toBe(2);

    // Stopped while behind: the wait ends, saying the pool did not get there.
    const later = (await keyPerson(), (await store.headPosition())!);
    stopped = true;
    expect(await untilReached([pool], later, () => stopped)).toBe(false);
  });

  it('a starting worker keeps waiting through a look at the log that failed (an EventStoreDB leader change), rather than end the process', async () => {
    await pool.start(followed);
    let looks = 0;
    const failingOnce = { reached: async (position: number, timeoutMs: number) => (++looks === 1 ? Promise.reject(new Error('leader changed')) : pool.reached(position, timeoutMs)) };
    const errors: unknown[] = [];
    expect(await untilReached([failingOnce], (await store.headPosition()) ?? 0, () => false, (error) => error && errors.push(error))).toBe(true);
    expect(errors).toHaveLength(1);
  });
});
