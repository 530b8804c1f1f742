import { randomUUID } from 'node:crypto';
import { ANY, EventStore, InMemoryEventStore, ReadAllBackwardsOptions, ReadAllOptions, RecordedEvent } from '@sleutel/event-store';
import { EventCodec } from '@sleutel/eventsourcing';
import { DataSubject } from './data-subject';
import { destroyKeysOfErased } from './erased-keys';
import { InMemoryKeyStore } from './in-memory/in-memory-key-store.adapter';
import { assertKeyStoreFitsLog } from './key-store-fit';
import { MasterKey } from './master-key';
import { personalDataCodec } from './personal-data.codec';
import { KeyStoreMismatchError, KeyStoreOlderThanLogError } from './privacy.errors';
import { eventFor, metadataFor } from './testing/privacy-events';

const newcomer = (): DataSubject => ({ type: 'newcomer', id: randomUUID() });

/** A log written with `keys`: a scoring policy first (no personal data), then each newcomer's registration, sealed. */
async function logOf(
  keys: InMemoryKeyStore, subjects: readonly DataSubject[], erased: readonly DataSubject[] = [], store: InMemoryEventStore = new InMemoryEventStore(),
): Promise<InMemoryEventStore> {
  const codec = personalDataCodec(keys);
  await store.append('scoring-policy', [eventFor(null, { version: 1 }, 'ScoringPolicyPublished')], ANY);
  for (const subject of subjects) await register(store, codec, subject);
  for (const subject of erased) await erase(store, subject);
  return store;
}

async function register(store: EventStore, codec: EventCodec, subject: DataSubject): Promise<void> {
  await store.append(`newcomer-${subject.id}`, [await codec.encode(eventFor(subject, { newcomerId: subject.id, displayName: 'Amal Haddad' }))], ANY);
}

async function erase(store: EventStore, subject: DataSubject): Promise<void> {
  await store.append(`newcomer-${subject.id}`, [{
    id: randomUUID(), type: 'NewcomerErased', schemaVersion: 1, data: { newcomerId: subject.id, erasedAt: '2026-11-30T09:00:00.000Z', basis: 'data-subject-request' },
    metadata: metadataFor(subject),
  }], ANY);
}

/** A copy of the key store as it is now: a backup of it. */
const backupOf = (keys: InMemoryKeyStore, master: MasterKey): InMemoryKeyStore => new InMemoryKeyStore(master, new Map(keys.values));

