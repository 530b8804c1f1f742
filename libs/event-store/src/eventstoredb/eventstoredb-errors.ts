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

/** Trouble the node may be over shortly becomes the port's retryable error (nothing changed); everything else passes through. */
export async function translateErrors<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw transient(error, 'unchanged') ?? error;
  }
}

/**
 * The write itself (the append of a batch, the read of where it landed): after
 * a transient error there, only a node that refused to lead certainly did not
 * commit it; after a timeout or a lost connection the batch may have landed,
 * and the error says its outcome is unknown.
 */
export async function translateWriteErrors<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    throw transient(error, error instanceof NotLeaderError ? 'unchanged' : 'unknown') ?? error;
  }
}

function transient(error: unknown, outcome: 'unchanged' | 'unknown'): EventStoreUnavailableError | null {
  if (!TRANSIENT.some((type) => error instanceof type)) return null;
  return new EventStoreUnavailableError(`EventStoreDB unavailable: ${(error as Error).message}`, 1, outcome);
}
