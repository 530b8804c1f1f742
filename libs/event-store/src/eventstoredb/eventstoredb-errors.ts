import { UnavailableError } from '@eventstore/db-client';
import { EventStoreUnavailableError } from '../event-store.errors';

/** Connection trouble becomes the port's retryable error; everything else passes through. */
export async function translateErrors<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (error instanceof UnavailableError) throw new EventStoreUnavailableError(`EventStoreDB unavailable: ${error.message}`);
    throw error;
  }
}
