import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { describeKeyStoreContract } from '../contract/key-store.contract';
import { MasterKey } from '../master-key';
import { KeyStoreUnavailableError } from '../privacy.errors';
import { RedisKeyStore } from './redis-key-store.adapter';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

let inspector: Redis;

beforeAll(() => {
  inspector = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
});

afterAll(async () => {
  await inspector.quit();
});

/** Every key under the prefix, name and value: what Redis keeps (and persists) for this test. */
async function keysUnder(prefix: string): Promise<Map<string, Buffer>> {
  const names = await inspector.keys(`${prefix}*`);
  const values = await Promise.all(names.map((name) => inspector.getBuffer(name)));
  return new Map(names.map((name, index) => [name, values[index] ?? Buffer.alloc(0)]));
}

describeKeyStoreContract('RedisKeyStore', async () => {
  // A prefix of its own per test, on the shared server; each instance is a client of its own.
  const prefix = `test-data-key:${randomUUID()}:`;
  return {
    open: async (masterKey) => RedisKeyStore.connect(REDIS_URL, masterKey, { prefix }),
    persistedBytes: async () => Buffer.concat([...(await keysUnder(prefix))].flatMap(([name, value]) => [Buffer.from(name), value])),
    dispose: async () => {
      const names = [...(await keysUnder(prefix)).keys()];
      if (names.length > 0) await inspector.del(...names);
    },
  };
});

describe('RedisKeyStore on a server', () => {
  it('keeps one string per subject under its prefix: the wrapped key, then only a tombstone', async () => {
    const prefix = `test-data-key:${randomUUID()}:`;
    const masterKey = MasterKey.generate();
    const store = RedisKeyStore.connect(REDIS_URL, masterKey, { prefix, now: () => new Date('2026-12-01T10:00:00.000Z') });
    const id = randomUUID();
    try {
      await store.getOrCreate({ type: 'newcomer', id });
      const active = JSON.parse((await inspector.get(`${prefix}newcomer:${id}`))!) as Record<string, unknown>;
      expect(active).toEqual({
        s: 'active', kv: 1, mk: masterKey.id, iv: expect.any(String), ct: expect.any(String), tag: expect.any(String), at: '2026-12-01T10:00:00.000Z',
      });
      await store.destroy({ type: 'newcomer', id });
      expect(JSON.parse((await inspector.get(`${prefix}newcomer:${id}`))!)).toEqual({ s: 'destroyed', at: '2026-12-01T10:00:00.000Z' });
      expect([...(await keysUnder(prefix)).keys()].sort()).toEqual([`${prefix}master-key-id`, `${prefix}newcomer:${id}`]);
    } finally {
      await store.close();
      await inspector.del(...(await keysUnder(prefix)).keys());
    }
  });

  it('answers a retryable error when Redis cannot be reached', async () => {
    const store = RedisKeyStore.connect('redis://127.0.0.1:1', MasterKey.generate());
    try {
      await expect(store.get({ type: 'newcomer', id: randomUUID() })).rejects.toThrow(KeyStoreUnavailableError);
    } finally {
      await store.close();
    }
  });
});
