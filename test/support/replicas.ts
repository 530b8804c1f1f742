import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';

/**
 * The environment of API replicas of one installation: one SQLite log and
 * key store in `dir`, one master key, one token secret (each process would
 * otherwise generate its own).
 */
export function sharedInstallationEnv(dir = mkdtempSync(join(tmpdir(), 'sleutel-replicas-'))): { dir: string; env: Record<string, string> } {
  return {
    dir,
    env: {
      SQLITE_EVENT_STORE_FILE: join(dir, 'events.sqlite'), KEY_STORE_FILE: join(dir, 'keys.sqlite'),
      PRIVACY_MASTER_KEY: randomBytes(32).toString('base64'), AUTH_JWT_SECRET: randomBytes(36).toString('base64url'),
    },
  };
}

/** The suite's Redis. */
export const TEST_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Deletes what a test wrote under its own prefix. */
export async function deleteRedisKeys(prefix: string, redisUrl = TEST_REDIS_URL): Promise<void> {
  const redis = new Redis(redisUrl);
  try {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
  } finally {
    redis.disconnect();
  }
}
