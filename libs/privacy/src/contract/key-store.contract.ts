import { randomUUID } from 'node:crypto';
import { DataSubject, DataSubjectType } from '../data-subject';
import { KeyLookup, KeyStore, Tombstone } from '../key-store.port';
import { MasterKey, WrappedKey } from '../master-key';
import { MasterKeyMismatchError } from '../privacy.errors';

/** What each adapter's spec hands the contract suite: one fresh storage per test. */
export interface KeyStoreContractSubject {
  /** Another store instance (connection, client) on this test's storage. */
  open(masterKey: MasterKey): Promise<KeyStore>;
  /** Every byte the storage keeps, as one buffer to search for keys in clear. */
  persistedBytes(): Promise<Buffer>;
  dispose(): Promise<void>;
}

export type KeyStoreContractFactory = () => Promise<KeyStoreContractSubject>;

const newcomer = (): DataSubject => subjectOf('newcomer');
const subjectOf = (type: DataSubjectType, id: string = randomUUID()): DataSubject => ({ type, id });

/** Every tombstone the store lists, page by page, each once (Redis's SCAN may answer one twice), and how many pages it took. */
async function allTombstones(store: KeyStore, limit: number): Promise<{ tombstones: Tombstone[]; pages: number }> {
  const found = new Map<string, Tombstone>();
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page = await store.listTombstones(cursor, limit);
    for (const tombstone of page.tombstones) found.set(`${tombstone.subject.type}:${tombstone.subject.id}`, tombstone);
    cursor = page.next;
    pages += 1;
  } while (cursor !== null);
  return { tombstones: [...found.values()], pages };
}

const bySubject = (a: Tombstone, b: Tombstone): number => `${a.subject.type}:${a.subject.id}`.localeCompare(`${b.subject.type}:${b.subject.id}`);

function keyOf(lookup: KeyLookup | null): Buffer {
  if (lookup?.status !== 'active') throw new Error(`Expected an active key, got ${JSON.stringify(lookup)}`);
  return lookup.key.bytes;
}

/**
 * The one behaviour every `KeyStore` adapter must show (issue 6). Each
 * adapter's spec calls this with a factory of fresh storage per test.
 */
