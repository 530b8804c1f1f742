import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { DataSubject, isDataSubjectType } from '../data-subject';
import { DestroyOutcome, KeyLookup, KeyStore, Tombstone, TombstonePage } from '../key-store.port';
import { KEY_BYTES, MasterKey } from '../master-key';
import { KeyStoreUnavailableError, MasterKeyMismatchError } from '../privacy.errors';
import { fromStoredValue, StoredKeyValue, toStoredValue } from '../stored-key-value';

export interface RedisKeyStoreOptions {
  /** Every key this store writes starts with it (default `sleutel:data-key:`); then `<subject type>:<subject id>`, or `master-key-id`. */
  readonly prefix?: string;
  readonly now?: () => Date;
}

/** Creates the value unless the key holds one (a key or a tombstone), and answers what it holds then. */
const GET_OR_CREATE = `
local current = redis.call('GET', KEYS[1])
if current then return current end
redis.call('SET', KEYS[1], ARGV[1])
return ARGV[1]`;

/** Replaces whatever the key holds by the tombstone, unless it already is one, which it answers. */
/** Sets KEYS[1] to ARGV[1] unless it already holds a number at least as high. */
const RAISE = `
local current = tonumber(redis.call('GET', KEYS[1]) or '')
if current == nil or tonumber(ARGV[1]) > current then redis.call('SET', KEYS[1], ARGV[1]) end
return 1`;

const DESTROY = `
local current = redis.call('GET', KEYS[1])
if current and cjson.decode(current).s == 'destroyed' then return current end
redis.call('SET', KEYS[1], ARGV[1])
return false`;

const FIRST_VERSION = 1;

/** The prefix as a literal in a SCAN pattern. */
const globEscaped = (text: string): string => text.replace(/[\\*?[\]]/g, (character) => `\\${character}`);

/**
 * The production key store on Redis (run it with AOF persistence and
 * `maxmemory-policy noeviction`: an evicted key is personal data lost). One
 * string per subject holds the wrapped key as JSON, or the tombstone that
 * replaced it; both changes are Lua scripts, so they are atomic across any
 * number of clients. `<prefix>master-key-id` names the master key the store
 * was first written under; another one is refused. A destroyed value can linger in the AOF until Redis
 * rewrites it (`BGREWRITEAOF`) and in older RDB snapshots: wrapped under the
 * master key, never in clear.
 */
export class RedisKeyStore implements KeyStore {
  private readonly prefix: string;
  private readonly now: () => Date;
  private binding: Promise<void> | null = null;

  constructor(
    private readonly redis: Redis,
    private readonly masterKey: MasterKey,
    options: RedisKeyStoreOptions = {},
    private readonly ownsClient = false,
  ) {
    this.prefix = options.prefix ?? 'sleutel:data-key:';
    this.now = options.now ?? (() => new Date());
  }

  /** A store with a client of its own, closed with it. */
  static connect(redisUrl: string, masterKey: MasterKey, options: RedisKeyStoreOptions = {}): RedisKeyStore {
    // ioredis is loaded only when the key store is on Redis.
    const redis = new (require('ioredis') as typeof import('ioredis')).Redis(redisUrl, { maxRetriesPerRequest: 2, connectTimeout: 5_000, disconnectTimeout: 300 });
    return new RedisKeyStore(redis, masterKey, options, true);
  }

  /**
   * Records the master key under the prefix on first use and refuses another
   * one after that, so that processes configured with different master keys
   * (say, each falling back to a generated one) cannot share the store.
   * Every operation waits for it; call it at start-up to fail fast.
   */
  async assertMasterKey(): Promise<void> {
    this.binding ??= this.bindMasterKey().catch((error: unknown) => {
      this.binding = null;
      throw error;
    });
    return this.binding;
  }

  async get(subject: DataSubject): Promise<KeyLookup | null> {
    await this.assertMasterKey();
    const value = await this.call(() => this.redis.get(this.keyOf(subject)));
    return value === null ? null : this.answer(subject, fromStoredValue(value));
  }

