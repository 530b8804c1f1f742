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

/** The store is busy or unreachable after bounded retries; safe to retry later. */
export class EventStoreUnavailableError extends Error {
  readonly code = 'EVENT_STORE.UNAVAILABLE';
  constructor(message: string, readonly retryAfterSeconds = 1) {
    super(message);
    this.name = 'EventStoreUnavailableError';
  }
}
