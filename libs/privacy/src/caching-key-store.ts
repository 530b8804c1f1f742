import { reportsWriteFailures, WriteFailureReport } from '@sleutel/event-store';
import { DataSubject } from './data-subject';
import { DestroyOutcome, KeyLookup, KeyStore, TombstonePage } from './key-store.port';

export interface KeyCacheOptions {
  /** Most subjects whose answer is kept; the least recently used goes first. */
  readonly maxEntries?: number;
  /**
   * How long an active key is kept before the store is asked again. It bounds
   * how long another process keeps decrypting after an erasure there should
   * it not see the erasure event (`forgetErased`). Tombstones are kept for
   * good, outside this bound: they never change, and one evicted could let a
   * key the store still holds (the erasing process stopped before destroying
   * it) be used again.
   */
  readonly ttlMs?: number;
  readonly now?: () => number;
}

interface Entry {
  readonly lookup: KeyLookup;
  readonly expiresAt: number;
}

/**
 * A bounded LRU cache of unwrapped data keys in front of a key store, so that
 * reading a stream unwraps each subject's key once, not once per event.
 * Destroying through it drops the key at once; an answer still in flight
 * when a destroy begins is not cached. Use one instance per process for both
 * the codec and erasure.
 */
export class CachingKeyStore implements KeyStore {
  private readonly entries = new Map<string, Entry>();
  /** Subjects known erased, and when: kept for the process's life (a few dozen bytes each; erasures are rare). */
  private readonly tombstones = new Map<string, string>();
  private readonly inFlight = new Map<string, Promise<KeyLookup>>();
  /** Lookups under way, each with the epoch it began in: a read of one subject's events opens them side by side. */
  private readonly lookingUp = new Map<string, { readonly epoch: number; readonly lookup: Promise<KeyLookup | null> }>();
  private readonly maxEntries: number;
  /** How long an active key is kept before the store is asked again. */
  readonly ttlMs: number;
  private readonly now: () => number;
  /** Bumped by every destroy: an answer fetched across one may be stale and is not cached. */
  private epoch = 0;

  constructor(private readonly inner: KeyStore, options: KeyCacheOptions = {}) {
    this.maxEntries = options.maxEntries ?? 10_000;
    this.ttlMs = options.ttlMs ?? 60_000;
    this.now = options.now ?? Date.now;
  }

  async getOrCreate(subject: DataSubject): Promise<KeyLookup> {
    const cached = this.cached(subject);
    if (cached !== null) return cached;
    const key = cacheKey(subject);
    const pending = this.inFlight.get(key);
    if (pending !== undefined) return pending;
    const fetched = this.fetch(subject, () => this.inner.getOrCreate(subject)).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, fetched);
    return fetched;
  }

  /**
   * The subject's key, asked of the store once for lookups that overlap (the
   * events of one stream, opened side by side, each asked), unless a destroy
   * or an erasure came between them: a later lookup then asks anew.
   */
  async get(subject: DataSubject): Promise<KeyLookup | null> {
    const cached = this.cached(subject);
    if (cached !== null) return cached;
    const key = cacheKey(subject);
    const pending = this.lookingUp.get(key);
    if (pending !== undefined && pending.epoch === this.epoch) return pending.lookup;
    const lookup = this.fetch(subject, () => this.inner.get(subject)).finally(() => {
      if (this.lookingUp.get(key)?.lookup === lookup) this.lookingUp.delete(key);
    });
    this.lookingUp.set(key, { epoch: this.epoch, lookup });
    return lookup;
  }

  async destroy(subject: DataSubject): Promise<DestroyOutcome> {
    this.epoch += 1;
    this.entries.delete(cacheKey(subject));
    const outcome = await this.inner.destroy(subject);
    this.remember(subject, { status: 'destroyed', destroyedAt: outcome.destroyedAt });
    return outcome;
  }

  /**
   * The subject was erased (its erasure event is in the log): from now on
   * this process treats its key as destroyed, without asking the store, whose
   * key the erasing process destroys only after appending that event. Other
   * processes learn of an erasure this way from the log they follow, so they
   * stop decrypting at once rather than when their cached key expires.
   */
  forgetErased(subject: DataSubject, erasedAt: string): void {
    this.epoch += 1;
    this.remember(subject, { status: 'destroyed', destroyedAt: erasedAt });
  }

  /**
   * Changes whenever a key is destroyed or an erasure is seen: whatever was
   * opened with this cache's keys before may say what is erased by now.
   */
  get generation(): number {
    return this.epoch;
  }

  /** The store's refused writes (a full disk), for readiness; null when it has none or cannot say. */
  writeFailure(): WriteFailureReport | null {
    return reportsWriteFailures(this.inner) ? this.inner.writeFailure() : null;
  }

  writesRefused(): number {
    return reportsWriteFailures(this.inner) ? this.inner.writesRefused() : 0;
  }

  erasuresCheckedThrough(): Promise<number | null> {
    return this.inner.erasuresCheckedThrough();
  }

  markErasuresCheckedThrough(position: number): Promise<void> {
    return this.inner.markErasuresCheckedThrough(position);
  }

  /** Always the store's: the cache holds only the tombstones this process has met. */
  listTombstones(cursor: string | null, limit: number): Promise<TombstonePage> {
    return this.inner.listTombstones(cursor, limit);
  }

  async close(): Promise<void> {
    this.entries.clear();
    this.tombstones.clear();
    await this.inner.close();
  }

  private cached(subject: DataSubject): KeyLookup | null {
    const key = cacheKey(subject);
    const destroyedAt = this.tombstones.get(key);
    if (destroyedAt !== undefined) return { status: 'destroyed', destroyedAt };
    const entry = this.entries.get(key);
    if (entry === undefined) return null;
    this.entries.delete(key);
    if (entry.expiresAt <= this.now()) return null;
    this.entries.set(key, entry);
    return entry.lookup;
  }

  private async fetch<T extends KeyLookup | null>(subject: DataSubject, load: () => Promise<T>): Promise<T> {
    const epoch = this.epoch;
    const lookup = await load();
    if (lookup !== null && (epoch === this.epoch || lookup.status === 'destroyed')) this.remember(subject, lookup);
    return lookup;
  }

  private remember(subject: DataSubject, lookup: KeyLookup): void {
    const key = cacheKey(subject);
    this.entries.delete(key);
    if (lookup.status === 'destroyed') {
      this.tombstones.set(key, lookup.destroyedAt);
      return;
    }
    this.entries.set(key, { lookup, expiresAt: this.now() + this.ttlMs });
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }
}

const cacheKey = (subject: DataSubject): string => `${subject.type}:${subject.id}`;
