import { randomUUID } from 'node:crypto';
import {
  fold, keyPersonStream, KeyPersonCommand, matchDecider, matchStream, NewcomerCommand, newcomerDecider, newcomerStream,
} from '@sleutel/domain';
import { InMemoryEventStore, RecordedEvent } from '@sleutel/event-store';
import { CommandRunner, identityCodec, toDomainEvent } from '@sleutel/eventsourcing';
import { keyPersonAggregate, newcomerAggregate } from '@sleutel/platform';
import { yonasInput } from '../../domain/src/key-person/key-person.fixtures';
import { CandidatePool } from './candidate-pool';
import { Proposer } from './proposer';
import { fittingNewcomerProfile, testContext as context } from './testing/fitting-people';

/** A Tigrinya-speaking newcomer free on Tuesday evenings, and key persons who fit her. */
const newcomerProfile = fittingNewcomerProfile;

describe('Proposer', () => {
  let store: InMemoryEventStore;
  let runner: CommandRunner;
  let pool: CandidatePool;
  let proposer: Proposer;

  beforeEach(async () => {
    store = new InMemoryEventStore();
    runner = new CommandRunner(store, identityCodec);
    pool = new CandidatePool();
    await pool.start(store);
    proposer = new Proposer(runner, pool, { proposalDeadlineSeconds: 3600, indexWaitTimeoutMs: 2000, candidatesPerRound: 3, rounds: 3, resumeAfterMs: 0 });
  });
  afterEach(async () => {
    await pool.stop();
    await store.close();
  });

  async function keyPerson(overrides: Partial<typeof yonasInput> = {}): Promise<string> {
    const keyPersonId = randomUUID();
    await runner.run(keyPersonAggregate, keyPersonStream(keyPersonId), (_, at): KeyPersonCommand[] => [
      { type: 'RegisterKeyPerson', data: { keyPersonId, at, profile: { ...yonasInput, ...overrides } } },
    ], context());
    return keyPersonId;
  }
  async function newcomer(): Promise<string> {
    const newcomerId = randomUUID();
    await runner.run(newcomerAggregate, newcomerStream(newcomerId), (_, at): NewcomerCommand[] => [
      { type: 'RegisterNewcomer', data: { newcomerId, at, profile: newcomerProfile } },
    ], context());
    return newcomerId;
  }
  const job = async (newcomerId: string, id = `match-request-${randomUUID()}`) => ({
    id, data: { newcomerId, causePosition: (await store.headPosition()) ?? 0, causeEventId: randomUUID(), correlationId: 'c' },
  });
  const eventsOf = async (stream: string): Promise<RecordedEvent[]> => store.readStream(stream);
  const proposals = async () => (await store.readAll()).filter((e) => e.type === 'MatchProposed');

  it('proposes the best candidate in three steps, recording score, policy version and log position', async () => {
    const best = await keyPerson({ expertise: ['health', 'housing'] });
    await keyPerson({ expertise: ['work'] });
    const id = await newcomer();
    expect(await proposer.handle(await job(id))).toBe('proposed');
    const [proposed] = await proposals();
    expect(proposed.data).toMatchObject({ newcomerId: id, keyPersonId: best, policyVersion: 1 });
    expect(proposed.data.logPosition).toBeGreaterThan(0);
    const newcomerState = fold(newcomerDecider, (await eventsOf(newcomerStream(id))).map(toDomainEvent));
    expect(newcomerState.openMatch).toMatchObject({ matchId: proposed.data.matchId, keyPersonId: best });
    expect(pool.keyPerson(best)?.reservations).toHaveLength(1);
  });

  it('a job delivered twice, or two jobs at once for one newcomer, make one proposal', async () => {
    await keyPerson();
    await keyPerson();
    const id = await newcomer();
    const first = await job(id);
    await Promise.all([proposer.handle(first), proposer.handle(first), proposer.handle(await job(id)), proposer.handle(await job(id))]);
    await proposer.handle(first);
    expect(await proposals()).toHaveLength(1);
  });

  it('the loser of a race for the last place proposes the next candidate', async () => {
    const scarce = await keyPerson({ capacity: 1, expertise: ['health', 'housing'] });
    const spare = await keyPerson({ capacity: 1, expertise: ['work'] });
    const [a, b] = [await newcomer(), await newcomer()];
    await Promise.all([proposer.handle(await job(a)), proposer.handle(await job(b))]);
    const chosen = (await proposals()).map((e) => e.data.keyPersonId).sort();
    expect(chosen).toEqual([scarce, spare].sort());
    for (const keyPersonId of [scarce, spare]) expect(pool.keyPerson(keyPersonId)?.reservations.length).toBeLessThanOrEqual(1);
  });

  it('records why when nobody fits, and a retry with the same reasons adds nothing', async () => {
    await keyPerson({ languages: [{ code: 'prs', level: 'native' }] });
    const id = await newcomer();
    expect(await proposer.handle(await job(id))).toBe('deferred');
    expect(await proposer.handle(await job(id))).toBe('deferred');
    const deferrals = (await eventsOf(newcomerStream(id))).filter((e) => e.type === 'NewcomerMatchingDeferred');
    expect(deferrals).toHaveLength(1);
    expect(deferrals[0].data).toMatchObject({ considered: 1, excluded: expect.objectContaining({ 'no-shared-language': 1 }) });
  });

  it('resumes a job that died between reserving the newcomer and proposing, with the same match and key person', async () => {
    const keyPersonId = await keyPerson();
    await keyPerson();
    const id = await newcomer();
    const matchId = randomUUID();
    await runner.run(newcomerAggregate, newcomerStream(id), (_, at): NewcomerCommand[] => [
      { type: 'ReserveNewcomerForMatch', data: { newcomerId: id, at, matchId, keyPersonId } },
    ], context());
    expect(await proposer.handle(await job(id))).toBe('resumed');
    const match = fold(matchDecider, (await eventsOf(matchStream(matchId))).map(toDomainEvent));
    expect(match).toMatchObject({ status: 'proposed', keyPersonId, newcomerId: id });
    expect(await proposals()).toHaveLength(1);
    // Explained from the full ranking, not from K alone.
    expect(match.status !== 'unproposed' && (match.explanation as { considered: number }).considered).toBe(2);
  });

  it('leaves a fresh reservation of another job to that job', async () => {
    const keyPersonId = await keyPerson();
    const id = await newcomer();
    const patient = new Proposer(runner, pool, { proposalDeadlineSeconds: 3600, indexWaitTimeoutMs: 2000, candidatesPerRound: 3, rounds: 3, resumeAfterMs: 60_000 });
    await runner.run(newcomerAggregate, newcomerStream(id), (_, at): NewcomerCommand[] => [
      { type: 'ReserveNewcomerForMatch', data: { newcomerId: id, at, matchId: randomUUID(), keyPersonId } },
    ], context());
    expect(await patient.handle(await job(id))).toBe('not-waiting');
    expect(await proposals()).toHaveLength(0);
  });

  it('lets go of a dangling reservation whose key person no longer fits', async () => {
    const keyPersonId = await keyPerson();
    const id = await newcomer();
    const matchId = randomUUID();
    await runner.run(newcomerAggregate, newcomerStream(id), (_, at): NewcomerCommand[] => [
      { type: 'ReserveNewcomerForMatch', data: { newcomerId: id, at, matchId, keyPersonId } },
    ], context());
    await runner.run(keyPersonAggregate, keyPersonStream(keyPersonId), (_, at): KeyPersonCommand[] => [
      { type: 'PauseKeyPerson', data: { keyPersonId, at, reason: null } },
    ], context());
    await proposer.handle(await job(id));
    const released = (await eventsOf(newcomerStream(id))).filter((e) => e.type === 'NewcomerMatchReleased');
    expect(released.map((e) => e.data.outcome)).toEqual(['cancelled']);
    expect(await proposals()).toHaveLength(0);
  });

  it('does nothing for a withdrawn newcomer', async () => {
    await keyPerson();
    const id = await newcomer();
    await runner.run(newcomerAggregate, newcomerStream(id), (_, at): NewcomerCommand[] => [
      { type: 'WithdrawNewcomer', data: { newcomerId: id, at, reason: null } },
    ], context());
    expect(await proposer.handle(await job(id))).toBe('not-waiting');
    expect(await proposals()).toHaveLength(0);
  });

  /**
   * Found by test/matcher-workers.int-spec.ts: a worker recorded a deferral and
   * was killed before the queue marked the job done. Redelivered, the job found
   * other reasons and decided a new deferral under the same command id — the
   * same event id at another revision — and failed for good on every retry
   * instead of having the effect of one delivery (SPEC §4, 6).
   */
  it('a deferral job delivered again after the reasons changed completes without a new event', async () => {
    await keyPerson({ languages: [{ code: 'prs', level: 'native' }] });
    const id = await newcomer();
    const first = await job(id);
    expect(await proposer.handle(first)).toBe('deferred');
    await keyPerson({ languages: [{ code: 'prs', level: 'native' }] });
    expect(await proposer.handle({ ...first, data: { ...first.data, causePosition: (await store.headPosition()) ?? 0 } })).toBe('deferred');
    const deferrals = (await eventsOf(newcomerStream(id))).filter((e) => e.type === 'NewcomerMatchingDeferred');
    expect(deferrals.map((e) => e.data.considered)).toEqual([1]);
  });
});
