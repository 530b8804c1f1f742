/**
 * @sleutel/privacy: crypto-shredding of personal data (SPEC §7, issue 6).
 *
 * - `KeyStore` (port): one data key per newcomer or key person, wrapped under
 *   the `MasterKey` (envelope encryption); `destroy` makes it unreadable for
 *   good. Adapters: `SqliteKeyStore` (embedded, its own file),
 *   `RedisKeyStore` (production), `InMemoryKeyStore` (unit tests); all pass
 *   `contract/key-store.contract.ts` (not exported: it needs Jest).
 * - `CachingKeyStore`: a bounded LRU of unwrapped keys in front of one.
 * - `resolveMasterKey`: the master key from configuration, or generated once into DATA_DIR.
 * - `personalDataCodec`: an `EventCodec` that seals each event's personal
 *   fields under its subject's key and opens them again, or marks them erased.
 */
export * from './data-subject';
export * from './key-store.port';
export * from './privacy.errors';
export { MasterKey, KEY_BYTES } from './master-key';
export type { WrappedKey } from './master-key';
export * from './master-key.loader';
export * from './caching-key-store';
export * from './erased-keys';
export * from './key-store-fit';
export { DEFAULT_CLEAR_FIELDS, DEFAULT_SEALED_FIELDS, PERSONAL_FIELD } from './personal-data.fields';
export type { SealedPersonalData } from './personal-data.cipher';
export * from './personal-data.codec';
export { SqliteKeyStore } from './sqlite/sqlite-key-store.adapter';
export type { SqliteKeyStoreOptions } from './sqlite/sqlite-key-store.adapter';
export { RedisKeyStore } from './redis/redis-key-store.adapter';
export type { RedisKeyStoreOptions } from './redis/redis-key-store.adapter';
export { InMemoryKeyStore } from './in-memory/in-memory-key-store.adapter';