  async getOrCreate(subject: DataSubject): Promise<KeyLookup> {
    const existing = await this.get(subject);
    if (existing !== null) return existing;
    const wrapped = this.masterKey.wrap(subject, FIRST_VERSION, randomBytes(KEY_BYTES));
    const fresh = toStoredValue({ status: 'active', wrapped, at: this.now().toISOString() });
    const value = await this.call(() => this.redis.eval(GET_OR_CREATE, 1, this.keyOf(subject), fresh));
    return this.answer(subject, fromStoredValue(String(value)));
  }

  async destroy(subject: DataSubject): Promise<DestroyOutcome> {
    await this.assertMasterKey();
    const at = this.now().toISOString();
    const tombstone = toStoredValue({ status: 'destroyed', at });
    const earlier = await this.call(() => this.redis.eval(DESTROY, 1, this.keyOf(subject), tombstone));
    if (earlier === null) return { destroyedAt: at, alreadyDestroyed: false };
    const stored = fromStoredValue(String(earlier));
    return { destroyedAt: stored.at, alreadyDestroyed: true };
  }

  async erasuresCheckedThrough(): Promise<number | null> {
    const value = await this.call(() => this.redis.get(`${this.prefix}erasures-checked-through`));
    return value === null ? null : Number(value);
  }

  async markErasuresCheckedThrough(position: number): Promise<void> {
    await this.call(() => this.redis.eval(RAISE, 1, `${this.prefix}erasures-checked-through`, String(position)));
  }

  /**
   * SCAN over the keys under the prefix (the cursor is SCAN's; `limit` its
   * COUNT hint), each subject's value read with MGET. Keys of a longer prefix
   * that starts with this one (another installation's) are not a subject's
   * and are passed over.
   */
  async listTombstones(cursor: string | null, limit: number): Promise<TombstonePage> {
    await this.assertMasterKey();
    const [next, names] = await this.call(() => this.redis.scan(cursor ?? '0', 'MATCH', `${globEscaped(this.prefix)}*`, 'COUNT', limit));
    const subjects = names.map((name) => ({ name, subject: this.subjectOf(name) })).filter((found) => found.subject !== null);
    const values = subjects.length === 0 ? [] : await this.call(() => this.redis.mget(...subjects.map((found) => found.name)));
    const tombstones: Tombstone[] = [];
    subjects.forEach(({ subject }, index) => {
      const value = values[index];
      if (value === null || value === undefined) return;
      const stored = fromStoredValue(value);
      if (stored.status === 'destroyed') tombstones.push({ subject: subject!, destroyedAt: stored.at });
    });
    return { tombstones, next: next === '0' ? null : next };
  }

  async close(): Promise<void> {
    if (!this.ownsClient || this.redis.status === 'end') return;
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  private async bindMasterKey(): Promise<void> {
    const bound = await this.call(() => this.redis.eval(GET_OR_CREATE, 1, `${this.prefix}master-key-id`, this.masterKey.id));
    if (bound !== this.masterKey.id) throw new MasterKeyMismatchError('The key store', String(bound), this.masterKey.id);
  }

  private keyOf(subject: DataSubject): string {
    return `${this.prefix}${subject.type}:${subject.id}`;
  }

  /** The subject a key under the prefix holds the value of; null for the store's own keys and anything else. */
  private subjectOf(name: string): DataSubject | null {
    const rest = name.slice(this.prefix.length);
    const colon = rest.indexOf(':');
    const type = rest.slice(0, colon);
    return name.startsWith(this.prefix) && colon > 0 && isDataSubjectType(type) && colon < rest.length - 1 ? { type, id: rest.slice(colon + 1) } : null;
  }

  private answer(subject: DataSubject, stored: StoredKeyValue): KeyLookup {
    if (stored.status === 'destroyed') return { status: 'destroyed', destroyedAt: stored.at };
    return { status: 'active', key: { version: stored.wrapped.version, bytes: this.masterKey.unwrap(subject, stored.wrapped) } };
  }

  /** Redis failures become a retryable error of this port; the driver's message may name the URL. */
  private async call<T>(command: () => Promise<T>): Promise<T> {
    try {
      return await command();
    } catch (error) {
      throw new KeyStoreUnavailableError('The key store on Redis did not answer', { cause: error });
    }
  }
}
