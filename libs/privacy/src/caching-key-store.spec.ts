import { randomUUID } from 'node:crypto';
import { CachingKeyStore } from './caching-key-store';
import { DataSubject } from './data-subject';
import { InMemoryKeyStore } from './in-memory/in-memory-key-store.adapter';
import { KeyStore } from './key-store.port';
import { MasterKey } from './master-key';

const newcomer = (): DataSubject => ({ type: 'newcomer', id: randomUUID() });

/** An in-memory store that counts what reaches it. */
function countingStore(): { store: KeyStore; calls: { get: number; getOrCreate: number } } {
  const inner = new InMemoryKeyStore(MasterKey.generate());
  const calls = { get: 0, getOrCreate: 0 };
  const store: KeyStore = {
    get: (subject) => ((calls.get += 1), inner.get(subject)),
    getOrCreate: (subject) => ((calls.getOrCreate += 1), inner.getOrCreate(subject)),
    destroy: (subject) => inner.destroy(subject),
    erasuresCheckedThrough: () => inner.erasuresCheckedThrough(),
    markErasuresCheckedThrough: (position) => inner.markErasuresCheckedThrough(position),
    listTombstones: (cursor, limit) => inner.listTombstones(cursor, limit),
    close: () => inner.close(),
  };
  return { store, calls };
}

/** A store holding a key for `subject` whose `get` answers only once `release.now()` is called. */
async function slowStoreHolding(subject: DataSubject): Promise<{ slow: KeyStore; release: { now: () => void } }> {
  const inner = new InMemoryKeyStore(MasterKey.generate());
  await inner.getOrCreate(subject);
  const release = { now: (): void => undefined };
  const slow: KeyStore = {
    get: async (asked) => {
      const answer = await inner.get(asked);
      await new Promise<void>((resolve) => (release.now = resolve));
      return answer;
    },
    destroy: (asked) => inner.destroy(asked),
    getOrCreate: (asked) => inner.getOrCreate(asked),
    erasuresCheckedThrough: () => inner.erasuresCheckedThrough(),
    markErasuresCheckedThrough: (position) => inner.markErasuresCheckedThrough(position),
    listTombstones: (cursor, limit) => inner.listTombstones(cursor, limit),
    close: () => inner.close(),
  };
  return { slow, release };
}

