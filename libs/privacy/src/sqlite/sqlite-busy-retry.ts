import { BusyRetryPolicy, withBusyRetry as retryWhileBusy } from '@sleutel/event-store';
import { KeyStoreUnavailableError } from '../privacy.errors';

export type { BusyRetryPolicy };

export const DEFAULT_BUSY_RETRY: BusyRetryPolicy = { retries: 20, delayMs: 10 };

/** The event store's bounded SQLITE_BUSY retry, failing as the key store does when the lock never frees. */
export function withBusyRetry<T>(operation: () => T, policy: BusyRetryPolicy): Promise<T> {
  return retryWhileBusy(operation, policy, (attempts, cause) => new KeyStoreUnavailableError(`The key store stayed locked after ${attempts} attempts`, { cause }));
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
