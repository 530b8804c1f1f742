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

  it('reads a state the stream had at some revision when the clocks of the processes that appended it disagree', async () => {
    // Revision 1 stamped by an API replica whose clock runs 2 s fast, revision 2 a second later by a process whose
    // clock is right: "as of 10:00:04.5" is revision 0, never revision 2 folded without revision 1.
    const store = new InMemoryEventStore();
    const newcomerId = randomUUID();
    const stream = newcomerStream(newcomerId);
    const at = (iso: string) => new CommandRunner(store, identityCodec, () => new Date(iso));
    await at('2026-12-01T10:00:00.000Z').run(newcomerAggregate, stream, (_, time): NewcomerCommand[] => [{ type: 'RegisterNewcomer', data: { newcomerId, at: time, profile: amalInput } }], context());
    await at('2026-12-01T10:00:05.000Z').run(newcomerAggregate, stream, (_, time): NewcomerCommand[] => [{ type: 'ChangeNewcomerNotes', data: { newcomerId, at: time, notes: 'second' } }], context());
    await at('2026-12-01T10:00:04.000Z').run(newcomerAggregate, stream, (_, time): NewcomerCommand[] => [{ type: 'WithdrawNewcomer', data: { newcomerId, at: time, reason: null } }], context());

    const between = await stateAsOf(store, identityCodec, 'newcomers', newcomerId, { time: '2026-12-01T10:00:04.500Z' });
    expect({ revision: between!.revision, status: (between!.state as { status: string }).status }).toEqual({ revision: 0, status: 'active' });
    const later = await stateAsOf(store, identityCodec, 'newcomers', newcomerId, { time: '2026-12-01T10:00:05.000Z' });
    expect({ revision: later!.revision, status: (later!.state as { status: string }).status, notes: (later!.state as { profile: { notes: string } }).profile.notes })
      .toEqual({ revision: 2, status: 'withdrawn', notes: 'second' });
  });
});