describe('CachingKeyStore', () => {
  it('asks the store once per subject, and once for racing first uses', async () => {
    const { store, calls } = countingStore();
    const cache = new CachingKeyStore(store);
    const amal = newcomer();
    const answers = await Promise.all([cache.getOrCreate(amal), cache.getOrCreate(amal), cache.getOrCreate(amal)]);
    await cache.get(amal);
    expect(calls).toEqual({ get: 0, getOrCreate: 1 });
    expect(new Set(answers).size).toBe(1);
  });

  it('asks the store once for lookups of one subject that overlap, as when a stream\'s events are opened side by side', async () => {
    const { store, calls } = countingStore();
    const cache = new CachingKeyStore(store);
    const [amal, bilal] = [newcomer(), newcomer()];
    await store.getOrCreate(amal);
    const answers = await Promise.all([cache.get(amal), cache.get(amal), cache.get(bilal), cache.get(amal), cache.get(bilal)]);
    expect(calls.get).toBe(2);
    expect(answers[0]).toMatchObject({ status: 'active' });
    expect(answers.slice(1, 2)).toEqual([answers[0]]);
    expect(answers[3]).toBe(answers[0]);
    expect([answers[2], answers[4]]).toEqual([null, null]);
  });

  it('asks anew for a lookup that begins after a destroy began, rather than share one that began before it', async () => {
    const amal = newcomer();
    const { slow, release } = await slowStoreHolding(amal);
    const cache = new CachingKeyStore(slow);
    const before = cache.get(amal);
    await new Promise((resolve) => setImmediate(resolve));
    const releaseBefore = release.now;
    const destroying = cache.destroy(amal);
    const after = cache.get(amal);
    await new Promise((resolve) => setImmediate(resolve));
    releaseBefore();
    release.now();
    await destroying;
    expect(await before).toMatchObject({ status: 'active' });
    expect(await after).toMatchObject({ status: 'destroyed' });
  });

  it('does not remember that a subject has no key yet: another process may create it', async () => {
    const { store, calls } = countingStore();
    const cache = new CachingKeyStore(store);
    const amal = newcomer();
    expect(await cache.get(amal)).toBeNull();
    await store.getOrCreate(amal);
    expect((await cache.get(amal))?.status).toBe('active');
    expect(calls.get).toBe(2);
  });

  it('drops a key the moment it is destroyed through it, and keeps the tombstone for good', async () => {
    let now = 0;
    const { store, calls } = countingStore();
    const cache = new CachingKeyStore(store, { ttlMs: 1_000, now: () => now });
    const amal = newcomer();
    await cache.getOrCreate(amal);
    await cache.destroy(amal);
    expect((await cache.get(amal))?.status).toBe('destroyed');
    now += 1_000_000;
    expect((await cache.getOrCreate(amal)).status).toBe('destroyed');
    expect(calls).toEqual({ get: 0, getOrCreate: 1 });
  });

  it('asks again once a key has been cached for its time to live, so erasures elsewhere take effect', async () => {
    let now = 0;
    const { store } = countingStore();
    const cache = new CachingKeyStore(store, { ttlMs: 1_000, now: () => now });
    const amal = newcomer();
    await cache.getOrCreate(amal);
    await store.destroy(amal); // in another process, past this cache
    now += 999;
    expect((await cache.get(amal))?.status).toBe('active');
    now += 1;
    expect((await cache.get(amal))?.status).toBe('destroyed');
  });

  it('does not cache a key fetched while a destroy was under way', async () => {
    const amal = newcomer();
    const { slow, release } = await slowStoreHolding(amal);
    const cache = new CachingKeyStore(slow);
    const stale = cache.get(amal);
    await new Promise((resolve) => setImmediate(resolve));
    await cache.destroy(amal);
    release.now();
    expect((await stale)?.status).toBe('active');
    expect((await cache.getOrCreate(amal)).status).toBe('destroyed');
  });

  it('treats a subject as erased once its erasure is seen in the log, though the store still holds its key, and for good', async () => {
    let now = 0;
    const { store, calls } = countingStore();
    const cache = new CachingKeyStore(store, { ttlMs: 1_000, now: () => now });
    const amal = newcomer();
    const other = newcomer();
    await cache.getOrCreate(amal);
    await cache.getOrCreate(other);
    cache.forgetErased(amal, '2026-11-29T12:00:00.000Z');
    expect(await cache.get(amal)).toEqual({ status: 'destroyed', destroyedAt: '2026-11-29T12:00:00.000Z' });
    expect((await cache.getOrCreate(amal)).status).toBe('destroyed');
    now += 10_000;
    expect((await cache.get(amal))?.status).toBe('destroyed');
    expect((await store.get(amal))?.status).toBe('active');
    expect((await cache.get(other))?.status).toBe('active');
    expect(calls.getOrCreate).toBe(2);
  });

  it('does not cache a key fetched while an erasure was seen', async () => {
    const amal = newcomer();
    const { slow, release } = await slowStoreHolding(amal);
    const cache = new CachingKeyStore(slow);
    const crossing = cache.get(amal);
    await new Promise((resolve) => setImmediate(resolve));
    cache.forgetErased(amal, '2026-11-29T12:00:00.000Z');
    release.now();
    await crossing;
    expect((await cache.get(amal))?.status).toBe('destroyed');
  });

  it('keeps at most maxEntries subjects, dropping the least recently used', async () => {
    const { store, calls } = countingStore();
    const cache = new CachingKeyStore(store, { maxEntries: 2 });
    const [a, b, c] = [newcomer(), newcomer(), newcomer()];
    await cache.getOrCreate(a);
    await cache.getOrCreate(b);
    await cache.getOrCreate(a); // a is now the most recent
    await cache.getOrCreate(c); // evicts b
    expect(calls.getOrCreate).toBe(3);
    await cache.getOrCreate(a);
    expect(calls.getOrCreate).toBe(3);
    await cache.getOrCreate(b);
    expect(calls.getOrCreate).toBe(4);
  });

  it('keeps an erasure seen in the log however many other subjects pass through the cache after it', async () => {
    const { store } = countingStore();
    const cache = new CachingKeyStore(store, { maxEntries: 2 });
    const amal = newcomer();
    await cache.getOrCreate(amal);
    // Seen in the log; the erasing process stopped before destroying the key in the store, which still holds it.
    cache.forgetErased(amal, '2026-11-29T12:00:00.000Z');
    for (const other of [newcomer(), newcomer(), newcomer()]) await cache.getOrCreate(other);
    expect(await cache.get(amal)).toEqual({ status: 'destroyed', destroyedAt: '2026-11-29T12:00:00.000Z' });
    expect((await cache.getOrCreate(amal)).status).toBe('destroyed');
    expect((await store.get(amal))?.status).toBe('active');
  });
});
