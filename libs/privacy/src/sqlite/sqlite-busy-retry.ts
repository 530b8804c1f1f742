import { KeyStoreUnavailableError } from '../privacy.errors';

export interface BusyRetryPolicy {
  /** Attempts after the first one. */
  readonly retries: number;
  readonly delayMs: number;
}

export const DEFAULT_BUSY_RETRY: BusyRetryPolicy = { retries: 20, delayMs: 10 };

/**
 * Runs a synchronous SQLite operation, retrying SQLITE_BUSY (another process
 * holds the write lock past the busy timeout) a bounded number of times with
 * jittered asynchronous pauses, so this process keeps serving meanwhile.
 */
export async function withBusyRetry<T>(operation: () => T, policy: BusyRetryPolicy): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return operation();
    } catch (error) {
      if (!isBusy(error)) throw error;
      if (attempt >= policy.retries) throw new KeyStoreUnavailableError(`The key store stayed locked after ${attempt + 1} attempts`, { cause: error });
      await sleep(policy.delayMs * (1 + attempt) * (0.5 + Math.random()));
    }
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function isBusy(error: unknown): boolean {
  // Duck-typed, not instanceof: see hasCode in libs/event-store/src/sqlite/sqlite-busy-retry.ts (driver errors cross Jest's module registries).
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}
