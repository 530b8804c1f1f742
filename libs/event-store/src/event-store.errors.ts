import { ExpectedRevision } from './event-store.port';

/** The stream was not at the expected revision: someone else wrote first. */
export class WrongExpectedRevisionError extends Error {
  readonly code = 'EVENT_STORE.WRONG_EXPECTED_REVISION';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    readonly actual: number | 'no-stream',
  ) {
    super(`Stream ${streamId} expected at ${String(expected)} but is at ${String(actual)}`);
    this.name = 'WrongExpectedRevisionError';
  }
}

/** An event id that exists already, in another stream or at another place. */
export class DuplicateEventIdError extends Error {
  readonly code = 'EVENT_STORE.DUPLICATE_EVENT_ID';
  constructor(readonly eventId: string) {
    super(`Event id ${eventId} has already been appended elsewhere`);
    this.name = 'DuplicateEventIdError';
  }
}

/**
 * Why a store cannot take a write for now: busy (another connection holds
 * the lock, a node is unreachable or not the leader), its disk is full, or a
 * write to its disk failed (an I/O error: a file size limit, a quota, a
 * failing device).
 */
export type StoreUnavailableReason = 'busy' | 'disk-full' | 'write-failed';

/**
 * The store is busy or unreachable after bounded retries, or cannot write to
 * its disk; safe to retry later. `outcome`: whether a write refused so
 * certainly did not happen (`unchanged`), or may have (`unknown`: the request
 * reached the node, which did not confirm the commit in time, the connection
 * went while it was in flight, or the disk failed after the commit was
 * written). A retry with the same event ids is a replay either way.
 */
export class EventStoreUnavailableError extends Error {
  readonly code = 'EVENT_STORE.UNAVAILABLE';
  constructor(
    message: string,
    readonly retryAfterSeconds = 1,
    readonly outcome: 'unchanged' | 'unknown' = 'unchanged',
    readonly reason: StoreUnavailableReason = 'busy',
  ) {
    super(message);
    this.name = 'EventStoreUnavailableError';
  }
}
