import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventStoreDBClient } from '@eventstore/db-client';
import { newcomerStream, RegisterNewcomer } from '@sleutel/domain';
import { ANY } from '@sleutel/event-store';
import { EventStoreDbEventStore } from '@sleutel/event-store/eventstoredb';
import { CommandContext, CommandRunner, EventCodec } from '@sleutel/eventsourcing';
import { newcomerAggregate, platformEventCodec, ReadSide } from '@sleutel/platform';
import { InMemoryKeyStore, MasterKey } from '@sleutel/privacy';
import { generateNewcomer } from '@sleutel/seed';
import { StreamsDouble } from '../../event-store/src/eventstoredb/testing/streams-double/streams-double.server';
import { replayProjections } from './projection-replay';

const NEWCOMERS = 12;

/**
 * An audit replay on EventStoreDB, through the real client and real gRPC
 * against the Streams TEST DOUBLE, with the live read side following the log
 * there: the replay waits for the live read models to reach the head it
 * read, and reads the log in pages.
 */
describe('audit replay on EventStoreDB (Streams test double)', () => {
  let double: StreamsDouble;
  let store: EventStoreDbEventStore;
  let dir: string;
  let readSide: ReadSide;
  let codec: EventCodec;

  beforeEach(async () => {
    double = await StreamsDouble.start();
    store = new EventStoreDbEventStore(EventStoreDBClient.connectionString(double.connectionString));
    dir = mkdtempSync(join(tmpdir(), 'sleutel-replay-esdb-'));
    readSide = ReadSide.open(dir, 2000);
    codec = platformEventCodec(new InMemoryKeyStore(MasterKey.generate()));
    await readSide.start(store, codec);
    // Newcomers as the API registers them: their profiles sealed under their own keys.
    const runner = new CommandRunner(store, codec);
    for (let index = 0; index < NEWCOMERS; index++) {
      const { id, profile } = generateNewcomer('replay-esdb', index);
      const context: CommandContext = { actor: { id: 'intake-1', role: 'intake' }, source: 'api', correlationId: `c-${id}`, causationId: 'r', commandId: `register-${id}` };
      await runner.run(newcomerAggregate, newcomerStream(id), (_, at): RegisterNewcomer[] => [{ type: 'RegisterNewcomer', data: { newcomerId: id, at, profile } }], context);
    }
  });
  afterEach(async () => {
    await readSide.close();
    await store.close();
    await double.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('compares with the live read models when the newest event is none they read', async () => {
    // The read models' subscription is filtered on the server, which says nothing of the events it skips at a quiet
    // end of the log: their position stays at the last registration. The replay waited for the head for 60 s, and failed.
    await store.append(`operator-note-${randomUUID()}`, [{
      id: randomUUID(), type: 'OperatorNoted', schemaVersion: 1, data: { note: 'not projected' },
      metadata: { actor: { id: 'admin-1', role: 'admin' }, command: 'Note', correlationId: 'c', causationId: 'c', occurredAt: '2026-12-01T10:00:00.000Z', source: 'cli' },
    }], ANY);
    const result = await replayProjections(store, readSide, { codec, catchUpTimeoutMs: 10_000 });
    expect({ events: result.events, equal: result.projections.map((projection) => projection.equal) }).toEqual({ events: NEWCOMERS, equal: [true, true, true] });
    expect(result.projections.find((projection) => projection.name === 'directory')?.liveRows).toBe(NEWCOMERS);
  });

  it('opens the sealed events of the pages it read, without reading each of them again', async () => {
    const before = double.reads.allReads;
    const result = await replayProjections(store, readSide, { codec, catchUpTimeoutMs: 10_000 });
    expect(result.projections.every((projection) => projection.equal)).toBe(true);
    // The head, one page, the wait for the live side: a handful of reads, where there was one and a refused one per sealed event.
    expect(double.reads.allReads - before).toBeLessThan(NEWCOMERS);
  });
});
