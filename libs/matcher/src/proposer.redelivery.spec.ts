import { randomUUID } from 'node:crypto';
import { keyPersonStream, KeyPersonCommand, NewcomerCommand, newcomerStream } from '@sleutel/domain';
import { InMemoryEventStore } from '@sleutel/event-store';
import { CommandContext, CommandRunner, identityCodec } from '@sleutel/eventsourcing';
import { keyPersonAggregate, newcomerAggregate } from '@sleutel/platform';
import { amalInput } from '../../domain/src/newcomer/newcomer.fixtures';
import { yonasInput } from '../../domain/src/key-person/key-person.fixtures';
import { CandidatePool } from './candidate-pool';
import { Proposer } from './proposer';

/**
 * Found by test/matcher-workers.int-spec.ts: a worker recorded a deferral for
 * a job and was killed before BullMQ marked the job done. Redelivered after
 * the stall, the job found a different reason (more key persons considered)
 * and decided a new deferral under the same command id, so the same event id
 * at another revision: DuplicateEventIdError on every attempt, and the job
 * failed for good instead of having the effect of one delivery (SPEC §4, 6).
 */
const context = (): CommandContext => ({ actor: { id: 'test', role: 'coordinator' }, source: 'cli', correlationId: 'c', causationId: 'c', commandId: randomUUID() });

describe('Proposer: a deferral job delivered again', () => {
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

  /** A key person who shares no language with the newcomer below: never a candidate. */
  async function unsuitableKeyPerson(): Promise<void> {
    const keyPersonId = randomUUID();
    await runner.run(keyPersonAggregate, keyPersonStream(keyPersonId), (_, at): KeyPersonCommand[] => [
      { type: 'RegisterKeyPerson', data: { keyPersonId, at, profile: { ...yonasInput, languages: [{ code: 'prs', level: 'native' }] } } },
    ], context());
  }

  it('after the reasons changed completes without a new event instead of failing on a reused event id', async () => {
    await unsuitableKeyPerson();
    const newcomerId = randomUUID();
    await runner.run(newcomerAggregate, newcomerStream(newcomerId), (_, at): NewcomerCommand[] => [
      { type: 'RegisterNewcomer', data: { newcomerId, at, profile: { ...amalInput, languages: [{ code: 'tir', level: 'native' }] } } },
    ], context());
    const job = { id: `match-request-${randomUUID()}`, data: { newcomerId, causePosition: (await store.headPosition()) ?? 0, causeEventId: randomUUID(), correlationId: 'c' } };
    expect(await proposer.handle(job)).toBe('deferred');

    // Meanwhile the reasons change: one more key person considered.
    await unsuitableKeyPerson();
    const redelivered = { ...job, data: { ...job.data, causePosition: (await store.headPosition()) ?? 0 } };
    expect(await proposer.handle(redelivered)).toBe('deferred');

    const deferrals = (await store.readStream(newcomerStream(newcomerId))).filter((event) => event.type === 'NewcomerMatchingDeferred');
    expect(deferrals.map((event) => event.data.considered)).toEqual([1]);
  });
});
