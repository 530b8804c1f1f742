import { RedisOptions as BullMqRedisOptions } from 'bullmq';
import { Redis } from 'ioredis';
import { QueueUnavailableError } from '../job-queue.errors';
import { BullMqTuning } from '../job-queue.options';
import { QueueLogger } from '../job-queue.port';

type ConnectionTuning = Pick<BullMqTuning, 'reconnectMaxDelayMs' | 'connectTimeoutMs'>;

/**
 * ioredis keeps a timer of this length after `disconnect()` for a socket that
 * never reports 'close' (one whose connect was refused): 2 s by default, which
 * holds a process open that much longer after a failed start.
 */
const DISCONNECT_TIMEOUT_MS = 300;

/** Reconnect for ever, quickly at first: a restarted Redis is picked up within a second or two. */
function reconnectDelay(maxDelayMs: number): (times: number) => number {
  return (times) => Math.min(100 * 2 ** Math.min(times, 10), maxDelayMs);
}

/**
 * The producer's connection. It fails fast: no offline queue and a command
 * timeout, so `add` while Redis is away throws at once instead of hanging a
 * request or a relay; the caller decides whether to retry.
 */
export function producerConnection(redisUrl: string, tuning: ConnectionTuning & Pick<BullMqTuning, 'commandTimeoutMs'>): Redis {
  return new Redis(redisUrl, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: tuning.commandTimeoutMs,
    connectTimeout: tuning.connectTimeoutMs,
    disconnectTimeout: DISCONNECT_TIMEOUT_MS,
    retryStrategy: reconnectDelay(tuning.reconnectMaxDelayMs),
  });
}

/**
 * Options for a worker's connections; BullMQ creates (and closes) two from
 * them, one for commands and one for its blocking fetch. Workers wait out an
 * outage instead of failing: `maxRetriesPerRequest: null` keeps their
 * commands queued until Redis is back, which BullMQ requires.
 */
export function workerConnectionOptions(redisUrl: string, tuning: ConnectionTuning): BullMqRedisOptions {
  return {
    url: redisUrl,
    maxRetriesPerRequest: null,
    connectTimeout: tuning.connectTimeoutMs,
    disconnectTimeout: DISCONNECT_TIMEOUT_MS,
    retryStrategy: reconnectDelay(tuning.reconnectMaxDelayMs),
  };
}

/** Resolves when `redis` is ready; gives up after `timeoutMs` with a clear error. */
export async function untilReady(redis: Redis, redisUrl: string, timeoutMs: number): Promise<void> {
  if (redis.status === 'ready') return;
  let lastError: unknown = null;
  const remember = (error: unknown): void => {
    lastError = error;
  };
  redis.on('error', remember);
  let timer: NodeJS.Timeout | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      timer = setTimeout(() => reject(new QueueUnavailableError(`Redis at ${redacted(redisUrl)} not ready after ${timeoutMs} ms`, { cause: lastError })), timeoutMs);
      redis.once('ready', resolve);
    });
  } finally {
    clearTimeout(timer);
    redis.off('error', remember);
  }
}

/**
 * BullMQ keeps jobs, locks and markers as ordinary keys: a Redis that evicts
 * keys under memory pressure silently loses jobs. Warn, do not fail: a local
 * development Redis often runs with another policy.
 */
export async function warnUnlessNoEviction(redis: Redis, logger: QueueLogger): Promise<void> {
  const info = await redis.info('memory');
  const policy = /^maxmemory_policy:(\S+)/m.exec(info)?.[1] ?? 'unknown';
  if (policy !== 'noeviction') {
    logger.warn(`Redis maxmemory-policy is ${policy}; BullMQ needs noeviction or jobs can be evicted`);
  }
}

/** A URL fit for logs: without its password. */
export function redacted(redisUrl: string): string {
  try {
    const url = new URL(redisUrl);
    if (url.password !== '') url.password = '***';
    return url.toString();
  } catch {
    return '(unparseable Redis URL)';
  }
}
