import { Logger, OnApplicationShutdown } from '@nestjs/common';
import { ThrottlerStorage, ThrottlerStorageService } from '@nestjs/throttler';
import type { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import type { Redis } from 'ioredis';

type StorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/** How long the API's start waits for Redis before it counts in this process until Redis is there. */
const CONNECT_WAIT_MS = 2_000;
/** How long a count may take on Redis before this process counts by itself. */
const REDIS_COMMAND_TIMEOUT_MS = 250;
/**
 * ioredis keeps a timer this long after `disconnect()` for a socket that never
 * reports 'close' again (one already closed while Redis was away): 2 s by
 * default, which held the API open that much longer after `app.close()`.
 */
const DISCONNECT_TIMEOUT_MS = 300;

/**
 * Rate-limit counters shared by every API process through Redis
 * (@nest-lab/throttler-storage-redis), so that N replicas allow each limit
 * once, not N times. When Redis cannot answer (down, restarting, slow) the
 * requests are counted in this process instead — each replica then allows its
 * own limit, as a single process would — rather than refused or held up: a
 * Redis outage must not take the API with it (issue 7: workers and relay
 * already ride one out). Back on Redis with the next request that gets through.
 */
export class SharedRateLimitStorage implements ThrottlerStorage, OnApplicationShutdown {
  private readonly logger = new Logger('rate-limit');
  private readonly shared: ThrottlerStorageRedisService;
  private readonly local = new ThrottlerStorageService();
  private counting: 'shared' | 'local' = 'shared';

  private constructor(private readonly redis: Redis) {
    this.shared = new (require('@nest-lab/throttler-storage-redis') as typeof import('@nest-lab/throttler-storage-redis')).ThrottlerStorageRedisService(redis);
  }

  /**
   * Connects, waiting (bounded) for Redis to be ready so that the first
   * requests are counted where the rest are; a Redis that is down does not
   * hold the API's start up.
   */
  static async connect(redisUrl: string, keyPrefix: string): Promise<SharedRateLimitStorage> {
    // No offline queue and one attempt: while disconnected a count fails at once and is made here instead.
    // ioredis and the Redis storage are loaded only here, when Redis counts (a sixth of a start-up otherwise).
    const redis = new (require('ioredis') as typeof import('ioredis')).Redis(redisUrl, {
      keyPrefix, enableOfflineQueue: false, maxRetriesPerRequest: 1, commandTimeout: REDIS_COMMAND_TIMEOUT_MS, disconnectTimeout: DISCONNECT_TIMEOUT_MS,
    });
    // ioredis reconnects by itself; its errors are reported once per outage below, not per reconnection attempt.
    redis.on('error', () => undefined);
    // Ready, or the first error (nobody there now), or the time is up: whichever comes first.
    await new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        redis.off('ready', done).off('error', done);
        resolve();
      };
      const timer = setTimeout(done, CONNECT_WAIT_MS);
      redis.once('ready', done).once('error', done);
    });
    return new SharedRateLimitStorage(redis);
  }

  /** Where the last request was counted (tests, and the log line when it changes). */
  get countingIn(): 'shared' | 'local' {
    return this.counting;
  }

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<StorageRecord> {
    try {
      const record = await this.shared.increment(key, ttl, limit, blockDuration, throttlerName);
      if (this.counting === 'local') this.logger.log('rate limits: counting on Redis again, shared by every API process');
      this.counting = 'shared';
      return record;
    } catch (error) {
      if (this.counting === 'shared') {
        this.logger.warn(`rate limits: Redis did not answer (${error instanceof Error ? error.message : String(error)}); counting in this process until it does`);
      }
      this.counting = 'local';
      return this.local.increment(key, ttl, limit, blockDuration, throttlerName);
    }
  }

  onApplicationShutdown(): void {
    this.local.onApplicationShutdown();
    this.redis.disconnect(false);
  }
}
