import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { leftRunning } from '../../../../../libs/event-store/src/testing/left-running';
import { OwnRedisServer } from '../../../../../libs/queue/src/bullmq/testing/own-redis-server';
import { SharedRateLimitStorage } from './rate-limit-storage';

const MINUTE_MS = 60_000;
const LIMIT = 3;

/** Real Redis servers: the suite's own at REDIS_URL for sharing, and one of the test's own to stop and start again. */
describe('SharedRateLimitStorage', () => {
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const opened: SharedRateLimitStorage[] = [];
  const open = async (url: string, prefix: string): Promise<SharedRateLimitStorage> => {
    const storage = await SharedRateLimitStorage.connect(url, prefix);
    opened.push(storage);
    return storage;
  };
  afterEach(() => {
    for (const storage of opened.splice(0)) storage.onApplicationShutdown();
  });
  const hit = (storage: SharedRateLimitStorage, key = 'caller') => storage.increment(key, MINUTE_MS, LIMIT, MINUTE_MS, 'per-token');

  it('counts one caller once across API processes, under its prefix, and blocks for the rest of the minute', async () => {
    const prefix = `test-rate-${randomUUID()}:`;
    const [a, b] = [await open(redisUrl, prefix), await open(redisUrl, prefix)];
    const records = [];
    for (const storage of [a, b, a, b]) records.push(await hit(storage));
    expect(records.map((record) => [record.totalHits, record.isBlocked])).toEqual([[1, false], [2, false], [3, false], [4, true]]);
    expect(records[3].timeToBlockExpire).toBeGreaterThan(55);
    expect(await hit(a, 'someone-else')).toMatchObject({ totalHits: 1, isBlocked: false });
    expect([a.countingIn, b.countingIn]).toEqual(['shared', 'shared']);

    const inspector = new Redis(redisUrl);
    try {
      const keys = await inspector.keys(`${prefix}*`);
      expect(keys.length).toBeGreaterThan(0);
      expect(keys.every((key) => key.startsWith(prefix))).toBe(true);
      await inspector.del(...keys);
    } finally {
      inspector.disconnect();
    }
  });

  it('counts in this process while Redis is down, without waiting for it, and shares again once it is back', async () => {
    const server = await OwnRedisServer.start();
    try {
      const storage = await open(server.url, 'test-rate:');
      expect(await hit(storage)).toMatchObject({ totalHits: 1, isBlocked: false });
      expect(storage.countingIn).toBe('shared');

      await server.kill();
      // Each count is answered (no offline queue, one attempt): none waits for a Redis that is gone, or this would time out.
      const down = [];
      for (let index = 0; index < LIMIT + 1; index++) down.push(await hit(storage, 'during-outage'));
      expect(storage.countingIn).toBe('local');
      expect(down.map((record) => record.isBlocked)).toEqual([false, false, false, true]);

      // The same port again (empty): ioredis reconnects by itself, and the next count is shared.
      await server.restart();
      const deadline = Date.now() + 15_000;
      while (storage.countingIn === 'local' && Date.now() < deadline) {
        await hit(storage, 'after-outage');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(storage.countingIn).toBe('shared');
    } finally {
      await server.kill();
    }
  }, 30_000);

  it('never refuses to count when Redis was never there', async () => {
    const storage = await open('redis://127.0.0.1:1', 'test-rate:');
    const records = [];
    for (let index = 0; index < LIMIT + 1; index++) records.push(await hit(storage));
    expect(records.map((record) => record.isBlocked)).toEqual([false, false, false, true]);
    expect(storage.countingIn).toBe('local');
  });

  it('leaves no timer running once shut down while Redis is away', async () => {
    const server = await OwnRedisServer.start();
    try {
      // ioredis destroys an already closed socket once its disconnect timeout is up: 2 s by default, which held the
      // process open that long after app.close() (and Jest's worker after this suite). The grace is well over ours.
      const left = await leftRunning(async () => {
        const storage = await open(server.url, 'test-rate:');
        await hit(storage);
        await server.kill();
        await hit(storage);
        expect(storage.countingIn).toBe('local');
        opened.splice(opened.indexOf(storage), 1);
        storage.onApplicationShutdown();
      }, 1_500);
      expect(left).toEqual([]);
    } finally {
      await server.kill();
    }
  });
});
