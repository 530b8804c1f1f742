import { DataSubject } from './data-subject';

/** A subject's data key: 32 random bytes for AES-256-GCM, and its version (bound into every ciphertext). */
export interface DataKey {
  readonly version: number;
  readonly bytes: Buffer;
}

/** What the store knows of a subject that has had a key: it is usable, or it was destroyed by an erasure. */
export type KeyLookup =
  | { readonly status: 'active'; readonly key: DataKey }
  | { readonly status: 'destroyed'; readonly destroyedAt: string };

/** A subject whose key was destroyed (the tombstone an erasure leaves), and when. */
export interface Tombstone {
  readonly subject: DataSubject;
  readonly destroyedAt: string;
}

/** One page of `listTombstones`: `next` continues the listing; null at its end. */
export interface TombstonePage {
  readonly tombstones: readonly Tombstone[];
  readonly next: string | null;
}

export interface DestroyOutcome {
  readonly destroyedAt: string;
  /** True when an earlier call had already destroyed it: erasure is idempotent. */
  readonly alreadyDestroyed: boolean;
}

/**
 * The per-subject data keys (envelope encryption, SPEC §7). Keys are kept
 * wrapped under the master key, in storage separate from the event log, so
 * that destroying one makes that subject's personal data in every event,
 * backup and export unreadable (crypto-shredding) while the log and its hash
 * chain stay untouched.
 *
 * Every adapter passes `contract/key-store.contract.ts`.
 */
export interface KeyStore {
  /**
   * The subject's key, created on first use. Any number of processes calling
   * this at once for one subject all get the same key. For an erased subject
   * it answers `destroyed` and never creates a new key.
   */
  getOrCreate(subject: DataSubject): Promise<KeyLookup>;
  /** The subject's key; null when it never had one. */
  get(subject: DataSubject): Promise<KeyLookup | null>;
  /**
   * Destroys the subject's key for good and leaves a tombstone, so that it is
   * never created again. Also for a subject that never had a key. Idempotent.
   */
  destroy(subject: DataSubject): Promise<DestroyOutcome>;
  /**
   * The log position through which the log's erasure events were checked
   * against this store (`destroyKeysOfErased`); null before the first check.
   * Kept in the store itself, so a store restored from a backup carries the
   * position of its own day, and the next check covers exactly what came after.
   */
  erasuresCheckedThrough(): Promise<number | null>;
  /**
   * The store's tombstones, a page at a time: start with `cursor` null, then
   * pass the page's `next` until it is null. `limit` is how many a page holds
   * (on Redis a hint to SCAN, which may answer a few more, or fewer, even
   * none, before the end). Every tombstone there from the first page to the
   * last is listed; on Redis one may be listed twice. Subjects are as stored.
   * For checking them against the log (`tombstonesWithoutErasure`).
   */
  listTombstones(cursor: string | null, limit: number): Promise<TombstonePage>;
  /** Raises that position; never lowers it. */
  markErasuresCheckedThrough(position: number): Promise<void>;
  close(): Promise<void>;
}
