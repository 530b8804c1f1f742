import { sleep } from '../backoff';
import { EventStoreUnavailableError } from '../event-store.errors';

export interface BusyRetryPolicy {
  /** Attempts after the first one. */
  readonly retries: number;
  readonly delayMs: number;
}

/**
 * Runs a synchronous SQLite operation, retrying SQLITE_BUSY (another process
 * holds the write lock past the busy timeout) a bounded number of times with
 * jittered asynchronous pauses, so this process keeps serving meanwhile.
 * When the lock never frees, the caller gets a retryable
 * `EventStoreUnavailableError` instead of a driver error.
 */
export async function withBusyRetry<T>(
  operation: () => T,
  policy: BusyRetryPolicy,
  // Other SQLite files of ours (the key store) say what they are themselves.
  unavailable: (attempts: number, cause: unknown) => Error = (attempts) => new EventStoreUnavailableError(`SQLite database stayed locked after ${attempts} attempts`),
): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return operation();
    } catch (error) {
      if (!isBusy(error)) throw error;
      if (attempt >= policy.retries) throw unavailable(attempt + 1, error);
      await sleep(policy.delayMs * (1 + attempt) * (0.5 + Math.random()));
    }
  }
}

/** SQLITE_BUSY and its extended codes (SQLITE_BUSY_SNAPSHOT, _RECOVERY, _TIMEOUT). */
export function isBusy(error: unknown): boolean {
  return hasCode(error) && error.code.startsWith('SQLITE_BUSY');
}

/**
 * Duck-typed on purpose, not `instanceof Error`: better-sqlite3's native addon
 * is loaded once per process and keeps constructing the `SqliteError` class of
 * the first module registry that loaded it. Under Jest every test file has its
 * own registry and its own `Error`, so from the second file on a driver error
 * is not an `instanceof Error` there — a busy database then went unretried
 * and surfaced raw ("database is locked"), only when test files happened to
 * share a Jest worker.
 */
export function hasCode(error: unknown): error is Error & { code: string } {
  return typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string';
}
