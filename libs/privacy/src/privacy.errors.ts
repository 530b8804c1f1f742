import type { StoreUnavailableReason } from '@sleutel/event-store';

/**
 * Errors of the privacy layer. Messages name subjects and events by id only,
 * never a personal value, and never key material (SPEC §7).
 */

/** The configured master key is not 32 bytes of base64. */
export class InvalidMasterKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidMasterKeyError';
  }
}

/** A key store, or a data key in it, was written under another master key than the configured one. */
export class MasterKeyMismatchError extends Error {
  constructor(readonly what: string, readonly writtenUnder: string, readonly configured: string) {
    super(
      `${what} was written under master key ${writtenUnder}, but the configured master key is ${configured}: ` +
        'configure the master key the key store was written with',
    );
    this.name = 'MasterKeyMismatchError';
  }
}

/** A wrapped data key or an encrypted event failed authentication: altered, moved, or not ours. */
export class IntegrityError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IntegrityError';
  }
}

/** Personal data cannot be written for a subject whose key was destroyed. */
export class SubjectErasedError extends Error {
  constructor(readonly subject: string) {
    super(`${subject} is erased: no personal data can be recorded for it any more`);
    this.name = 'SubjectErasedError';
  }
}

/** An encrypted event whose subject has no key at all: the key store is not the one the log was written with. */
export class MissingDataKeyError extends Error {
  constructor(readonly subject: string, readonly eventId: string) {
    super(`Event ${eventId} holds personal data of ${subject}, but the key store has no key for it: is this the key store the log was written with?`);
    this.name = 'MissingDataKeyError';
  }
}

/** At start: the log's first people have no key in the key store, which is then not the one the log was written with. */
export class KeyStoreMismatchError extends Error {
  constructor(missing: MissingDataKeyError) {
    super(
      `${missing.message} Not starting: with this key store, the people registered from now on would get keys that the log's own key store, `
      + 'once restored, does not hold. Restore the key store the log was written with (DATA_DIR/keys.sqlite, KEY_STORE_FILE, or the Redis key store).',
    );
    this.name = 'KeyStoreMismatchError';
  }
}

/**
 * At start: the log's newest people have no key, while its first people
 * have theirs: the key store is older than the log, as one restored from a
 * backup taken before the last registrations is. Names the newest person
 * without a key, and how many of those registered last have none.
 */
export class KeyStoreOlderThanLogError extends Error {
  constructor(missing: MissingDataKeyError, readonly withoutKey: number) {
    super(
      `${missing.message} Not starting: the key store looks older than the log (`
      + `${withoutKey === 1 ? 'one person among those registered last has' : `${withoutKey} people among those registered last have`} no key in it), `
      + 'as one restored from a backup taken before the last registrations is: '
      + 'their personal data would be unreadable. Restore a key store at least as new as the log '
      + '(DATA_DIR/keys.sqlite, KEY_STORE_FILE, or the Redis key store); where none exists, their data is lost: '
      + '`npm run cli -- keys lost` lists them, and `keys lost --record` records each as erased (basis data-key-lost) so the processes start.',
    );
    this.name = 'KeyStoreOlderThanLogError';
  }
}

/**
 * The key store could not be reached or stayed locked (`busy`), or cannot
 * write to its disk (`disk-full`, `write-failed`); retryable, after
 * `retryAfterSeconds`.
 */
export class KeyStoreUnavailableError extends Error {
  readonly reason: StoreUnavailableReason;
  readonly retryAfterSeconds: number;

  constructor(message: string, options: { cause?: unknown; reason?: StoreUnavailableReason; retryAfterSeconds?: number } = {}) {
    super(message, { cause: options.cause });
    this.name = 'KeyStoreUnavailableError';
    this.reason = options.reason ?? 'busy';
    this.retryAfterSeconds = options.retryAfterSeconds ?? 1;
  }
}
