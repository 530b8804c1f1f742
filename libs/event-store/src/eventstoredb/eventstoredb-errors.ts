import { CancelledError, DeadlineExceededError, NotLeaderError, TimeoutError, UnavailableError } from '@eventstore/db-client';
import { EventStoreUnavailableError } from '../event-store.errors';

/**
 * What the client reports when the node cannot serve a call now but may
 * shortly: unreachable, not the leader (after a failover the client
 * reconnects to the leader it was told of on the next call), a commit the
 * quorum did not acknowledge in time (`TimeoutError`, the server's ABORTED),
 * a call past its deadline, a call the server cancelled. The client itself
 * reconnects on the first three. An append refused so may still have landed
 * (a timeout): retrying it with the same event ids is a replay, which the
 * adapter answers with the first result.
 */
const TRANSIENT = [UnavailableError, NotLeaderError, TimeoutError, DeadlineExceededError, CancelledError];

/** Trouble the node may be over shortly becomes the port's retryable error; everything else passes through. */
export async function translateErrors<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (TRANSIENT.some((type) => error instanceof type)) {
      throw new EventStoreUnavailableError(`EventStoreDB unavailable: ${(error as Error).message}`);
    }
    throw error;
  }
}
