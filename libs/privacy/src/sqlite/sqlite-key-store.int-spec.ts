import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeKeyStoreContract } from '../contract/key-store.contract';
import { MasterKey } from '../master-key';
import { KeyStoreUnavailableError } from '../privacy.errors';
import { SqliteKeyStore } from './sqlite-key-store.adapter';
import { raceKeyCreators } from './testing/key-creators';

let directory: string;

beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), 'sleutel-key-store-'));
});

afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

/** A file of its own per test, in a directory the store has to create. */
const freshFile = (): string => join(directory, randomUUID(), 'keys.sqlite');

/** The database file with its WAL and shared-memory index: everything SQLite keeps on disk. */
function persistedBytes(file: string): Buffer {
  return Buffer.concat([file, `${file}-wal`, `${file}-shm`].filter(existsSync).map((path) => readFileSync(path)));
}

describeKeyStoreContract('SqliteKeyStore', async () => {
  const file = freshFile();
  return {
    // Each instance is a connection of its own on the file.
    open: async (masterKey) => SqliteKeyStore.open(file, masterKey),
    persistedBytes: async () => persistedBytes(file),
    dispose: async () => undefined,
  };
});

describe('SqliteKeyStore on a file', () => {
  it('runs in WAL mode with synchronous=FULL and secure_delete', async () => {
    const store = SqliteKeyStore.open(freshFile(), MasterKey.generate());
    try {
      expect(store.database.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(store.database.pragma('synchronous', { simple: true })).toBe(2);
      expect(store.database.pragma('secure_delete', { simple: true })).toBe(1);
    } finally {
      await store.close();
    }
  });

  it('commits the keys of concurrent requests together: one transaction, one key per subject', async () => {
    const store = SqliteKeyStore.open(freshFile(), MasterKey.generate());
    try {
      store.database.pragma('wal_checkpoint(TRUNCATE)');
      const subjects = Array.from({ length: 50 }, (_, i) => ({ type: 'newcomer' as const, id: `group-${i}` }));
      // The first subject twice in the same group: both callers must get the same key.
      const answers = await Promise.all([...subjects, subjects[0]].map((subject) => store.getOrCreate(subject)));
      expect(answers.every((answer) => answer.status === 'active')).toBe(true);
      const bytes = answers.map((answer) => (answer.status === 'active' ? answer.key.bytes.toString('hex') : ''));
      expect(bytes[50]).toBe(bytes[0]);
      expect(new Set(bytes).size).toBe(50);
      // Fifty transactions would write at least fifty frames to the WAL (each commits its page); one writes a handful.
      const [{ log }] = store.database.pragma('wal_checkpoint(PASSIVE)') as { log: number }[];
      expect(log).toBeGreaterThan(0);
      expect(log).toBeLessThan(20);
      // And they are durable: another connection reads each of them back.
      const other = SqliteKeyStore.open(store.database.name, (store as unknown as { masterKey: MasterKey }).masterKey);
      try {
        const again = await Promise.all(subjects.map((subject) => other.get(subject)));
        expect(again.map((answer) => (answer?.status === 'active' ? answer.key.bytes.toString('hex') : null))).toEqual(bytes.slice(0, 50));
      } finally {
        await other.close();
      }
    } finally {
      await store.close();
    }
  });

  it('refuses to make keys on a full disk as a retryable KeyStoreUnavailableError that says so, makes none, and makes them once there is room', async () => {
    const store = SqliteKeyStore.open(freshFile(), MasterKey.generate());
    try {
      const subjects = Array.from({ length: 200 }, (_, i) => ({ type: 'newcomer' as const, id: `full-${i}` }));
      // SQLITE_FULL from SQLite itself: the file may not grow by a page (a disk without space gives the same code).
      store.database.pragma(`max_page_count = ${store.database.pragma('page_count', { simple: true }) as number}`);
      const outcomes = await Promise.allSettled(subjects.map((subject) => store.getOrCreate(subject)));
      const refused = outcomes.filter((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
      expect(refused.length).toBeGreaterThan(0);
      for (const { reason } of refused) {
        expect(reason).toBeInstanceOf(KeyStoreUnavailableError);
        expect(reason).toMatchObject({ reason: 'disk-full', retryAfterSeconds: 30, message: expect.stringContaining('SQLITE_FULL') });
      }
      // Those refused have no key; those that fitted before the file was full have theirs.
      const held = await Promise.all(subjects.map((subject) => store.get(subject)));
      outcomes.forEach((outcome, index) => expect(held[index] === null).toBe(outcome.status === 'rejected'));
      // Each refusal counted (/metrics), those of a group refused whole too.
      expect(store.writesRefused()).toBe(refused.length);

      store.database.pragma('max_page_count = 1073741823');
      const again = await Promise.all(subjects.map((subject) => store.getOrCreate(subject)));
      expect(again.every((answer) => answer.status === 'active')).toBe(true);
    } finally {
      await store.close();
    }
  });

  it('zeroes the destroyed key out of the file and the WAL while another connection is open', async () => {
    const file = freshFile();
    const masterKey = MasterKey.generate();
    const wraps = jest.spyOn(masterKey, 'wrap');
    const [store, other] = [SqliteKeyStore.open(file, masterKey), SqliteKeyStore.open(file, masterKey)];
    try {
      const amal = { type: 'newcomer' as const, id: randomUUID() };
      await store.getOrCreate(amal);
      await other.getOrCreate({ type: 'key-person', id: randomUUID() });
      const { ciphertext } = wraps.mock.results[0].value as { ciphertext: Buffer };
      expect(persistedBytes(file).includes(ciphertext)).toBe(true);
      await store.destroy(amal);
      expect(persistedBytes(file).includes(ciphertext)).toBe(false);
      expect(existsSync(`${file}-wal`) ? readFileSync(`${file}-wal`).length : 0).toBe(0);
    } finally {
      await store.close();
      await other.close();
    }
  });

  it('gives one key to processes racing to create it', async () => {
    const file = freshFile();
    const masterKey = MasterKey.fromBytes(Buffer.alloc(32, 7));
    const encoded = Buffer.alloc(32, 7).toString('base64');
    const id = randomUUID();
    const fingerprints = await raceKeyCreators(Array.from({ length: 4 }, () => [file, encoded, 'newcomer', id]));
    expect(new Set(fingerprints).size).toBe(1);
    expect(fingerprints[0]).toMatch(/^[0-9a-f]{64}$/);
    const store = SqliteKeyStore.open(file, masterKey);
    try {
      expect(await store.get({ type: 'newcomer', id })).toMatchObject({ status: 'active' });
    } finally {
      await store.close();
    }
  }, 60_000);
});
