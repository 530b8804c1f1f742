import { BusyRetryPolicy, describeWriteFailure, withBusyRetry as retryWhileBusy, sqliteWriteFailure, STORAGE_RETRY_AFTER_SECONDS, WriteFailures } from '@sleutel/event-store';
import { KeyStoreUnavailableError } from '../privacy.errors';

export type { BusyRetryPolicy };

export const DEFAULT_BUSY_RETRY: BusyRetryPolicy = { retries: 20, delayMs: 10 };

/**
 * The event store's bounded SQLITE_BUSY retry, failing as the key store does when the lock never frees, or when the
 * disk is full or a write to it failed (SQLite rolled the write back); `failures` remembers the latter.
 */
export async function withBusyRetry<T>(operation: () => T, policy: BusyRetryPolicy, failures?: WriteFailures, writes = 1): Promise<T> {
  try {
    return await retryWhileBusy(operation, policy, (attempts, cause) => new KeyStoreUnavailableError(`The key store stayed locked after ${attempts} attempts`, { cause }));
  } catch (error) {
    throw refusedWrite(error, failures, writes);
  }
}

/**
 * A full disk, or a failed write, as a retryable `KeyStoreUnavailableError`, remembered in `failures` as `writes`
 * refused (a group of creations refused whole); any other error as it is.
 */
export function refusedWrite(error: unknown, failures?: WriteFailures, writes = 1): unknown {
  const failure = sqliteWriteFailure(error);
  if (failure === null) return error;
  failures?.failed(failure, writes);
  return new KeyStoreUnavailableError(`The key store could not be written: ${describeWriteFailure(failure)}`, {
    cause: error, reason: failure.reason, retryAfterSeconds: STORAGE_RETRY_AFTER_SECONDS,
  });
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
