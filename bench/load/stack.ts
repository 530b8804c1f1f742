/**
 * The processes a load run talks to, started as an operator would: API
 * processes (`npm start`) and, with Redis, matcher workers (`npm run
 * start:matcher`), each on a temporary directory of its own.
 *
 * - embedded default: one API, DATA_DIR only, in-process matcher; the token
 *   is signed with the secret the API generated into DATA_DIR, as
 *   `npm run cli -- token` does;
 * - BullMQ: API(s) and workers share one SQLite log (SQLITE_EVENT_STORE_FILE),
 *   one key store (KEY_STORE_FILE) and one PRIVACY_MASTER_KEY, a queue of the
 *   run's own name (obliterated afterwards) and one AUTH_JWT_SECRET.
 *
 * Rate limits are off (`0`): they are policy, and one autocannon from one
 * address would otherwise measure the 429 path.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { resolveJwtSecret, TokenService } from '@sleutel/auth';
import { ApiProcess } from '../../test/support/api-process';
import { MatcherWorkerProcess } from '../../test/support/matcher-worker-process';

export interface StackSettings {
  readonly apis: number;
  /** Matcher worker processes; 0 without Redis (the API runs the matcher itself). */
  readonly workers: number;
  /** BullMQ on this Redis; null for the embedded default. */
  readonly redisUrl: string | null;
  /** Write a V8 CPU profile of each API process here on exit (see load/cpu-profile.preload.js). */
  readonly profileDir?: string;
  /** Extra environment for the API processes, e.g. a tuning knob under test. */
  readonly apiEnv?: Readonly<Record<string, string>>;
}

const START_TIMEOUT_MS = 90_000;

export class Stack {
  private constructor(
    readonly apis: readonly ApiProcess[],
    readonly workers: readonly MatcherWorkerProcess[],
    readonly token: string,
    private readonly root: string,
    private readonly queue: { readonly redisUrl: string; readonly name: string } | null,
  ) {}

  static async start(settings: StackSettings): Promise<Stack> {
    const root = mkdtempSync(join(tmpdir(), 'sleutel-load-'));
    const apis: ApiProcess[] = [];
    const workers: MatcherWorkerProcess[] = [];
    const queueName = `load-${randomUUID()}`;
    const shared: Record<string, string> = { RATE_LIMIT_PER_MINUTE: '0', RATE_LIMIT_PER_IP_PER_MINUTE: '0' };
    if (settings.redisUrl !== null) {
      Object.assign(shared, {
        REDIS_URL: settings.redisUrl,
        MATCHER_QUEUE: queueName,
        SQLITE_EVENT_STORE_FILE: join(root, 'events.sqlite'),
        KEY_STORE_FILE: join(root, 'keys.sqlite'),
        PRIVACY_MASTER_KEY: randomBytes(32).toString('base64'),
        AUTH_JWT_SECRET: randomBytes(36).toString('base64url'),
      });
    }
    const stack = (token: string): Stack =>
      new Stack(apis, workers, token, root, settings.redisUrl === null ? null : { redisUrl: settings.redisUrl, name: queueName });
    try {
      for (let index = 0; index < settings.workers; index += 1) {
        workers.push(new MatcherWorkerProcess(`worker-${index + 1}`, { ...shared, DATA_DIR: join(root, `worker-${index + 1}`) }));
      }
      await Promise.all(workers.map((worker) => worker.ready(START_TIMEOUT_MS)));
      const profile: Record<string, string> = settings.profileDir
        ? { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} -r ${join(__dirname, 'cpu-profile.preload.js')}`.trim(), CPU_PROFILE_DIR: settings.profileDir }
        : {};
      for (let index = 0; index < settings.apis; index += 1) {
        // One after another: the first creates the shared files' schemas.
        apis.push(await ApiProcess.start(`api-${index + 1}`, { ...shared, ...profile, ...settings.apiEnv, DATA_DIR: join(root, `api-${index + 1}`) }, { timeoutMs: START_TIMEOUT_MS }));
      }
      const secret = shared.AUTH_JWT_SECRET ?? resolveJwtSecret(null, join(root, 'api-1'));
      const tokens = new TokenService({ secret, clockSkewSeconds: 30, maxTokenTtlSeconds: 86_400 });
      return stack(tokens.issue({ subject: 'load-bench', roles: ['intake', 'coordinator'], ttlSeconds: 86_400 }));
    } catch (error) {
      await stack('').stop();
      throw error;
    }
  }

  get urls(): string[] {
    return this.apis.map((api) => api.url);
  }

  /** Where the shared log lives (the first API's DATA_DIR for the embedded default). */
  get logFile(): string {
    return this.queue === null ? join(this.root, 'api-1', 'events.sqlite') : join(this.root, 'events.sqlite');
  }

  /** SIGTERM everything (graceful: profiles are written, checkpoints flushed), then drop the queue and the files. */
  async stop(): Promise<void> {
    await Promise.all([...this.apis, ...this.workers].map((process) => process.kill('SIGTERM')));
    if (this.queue !== null) {
      const connection = new Redis(this.queue.redisUrl, { maxRetriesPerRequest: null });
      const queue = new Queue(this.queue.name, { connection });
      try {
        await queue.obliterate({ force: true });
      } finally {
        await queue.close();
        await connection.quit();
      }
    }
    rmSync(this.root, { recursive: true, force: true });
  }
}
