import type { Redis } from 'ioredis';
import { ReplayBoard, ReplayStatus } from './replay-registry';

export interface RedisReplayBoardOptions {
  /** Every key starts with it (default `sleutel:replays:`): `<prefix>running` and `<prefix>report:<id>`. */
  readonly prefix?: string;
  /** How long a report stays readable after its last update (default 7 days). */
  readonly keepReportsMs?: number;
}

/** Takes the slot when free; else answers who holds it. */
const CLAIM = `
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return false end
return redis.call('GET', KEYS[1])`;

/** Stores the report; a running replay keeps (or takes back) its slot, unless another one has it now. */
const PUBLISH = `
redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[4])
if ARGV[3] ~= 'running' then return 0 end
local holder = redis.call('GET', KEYS[1])
if holder == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[5]) end
if not holder then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[5]) return 1 end
return 0`;

const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

const WEEK_MS = 7 * 24 * 3_600_000;

/**
 * The replay board on Redis: one key holds the running slot (the replay's id,
 * with a lease its process keeps extending), one key per replay its latest
 * report as JSON. Reports hold digests and counts, never personal data.
 */
export class RedisReplayBoard implements ReplayBoard {
  private readonly prefix: string;
  private readonly keepReportsMs: number;

  constructor(
    private readonly redis: Redis,
    options: RedisReplayBoardOptions = {},
    private readonly ownsClient = false,
  ) {
    this.prefix = options.prefix ?? 'sleutel:replays:';
    this.keepReportsMs = options.keepReportsMs ?? WEEK_MS;
  }

  /** A board with a client of its own, closed with it; commands fail after 2 s rather than wait for Redis. */
  static connect(redisUrl: string, options: RedisReplayBoardOptions = {}): RedisReplayBoard {
    // ioredis is loaded only when Redis is configured.
    const redis = new (require('ioredis') as typeof import('ioredis')).Redis(redisUrl, { maxRetriesPerRequest: 1, commandTimeout: 2_000, connectTimeout: 5_000, disconnectTimeout: 300 });
    // Failures reach the caller of each command; the client itself reconnects on its own.
    redis.on('error', () => undefined);
    return new RedisReplayBoard(redis, options, true);
  }

  async claim(id: string, leaseMs: number): Promise<string | null> {
    const holder = (await this.redis.eval(CLAIM, 1, this.runningKey, id, String(leaseMs))) as string | null;
    return holder ?? null;
  }

  async publish(status: ReplayStatus, leaseMs: number): Promise<void> {
    await this.redis.eval(
      PUBLISH, 2, this.runningKey, this.reportKey(status.id),
      status.id, JSON.stringify(status), status.status, String(this.keepReportsMs), String(leaseMs),
    );
  }

  async release(id: string): Promise<void> {
    await this.redis.eval(RELEASE, 1, this.runningKey, id);
  }

  async find(id: string): Promise<{ status: ReplayStatus; held: boolean } | null> {
    const [report, holder] = await this.redis.mget(this.reportKey(id), this.runningKey);
    if (report === null) return null;
    return { status: JSON.parse(report) as ReplayStatus, held: holder === id };
  }

  async close(): Promise<void> {
    if (this.ownsClient) this.redis.disconnect();
  }

  private get runningKey(): string {
    return `${this.prefix}running`;
  }

  private reportKey(id: string): string {
    return `${this.prefix}report:${id}`;
  }
}