describe('assertKeyStoreFitsLog', () => {
  const master = MasterKey.generate();

  it('passes the key store the log was written with, and a log without personal data', async () => {
    const keys = new InMemoryKeyStore(master);
    await expect(assertKeyStoreFitsLog(await logOf(keys, [newcomer(), newcomer()]), personalDataCodec(keys))).resolves.toBeUndefined();
    await expect(assertKeyStoreFitsLog(await logOf(keys, []), personalDataCodec(keys))).resolves.toBeUndefined();
  });

  it('refuses a key store made anew (or another installation\'s), naming the first person it cannot open', async () => {
    const [amal, yonas] = [newcomer(), newcomer()];
    const log = await logOf(new InMemoryKeyStore(master), [amal, yonas]);
    const fresh = new InMemoryKeyStore(master);
    const refused = assertKeyStoreFitsLog(log, personalDataCodec(fresh));
    await expect(refused).rejects.toBeInstanceOf(KeyStoreMismatchError);
    await expect(refused).rejects.toThrow(`personal data of newcomer ${amal.id}`);
  });

  it('passes over people erased since, whose tombstones a fresh key store gets at start, and judges by the first one not erased', async () => {
    const [erased, living] = [newcomer(), newcomer()];
    const log = await logOf(new InMemoryKeyStore(master), [erased, living], [erased]);
    const fresh = new InMemoryKeyStore(master);
    await destroyKeysOfErased(log, fresh);
    await expect(assertKeyStoreFitsLog(log, personalDataCodec(fresh))).rejects.toThrow(`personal data of newcomer ${living.id}`);

    // With only erased people in the log there is nobody to judge by: it passes.
    const onlyErased = await logOf(new InMemoryKeyStore(master), [erased], [erased]);
    const another = new InMemoryKeyStore(master);
    await destroyKeysOfErased(onlyErased, another);
    await expect(assertKeyStoreFitsLog(onlyErased, personalDataCodec(another))).resolves.toBeUndefined();
  });

  it('refuses a key store older than the log (the first people open, the newest do not), naming the newest without a key and counting them', async () => {
    const keys = new InMemoryKeyStore(master);
    const codec = personalDataCodec(keys);
    const [amal, yonas, sara, omar] = [newcomer(), newcomer(), newcomer(), newcomer()];
    const log = await logOf(keys, [amal, yonas]);
    const backup = backupOf(keys, master);
    for (const subject of [sara, omar]) await register(log, codec, subject);
    // A change of an old person after them is not where the walk back stops: a registration is.
    await log.append(`newcomer-${amal.id}`, [await codec.encode(eventFor(amal, { newcomerId: amal.id, notes: 'Prefers mornings.' }, 'NewcomerNotesChanged'))], ANY);

    const refused = assertKeyStoreFitsLog(log, personalDataCodec(backup));
    await expect(refused).rejects.toBeInstanceOf(KeyStoreOlderThanLogError);
    await expect(refused).rejects.toThrow(`personal data of newcomer ${omar.id}`);
    await expect(refused).rejects.toThrow('the key store looks older than the log (2 people among those registered last have no key in it)');
    await expect(assertKeyStoreFitsLog(log, codec)).resolves.toBeUndefined();
  });

  it('passes over the people registered after the backup and erased since (the start-up pass gives them tombstones)', async () => {
    const keys = new InMemoryKeyStore(master);
    const codec = personalDataCodec(keys);
    const [amal, sara, omar] = [newcomer(), newcomer(), newcomer()];
    const log = await logOf(keys, [amal]);
    const backup = backupOf(keys, master);
    const laterBackup = () => backupOf(backup, master);
    for (const subject of [sara, omar]) await register(log, codec, subject);
    await erase(log, sara);

    // Omar is not erased: named, Sara passed over.
    const refused = laterBackup();
    await destroyKeysOfErased(log, refused);
    await expect(assertKeyStoreFitsLog(log, personalDataCodec(refused))).rejects.toThrow(/personal data of newcomer [0-9a-f-]{36}, .*\(one person among those registered last has no key/s);
    await expect(assertKeyStoreFitsLog(log, personalDataCodec(refused))).rejects.toThrow(omar.id);

    // Both erased: nobody registered since the backup is left to open, and it passes.
    await erase(log, omar);
    const passed = laterBackup();
    await destroyKeysOfErased(log, passed);
    await expect(assertKeyStoreFitsLog(log, personalDataCodec(passed))).resolves.toBeUndefined();
  });

  it('reads at most 20 pages of 500 events from each end, however long the log', async () => {
    const keys = new InMemoryKeyStore(master);
    const codec = personalDataCodec(keys);
    const log = new CountingEventStore();
    const amal = newcomer();
    await register(log, codec, amal);
    // 30,000 events without personal data after the only registration: the walk back gives up before reaching it.
    for (let i = 0; i < 300; i += 1) {
      await log.append(`scoring-policy-${i}`, Array.from({ length: 100 }, () => eventFor(null, { version: i }, 'ScoringPolicyPublished')), ANY);
    }
    log.eventsRead = 0;
    await expect(assertKeyStoreFitsLog(log, codec)).resolves.toBeUndefined();
    expect(log.eventsRead).toBe(500 + 20 * 500);
    // A registration near the head: the walk back stops there.
    await register(log, codec, newcomer());
    log.eventsRead = 0;
    await expect(assertKeyStoreFitsLog(log, codec)).resolves.toBeUndefined();
    expect(log.eventsRead).toBe(500 + 500);
  });
});

/** A real in-memory log that counts the events its log reads hand out. */
class CountingEventStore extends InMemoryEventStore {
  eventsRead = 0;

  override async readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    const events = await super.readAll(options);
    this.eventsRead += events.length;
    return events;
  }

  override async readAllBackwards(options: ReadAllBackwardsOptions): Promise<RecordedEvent[]> {
    const events = await super.readAllBackwards(options);
    this.eventsRead += events.length;
    return events;
  }
}
