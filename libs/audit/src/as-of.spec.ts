import { randomUUID } from 'node:crypto';
import { NewcomerCommand, newcomerStream } from '@sleutel/domain';
import { InMemoryEventStore } from '@sleutel/event-store';
import { CommandContext, CommandRunner, identityCodec } from '@sleutel/eventsourcing';
import { newcomerAggregate } from '@sleutel/platform';
import { amalInput } from '../../domain/src/newcomer/newcomer.fixtures';
import { ErasedStateError, stateAsOf } from './as-of';

const context = (): CommandContext => ({ actor: { id: 'test', role: 'admin' }, source: 'cli', correlationId: 'c', causationId: 'c', commandId: randomUUID() });

describe('stateAsOf', () => {
  it('refuses the state before an erasure by the log alone, even where every event could still be read', async () => {
    // identityCodec opens everything, as a process whose cached data key outlives another process's erasure would.
    const store = new InMemoryEventStore();
    const runner = new CommandRunner(store, identityCodec);
    const newcomerId = randomUUID();
    const registered = await runner.run(newcomerAggregate, newcomerStream(newcomerId), (_, at): NewcomerCommand[] => [
      { type: 'RegisterNewcomer', data: { newcomerId, at, profile: amalInput } },
    ], context());
    const before = await stateAsOf(store, identityCodec, 'newcomers', newcomerId, { position: registered.position! });
    expect(before).toMatchObject({ kind: 'newcomers', id: newcomerId, position: registered.position });

    await runner.run(newcomerAggregate, newcomerStream(newcomerId), (_, at): NewcomerCommand[] => [
      { type: 'EraseNewcomer', data: { newcomerId, at, basis: 'data-subject-request' } },
    ], context());
    await expect(stateAsOf(store, identityCodec, 'newcomers', newcomerId, { position: registered.position! })).rejects.toBeInstanceOf(ErasedStateError);
    // Before the subject existed there is still nothing to show, erased or not.
    expect(await stateAsOf(store, identityCodec, 'newcomers', newcomerId, { position: 0 })).toBeNull();
  });
});