export function describeKeyStoreContract(name: string, factory: KeyStoreContractFactory): void {
  describe(`${name}: key-store contract`, () => {
    let subject: KeyStoreContractSubject | null = null;
    let opened: KeyStore[] = [];
    let masterKey: MasterKey;

    beforeEach(async () => {
      masterKey = MasterKey.generate();
      subject = await factory();
    });

    afterEach(async () => {
      for (const store of opened) await store.close();
      opened = [];
      await subject?.dispose();
      subject = null;
    });

    async function open(key: MasterKey = masterKey): Promise<KeyStore> {
      if (subject === null) throw new Error('Only inside a test');
      const store = await subject.open(key);
      opened.push(store);
      return store;
    }

    it('creates a 32-byte key on first use and answers the same one afterwards', async () => {
      const store = await open();
      const amal = newcomer();
      const created = await store.getOrCreate(amal);
      expect(created).toMatchObject({ status: 'active', key: { version: 1 } });
      expect(keyOf(created)).toHaveLength(32);
      expect(keyOf(await store.get(amal))).toEqual(keyOf(created));
      expect(keyOf(await store.getOrCreate(amal))).toEqual(keyOf(created));
    });

    it('keeps the position erasures were checked through, only ever raising it, across a reopen', async () => {
      const store = await open();
      expect(await store.erasuresCheckedThrough()).toBeNull();
      await store.markErasuresCheckedThrough(41);
      await store.markErasuresCheckedThrough(7);
      expect(await store.erasuresCheckedThrough()).toBe(41);
      await store.markErasuresCheckedThrough(1_000_000_000_123);
      expect(await (await open()).erasuresCheckedThrough()).toBe(1_000_000_000_123);
    });

    it('answers null for a subject that never had a key', async () => {
      const store = await open();
      expect(await store.get(newcomer())).toBeNull();
    });

    it('gives every subject a key of its own, also for one id under both subject types', async () => {
      const store = await open();
      const id = randomUUID();
      const subjects = [subjectOf('newcomer', id), subjectOf('key-person', id), newcomer(), subjectOf('key-person')];
      const keys = await Promise.all(subjects.map(async (one) => keyOf(await store.getOrCreate(one)).toString('hex')));
      expect(new Set(keys).size).toBe(subjects.length);
    });

    it('keeps keys when the store is closed and opened again', async () => {
      const amal = newcomer();
      const first = await open();
      const created = keyOf(await first.getOrCreate(amal));
      await first.close();
      const reopened = await open();
      expect(keyOf(await reopened.get(amal))).toEqual(created);
    });

    it('gives one key to first uses racing from two instances', async () => {
      const [first, second] = [await open(), await open()];
      const amal = newcomer();
      const answers = await Promise.all(Array.from({ length: 10 }, (_, index) => (index % 2 === 0 ? first : second).getOrCreate(amal)));
      const keys = new Set(answers.map((answer) => keyOf(answer).toString('hex')));
      expect(keys.size).toBe(1);
      expect(keyOf(await second.get(amal)).toString('hex')).toBe([...keys][0]);
    });

    it('destroys idempotently, from any instance', async () => {
      const [first, second] = [await open(), await open()];
      const amal = newcomer();
      await first.getOrCreate(amal);
      const destroyed = await first.destroy(amal);
      expect(destroyed.alreadyDestroyed).toBe(false);
      expect(Number.isNaN(Date.parse(destroyed.destroyedAt))).toBe(false);
      expect(await first.destroy(amal)).toEqual({ destroyedAt: destroyed.destroyedAt, alreadyDestroyed: true });
      expect(await second.destroy(amal)).toEqual({ destroyedAt: destroyed.destroyedAt, alreadyDestroyed: true });
    });

    it('never gives a destroyed key back, nor a new one in its place', async () => {
      const [first, second] = [await open(), await open()];
      const amal = newcomer();
      await first.getOrCreate(amal);
      await second.destroy(amal);
      for (const store of [first, second, await open()]) {
        expect(await store.get(amal)).toEqual({ status: 'destroyed', destroyedAt: expect.any(String) });
        expect(await store.getOrCreate(amal)).toEqual({ status: 'destroyed', destroyedAt: expect.any(String) });
      }
    });

    it('tombstones a subject that never had a key, so none is created later', async () => {
      const store = await open();
      const amal = newcomer();
      expect((await store.destroy(amal)).alreadyDestroyed).toBe(false);
      expect((await store.getOrCreate(amal)).status).toBe('destroyed');
    });

    it('lists no tombstone while none was made, and no subject whose key is active', async () => {
      const store = await open();
      await store.getOrCreate(newcomer());
      await store.markErasuresCheckedThrough(3);
      expect((await allTombstones(store, 10)).tombstones).toEqual([]);
    });

    it('lists every tombstone, page by page from any instance, with when the key was destroyed, and only tombstones', async () => {
      const [first, second] = [await open(), await open()];
      const id = randomUUID();
      const held = [subjectOf('newcomer', id), subjectOf('key-person', id), newcomer(), subjectOf('key-person'), newcomer()];
      for (const one of held) await first.getOrCreate(one);
      const destroyed = [held[0], held[1], held[3], newcomer()]; // the last never had a key
      const expected: Tombstone[] = [];
      for (const one of destroyed) expected.push({ subject: one, destroyedAt: (await first.destroy(one)).destroyedAt });

      const listed = await allTombstones(second, 2);
      expect(listed.tombstones.sort(bySubject)).toEqual(expected.sort(bySubject));
      // Redis's SCAN pages the whole server's keys, so a count of pages says nothing there; elsewhere 4 in pages of 2.
      expect(listed.pages).toBeGreaterThan(1);
      expect((await allTombstones(second, 1_000)).tombstones.sort(bySubject)).toEqual(expected);
    });

    it('leaves other subjects alone when one is destroyed', async () => {
      const store = await open();
      const [amal, yonas] = [newcomer(), subjectOf('key-person')];
      const kept = keyOf(await store.getOrCreate(yonas));
      await store.getOrCreate(amal);
      await store.destroy(amal);
      expect(keyOf(await store.get(yonas))).toEqual(kept);
    });

    it('refuses to work under another master key than the one it was written under, and says so', async () => {
      const amal = newcomer();
      await (await open()).getOrCreate(amal);
      const other = MasterKey.generate();
      // Refusing at open or at first use are both fine: opened under the wrong key, the store must not work.
      const underOther = async <T>(use: (store: KeyStore) => Promise<T>): Promise<T> => use(await open(other));
      await expect(underOther((store) => store.get(amal))).rejects.toThrow(MasterKeyMismatchError);
      await expect(underOther((store) => store.getOrCreate(newcomer()))).rejects.toThrow(
        `written under master key ${masterKey.id}, but the configured master key is ${other.id}`,
      );
      expect((await (await open()).get(amal))?.status).toBe('active');
    });

    it('never stores a key in clear, in any encoding', async () => {
      const store = await open();
      const keys = await Promise.all(Array.from({ length: 5 }, async () => keyOf(await store.getOrCreate(newcomer()))));
      const persisted = await subject!.persistedBytes();
      expect(persisted.length).toBeGreaterThan(0);
      for (const key of keys) {
        for (const encoded of encodings(key)) expect(persisted.includes(encoded)).toBe(false);
      }
    });

    it('keeps no copy of a destroyed key, not even wrapped', async () => {
      const wraps = jest.spyOn(masterKey, 'wrap');
      const store = await open();
      const amal = newcomer();
      await store.getOrCreate(amal);
      const wrapped = wraps.mock.results.map((result) => result.value as WrappedKey);
      expect(wrapped).toHaveLength(1);
      await store.destroy(amal);
      const persisted = await subject!.persistedBytes();
      for (const encoded of encodings(wrapped[0].ciphertext)) expect(persisted.includes(encoded)).toBe(false);
    });
  });
}

function encodings(bytes: Buffer): Buffer[] {
  return [bytes, Buffer.from(bytes.toString('hex')), Buffer.from(bytes.toString('base64')), Buffer.from(bytes.toString('base64url'))];
}
