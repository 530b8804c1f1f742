import { randomUUID } from 'node:crypto';
import { KeyPersonCommand, keyPersonStream, MatchCommand, matchStream, NewcomerCommand, newcomerStream } from '@sleutel/domain';
import { InMemoryEventStore } from '@sleutel/event-store';
import { CommandContext, CommandRunner, identityCodec } from '@sleutel/eventsourcing';
import { keyPersonAggregate, matchAggregate, newcomerAggregate } from '@sleutel/platform';
import { yonasInput } from '../../domain/src/key-person/key-person.fixtures';
import { amalInput } from '../../domain/src/newcomer/newcomer.fixtures';
import { stateAsOf } from './as-of';

const context = (): CommandContext => ({ actor: { id: 'test', role: 'admin' }, source: 'cli', correlationId: 'c', causationId: 'c', commandId: randomUUID() });
type Closing = { status: string; reason: unknown } | null;

describe("stateAsOf of a match, after its people's erasure", () => {
  // identityCodec opens everything, as a process whose cached data keys outlive another process's erasure would:
  // what reads as erased below is so by the log alone.
  const store = new InMemoryEventStore();
  const runner = new CommandRunner(store, identityCodec);
  const newcomerId = randomUUID();
  const keyPersonId = randomUUID();
  const rejectedId = randomUUID();
  const withdrawnId = randomUUID();
  const closingOf = async (matchId: string) => {
    const read = await stateAsOf(store, identityCodec, 'matches', matchId, { time: new Date().toISOString() });
    const state = read!.state as { explanation: unknown; closing: Closing };
    return { erasedSince: read!.erasedSince, explanation: state.explanation, closing: state.closing };
  };

  beforeAll(async () => {
    await runner.run(newcomerAggregate, newcomerStream(newcomerId), (_, at): NewcomerCommand[] => [{ type: 'RegisterNewcomer', data: { newcomerId, at, profile: amalInput } }], context());
    await runner.run(keyPersonAggregate, keyPersonStream(keyPersonId), (_, at): KeyPersonCommand[] => [{ type: 'RegisterKeyPerson', data: { keyPersonId, at, profile: yonasInput } }], context());
    const propose = (matchId: string) => runner.run(matchAggregate, matchStream(matchId), (_, at): MatchCommand[] => [{
      type: 'ProposeMatch',
      data: { matchId, at, newcomerId, keyPersonId, score: 0.8, policyVersion: 1, logPosition: 1, expiresAt: '2099-01-01T00:00:00.000Z', explanation: { shared: 'language' } },
    }], context());
    await propose(rejectedId);
    await runner.run(matchAggregate, matchStream(rejectedId), (_, at): MatchCommand[] => [{ type: 'RejectMatch', data: { matchId: rejectedId, at, by: 'coordinator-1', reason: 'Too far apart' } }], context());
    await propose(withdrawnId);
    await runner.run(matchAggregate, matchStream(withdrawnId), (_, at): MatchCommand[] => [{ type: 'WithdrawMatch', data: { matchId: withdrawnId, at, reason: 'The key person retired' } }], context());
  });

  it('reads every reason while nobody is erased', async () => {
    expect(await closingOf(rejectedId)).toEqual({ erasedSince: [], explanation: { shared: 'language' }, closing: { status: 'rejected', by: 'coordinator-1', reason: 'Too far apart' } });
    expect((await closingOf(withdrawnId)).closing).toEqual({ status: 'withdrawn', reason: 'The key person retired' });
  });

  it("after the key person's erasure: the explanation and a written reason are erased, a withdrawal's reason still reads", async () => {
    await runner.run(keyPersonAggregate, keyPersonStream(keyPersonId), (_, at): KeyPersonCommand[] => [{ type: 'EraseKeyPerson', data: { keyPersonId, at, basis: 'data-subject-request' } }], context());

    expect(await closingOf(rejectedId)).toEqual({ erasedSince: ['key-person'], explanation: { erased: true }, closing: { status: 'rejected', by: 'coordinator-1', reason: { erased: true } } });
    expect(await closingOf(withdrawnId)).toEqual({ erasedSince: ['key-person'], explanation: { erased: true }, closing: { status: 'withdrawn', reason: 'The key person retired' } });
  });

  it("after the newcomer's erasure too: every reason is erased, the rest of the state stands", async () => {
    await runner.run(newcomerAggregate, newcomerStream(newcomerId), (_, at): NewcomerCommand[] => [{ type: 'EraseNewcomer', data: { newcomerId, at, basis: 'data-subject-request' } }], context());

    expect(await closingOf(withdrawnId)).toEqual({ erasedSince: ['newcomer', 'key-person'], explanation: { erased: true }, closing: { status: 'withdrawn', reason: { erased: true } } });
  });
});
