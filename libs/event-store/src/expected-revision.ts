import { WrongExpectedRevisionError } from './event-store.errors';
import { ANY, ExpectedRevision, NO_STREAM, STREAM_EXISTS } from './event-store.port';

/**
 * The optimistic-concurrency rule every adapter applies, given the stream's
 * current revision (null: the stream does not exist).
 */
export function assertExpectedRevision(streamId: string, expected: ExpectedRevision, current: number | null): void {
  if (satisfies(expected, current)) return;
  throw new WrongExpectedRevisionError(streamId, expected, current ?? NO_STREAM);
}

function satisfies(expected: ExpectedRevision, current: number | null): boolean {
  switch (expected) {
    case ANY:
      return true;
    case NO_STREAM:
      return current === null;
    case STREAM_EXISTS:
      return current !== null;
    default:
      return current === expected;
  }
}

/** Rejects revisions no stream can be at, so a typo is not reported as a conflict. */
export function assertValidExpectedRevision(expected: ExpectedRevision): void {
  if (typeof expected === 'number' && !(Number.isSafeInteger(expected) && expected >= 0)) {
    throw new RangeError(`Expected revision must be a non-negative integer, got ${expected}`);
  }
}
