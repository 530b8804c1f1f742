import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { derivedId, fold, KeyPersonCommand, KeyPersonEvent, keyPersonDecider, KeyPersonState, keyPersonStream } from '@sleutel/domain';
import { EventStore, SqliteEventStore } from '@sleutel/event-store';
import { CommandContext, CommandRunner, EventCodec, isReadable, toDomainEvent } from '@sleutel/eventsourcing';
import { keyPersonAggregate, platformEventCodec } from '@sleutel/platform';
import { InMemoryKeyStore, MasterKey } from '@sleutel/privacy';
import { generateKeyPerson } from '@sleutel/seed';
import { keyPersonsAt } from './ranking-reproduction';
import { portOnly } from './testing/port-only-store';

const SEED = 'reproduction-pool-spec';
const context = (commandId: string): CommandContext => ({ actor: { id: 'spec', role: 'system' }, source: 'worker', correlationId: 'spec', causationId: 'spec', commandId });

/** One key person as the command runner sees it up to `position`: their stream's readable events, decoded, folded at once. */
async function foldedAt(store: EventStore, codec: EventCodec, id: string, position: number): Promise<KeyPersonState | undefined> {
  const decoded = await Promise.all((await store.readStream(keyPersonStream(id))).filter((event) => event.position <= position).map((event) => codec.decode(event)));
  const readable = decoded.filter((event) => isReadable(codec, event));
  return readable.length === 0 ? undefined : fold(keyPersonDecider, readable.map(toDomainEvent<KeyPersonEvent>));
}

/**
 * The reproduction's pool folds each key person as their events arrive, a
 * page at a time, instead of collecting every event first: at every position
 * of a log whose key persons' streams interleave (places reserved and given
 * back, a profile changed, one paused, one erased), and with pages that cut
 * streams anywhere, each key person's state is the fold of all their
 * readable events up to that position, through the index of streams and
 * through the log alike.
 */
describe('keyPersonsAt', () => {
  let directory: string;
  let store: SqliteEventStore;
  let codec: EventCodec;
  const ids: string[] = [];

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'sleutel-reproduction-pool-'));
    store = SqliteEventStore.open(join(directory, 'events.sqlite'));
    const keys = new InMemoryKeyStore(MasterKey.generate());
    codec = platformEventCodec(keys);
    const runner = new CommandRunner(store, codec);
    const run = (id: string, step: string, command: (at: string) => KeyPersonCommand) =>
      runner.run(keyPersonAggregate, keyPersonStream(id), (_, at): KeyPersonCommand[] => [command(at)], context(`${step}|${id}`));
    for (let index = 0; index < 4; index++) {
      const { id, profile } = generateKeyPerson(SEED, index);
      ids.push(id);
      await run(id, 'register', (at) => ({ type: 'RegisterKeyPerson', data: { keyPersonId: id, at, profile: { ...profile, capacity: 5 } } }));
    }
    for (let round = 0; round < 3; round++) {
      for (const [index, id] of ids.entries()) {
        const matchId = derivedId(`${SEED}|match|${round}|${index}`);
        await run(id, `reserve|${matchId}`, (at) => ({ type: 'ReserveKeyPersonCapacity', data: { keyPersonId: id, at, matchId, newcomerId: derivedId(`${SEED}|newcomer|${round}`) } }));
        if (index % 2 === 0) await run(id, `release|${matchId}`, (at) => ({ type: 'ReleaseKeyPersonCapacity', data: { keyPersonId: id, at, matchId } }));
      }
      if (round === 0) await run(ids[1], 'capacity', (at) => ({ type: 'ChangeKeyPersonCapacity', data: { keyPersonId: ids[1], at, capacity: 7 } }));
      if (round === 2) await run(ids[2], 'pause', (at) => ({ type: 'PauseKeyPerson', data: { keyPersonId: ids[2], at, reason: 'on leave' } }));
    }
    await run(ids[3], 'erase', (at) => ({ type: 'EraseKeyPerson', data: { keyPersonId: ids[3], at, basis: 'data-subject-request' } }));
    await keys.destroy({ type: 'key-person', id: ids[3] });
  });

  afterAll(async () => {
    await store.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('gives each key person the fold of all their readable events up to the position, whatever the pages and the read', async () => {
    const head = (await store.headPosition())!;
    for (let position = 1; position <= head; position++) {
      const expected = new Map<string, KeyPersonState>();
      for (const id of ids) {
        const state = await foldedAt(store, codec, id, position);
        if (state !== undefined) expected.set(id, state);
      }
      for (const reader of [store, portOnly(store)]) {
        for (const pageSize of [1, 2, 5, 1000]) {
          const { keyPersons, erasedSince } = await keyPersonsAt(reader, codec, position, new Set(), pageSize);
          expect({ position, pageSize, keyPersons }).toEqual({ position, pageSize, keyPersons: expected });
          expect(erasedSince).toBe(0);
        }
      }
    }
    // The log holds what the pool has to get right: several places per key person, some given back, a pause and an erasure.
    const { keyPersons } = await keyPersonsAt(store, codec, head, new Set());
    expect(ids.map((id) => [keyPersons.get(id)?.status, keyPersons.get(id)?.reservations.length])).toEqual([['active', 0], ['active', 3], ['paused', 0], ['retired', 3]]);
  });

  it('leaves out, uncounted as read, the key persons erased after the position, and counts those it met', async () => {
    const head = (await store.headPosition())!;
    const { keyPersons, erasedSince } = await keyPersonsAt(store, codec, head, new Set([ids[0], 'never-registered']), 2);
    expect([...keyPersons.keys()].sort()).toEqual(ids.slice(1).sort());
    expect(erasedSince).toBe(1);
  });
});
