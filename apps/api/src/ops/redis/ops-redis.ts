import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfigType } from '@sleutel/platform';
import type { Redis } from 'ioredis';

/**
 * This process's own connection for operations, when Redis is configured:
 * readiness pings it and the queue dashboard and depth figures read through
 * it. It fails fast (no offline queue, short command timeout) so a probe or
 * a scrape never hangs while Redis is away, and reconnects on its own.
 */
@Injectable()
export class OpsRedis implements OnApplicationShutdown {
  private readonly logger = new Logger('ops-redis');
  readonly client: Redis | null;
  private reported = false;

  constructor(@Inject(APP_CONFIG) config: AppConfigType) {
    // ioredis is loaded only when Redis is configured (with bullmq, a sixth of a start-up otherwise).
    this.client = config.redisUrl === null ? null : new (require('ioredis') as typeof import('ioredis')).Redis(config.redisUrl, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      commandTimeout: 2_000,
      connectTimeout: 5_000,
      // ioredis keeps a timer this long after disconnect() for a socket that never reports 'close' (default 2 s).
      disconnectTimeout: 300,
      retryStrategy: (times) => Math.min(200 * times, 5_000),
    });
    // Once per outage, never the URL (it may hold a password).
    this.client?.on('error', (error: Error) => {
      if (!this.reported) this.logger.warn(`Redis for operations: ${error.message}`);
      this.reported = true;
    });
    this.client?.on('ready', () => {
      this.reported = false;
    });
    this.client?.connect().catch(() => undefined);
  }

  /** Round trip in milliseconds; throws when Redis does not answer. Right after start, waits for the first connection. */
  async ping(): Promise<number> {
    const client = this.client;
    if (client === null) throw new Error('Redis is not configured');
    if (['wait', 'connecting', 'connect'].includes(client.status)) await firstConnection(client);
    const started = Date.now();
    await client.ping();
    return Date.now() - started;
  }

  onApplicationShutdown(): void {
    // disconnect, not quit: nothing is pending that matters, and quit leaves a reconnect timer behind while Redis is away.
    this.client?.disconnect();
  }
}

/** Settles with the first connection attempt: ready, or its error (the probe's own bound applies on top). */
function firstConnection(client: Redis): Promise<void> {
  return new Promise((resolve, reject) => {
    const ready = (): void => {
      client.off('error', failed);
      resolve();
    };
    const failed = (error: Error): void => {
      client.off('ready', ready);
      reject(error);
    };
    client.once('ready', ready);
    client.once('error', failed);
  });
}
