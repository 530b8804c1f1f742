import { eventSchemaVersions, eventUpcasters, newcomerStream } from '@sleutel/domain';
import { InMemoryEventStore, RecordedEvent } from '@sleutel/event-store';
import { amalInput, NEWCOMER_ID } from '../../domain/src/newcomer/newcomer.fixtures';
import { AggregateType } from './aggregate-type';
import { CommandRunner } from './command-runner';
import { composeCodecs, EventCodec } from './event-codec';
import { UnknownSchemaVersionError, upcastingCodec } from './upcasting-codec';
import { newcomerDecider, NewcomerCommand, NewcomerEvent, NewcomerState } from '@sleutel/domain';

const newcomers: AggregateType<NewcomerCommand, NewcomerEvent, NewcomerState> = {
  subjectType: 'newcomer', decider: newcomerDecider, schemaVersions: eventSchemaVersions,
};
const codec = upcastingCodec(eventSchemaVersions, eventUpcasters);
const stream = newcomerStream(NEWCOMER_ID);
const metadata = {
  actor: { id: 'w-1', role: 'intake' }, command: 'WithdrawNewcomer', correlationId: 'c', causationId: 'r', occurredAt: '2026-01-05T10:00:00.000Z', source: 'api' as const,
};

/** The bytes a release before schema version 2 wrote, appended as they were. */
async function storeWithVersion1Withdrawal(): Promise<InMemoryEventStore> {
  const store = new InMemoryEventStore();
  const runner = new CommandRunner(store, codec, () => new Date('2026-01-01T09:00:00.000Z'));
  await runner.run(newcomers, stream, (_, at): NewcomerCommand[] => [{ type: 'RegisterNewcomer', data: { newcomerId: NEWCOMER_ID, at, profile: amalInput } }], {
    actor: metadata.actor, source: 'api', correlationId: 'c', causationId: 'r', commandId: 'register',
  });
  await store.append(stream, [{
    id: '6a0d7d0c-3b9e-4c1e-9f61-0c9b1d2f3a4b', type: 'NewcomerWithdrawn', schemaVersion: 1,
    data: { newcomerId: NEWCOMER_ID, withdrawnAt: '2026-01-05T10:00:00.000Z', reason: 'Moved abroad' }, metadata,
  }], 0);
  return store;
}

describe('upcasting codec', () => {
  it('loads a stream holding a version 1 event: the state is what version 1 meant', async () => {
    const store = await storeWithVersion1Withdrawal();
    const loaded = await new CommandRunner(store, codec).load(newcomers, stream);
    expect(loaded.state).toMatchObject({ status: 'withdrawn', withdrawnAt: '2026-01-05T10:00:00.000Z' });
    expect(loaded.events[1]).toMatchObject({ schemaVersion: 2, data: { reason: 'Moved abroad', openMatchId: null } });
    // The stored event is untouched: its bytes still carry version 1, and its hash still holds.
    const [, stored] = await store.readStoredRows(null, 10);
    expect(stored).toMatchObject({ schemaVersion: 1 });
    expect(JSON.parse(stored.data)).not.toHaveProperty('openMatchId');
  });

  it('writes the current version, which reads back unchanged', async () => {
    const store = new InMemoryEventStore();
    const runner = new CommandRunner(store, codec);
    const context = { actor: metadata.actor, source: 'api' as const, correlationId: 'c', causationId: 'r', commandId: 'x' };
    await runner.run(newcomers, stream, (_, at): NewcomerCommand[] => [{ type: 'RegisterNewcomer', data: { newcomerId: NEWCOMER_ID, at, profile: amalInput } }], context);
    await runner.run(newcomers, stream, (_, at): NewcomerCommand[] => [{ type: 'WithdrawNewcomer', data: { newcomerId: NEWCOMER_ID, at, reason: null } }], { ...context, commandId: 'y' });
    const [, withdrawal] = await store.readStream(stream);
    expect(withdrawal).toMatchObject({ schemaVersion: 2, data: { openMatchId: null } });
    expect(await codec.decode(withdrawal)).toBe(withdrawal);
  });

  it('refuses an event stored by a newer release instead of misreading it', async () => {
    const future = { type: 'NewcomerWithdrawn', schemaVersion: 3, data: {} } as unknown as RecordedEvent;
    await expect(codec.decode(future)).rejects.toBeInstanceOf(UnknownSchemaVersionError);
  });

  it('composes with an encrypting codec: decrypted first, then upcast', async () => {
    const seen: string[] = [];
    const sealing: EventCodec = {
      encode: async (event) => ({ ...event, data: { sealed: JSON.stringify(event.data) } }),
      decode: async (event) => {
        seen.push(`open v${event.schemaVersion}`);
        return { ...event, data: JSON.parse(String(event.data.sealed)) };
      },
    };
    const both = composeCodecs(codec, sealing);
    const v1 = { type: 'NewcomerWithdrawn', schemaVersion: 1, data: { sealed: JSON.stringify({ newcomerId: 'n', withdrawnAt: 't', reason: null }) } } as unknown as RecordedEvent;
    expect(await both.decode(v1)).toMatchObject({ schemaVersion: 2, data: { newcomerId: 'n', openMatchId: null } });
    expect(seen).toEqual(['open v1']);
  });
});
