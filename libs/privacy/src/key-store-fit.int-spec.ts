import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ANY, SqliteEventStore } from '@sleutel/event-store';
import { DataSubject } from './data-subject';
import { destroyKeysOfErased } from './erased-keys';
import { assertKeyStoreFitsLog } from './key-store-fit';
import { MasterKey } from './master-key';
import { personalDataCodec } from './personal-data.codec';
import { KeyStoreOlderThanLogError } from './privacy.errors';
import { SqliteKeyStore } from './sqlite/sqlite-key-store.adapter';
import { eventFor, metadataFor } from './testing/privacy-events';

/**
 * The start-up check on the embedded files: an events.sqlite and the
 * keys.sqlite it was written with, and a backup of the key store taken with
 * SQLite's backup API before the last registrations, as an operator restoring
 * last night's key store beside today's log would start with.
 */
describe('assertKeyStoreFitsLog on SQLite files', () => {
  const master = MasterKey.generate();
  let directory: string;

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'sleutel-key-store-fit-'));
  });

  afterEach(() => {
    rmSync(directory, { recursive: true, force: true });
  });

  const newcomer = (): DataSubject => ({ type: 'newcomer', id: randomUUID() });

  it('refuses a key store restored from before the last registrations, naming the newest not erased since, and passes the log\'s own', async () => {
    const log = SqliteEventStore.open(join(directory, 'events.sqlite'));
    const keys = SqliteKeyStore.open(join(directory, 'keys.sqlite'), master);
    const codec = personalDataCodec(keys);
    const register = async (subject: DataSubject) =>
      log.append(`newcomer-${subject.id}`, [await codec.encode(eventFor(subject, { newcomerId: subject.id, displayName: 'Amal Haddad' }))], ANY);
    const erase = async (subject: DataSubject) => {
      await log.append(`newcomer-${subject.id}`, [{
        id: randomUUID(), type: 'NewcomerErased', schemaVersion: 1, data: { newcomerId: subject.id, erasedAt: '2026-12-01T09:00:00.000Z', basis: 'data-subject-request' },
        metadata: metadataFor(subject),
      }], ANY);
      await keys.destroy(subject);
    };

    const first = [newcomer(), newcomer(), newcomer()];
    for (const subject of first) await register(subject);
    await keys.database.backup(join(directory, 'keys-backup.sqlite'));
    const [erasedSince, registeredSince, lastRegistered] = [newcomer(), newcomer(), newcomer()];
    for (const subject of [registeredSince, erasedSince, lastRegistered]) await register(subject);
    await erase(erasedSince);
    await erase(lastRegistered);
    const head = await log.headPosition();

    // The backup as the key store, after the start-up pass that tombstones those erased in the log.
    const restored = SqliteKeyStore.open(join(directory, 'keys-backup.sqlite'), master);
    try {
      await destroyKeysOfErased(log, restored);
      const refused = assertKeyStoreFitsLog(log, personalDataCodec(restored));
      await expect(refused).rejects.toBeInstanceOf(KeyStoreOlderThanLogError);
      await expect(refused).rejects.toThrow(`personal data of newcomer ${registeredSince.id}, but the key store has no key for it`);
      await expect(refused).rejects.toThrow('(one person among those registered last has no key in it)');
      await expect(refused).rejects.toThrow('Restore a key store at least as new as the log');
    } finally {
      await restored.close();
    }

    // The log's own key store passes; the check appended nothing.
    await expect(assertKeyStoreFitsLog(log, codec)).resolves.toBeUndefined();
    expect(await log.headPosition()).toBe(head);
    await keys.close();
    await log.close();
  });
});
