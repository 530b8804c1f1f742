import { randomUUID } from 'node:crypto';
import { ANY, InMemoryEventStore } from '@sleutel/event-store';
import { DataSubject } from './data-subject';
import { destroyKeysOfErased } from './erased-keys';
import { InMemoryKeyStore } from './in-memory/in-memory-key-store.adapter';
import { assertKeyStoreFitsLog } from './key-store-fit';
import { MasterKey } from './master-key';
import { personalDataCodec } from './personal-data.codec';
import { KeyStoreMismatchError } from './privacy.errors';
import { eventFor, metadataFor } from './testing/privacy-events';

const newcomer = (): DataSubject => ({ type: 'newcomer', id: randomUUID() });

/** A log written with `keys`: a scoring policy first (no personal data), then each newcomer's registration, sealed. */
async function logOf(keys: InMemoryKeyStore, subjects: readonly DataSubject[], erased: readonly DataSubject[] = []): Promise<InMemoryEventStore> {
  const store = new InMemoryEventStore();
  const codec = personalDataCodec(keys);
  await store.append('scoring-policy', [eventFor(null, { version: 1 }, 'ScoringPolicyPublished')], ANY);
  for (const subject of subjects) {
    await store.append(`newcomer-${subject.id}`, [await codec.encode(eventFor(subject, { newcomerId: subject.id, displayName: 'Amal Haddad' }))], ANY);
  }
  for (const subject of erased) {
    await store.append(`newcomer-${subject.id}`, [{
      id: randomUUID(), type: 'NewcomerErased', schemaVersion: 1, data: { newcomerId: subject.id, erasedAt: '2026-11-30T09:00:00.000Z', basis: 'data-subject-request' },
      metadata: metadataFor(subject),
    }], ANY);
  }
  return store;
}

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
});
