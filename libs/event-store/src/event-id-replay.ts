import { AppendResult, ExpectedRevision, NO_STREAM } from './event-store.port';
import { DuplicateEventIdError } from './event-store.errors';

/** Where an event id is stored already. */
export interface StoredPlace {
  readonly streamId: string;
  readonly revision: number;
}

/** An event of the stream from the place of the batch's first id onwards. */
export interface StoredEventRef {
  readonly id: string;
  readonly revision: number;
  readonly position: number;
}

/**
 * Decides what a batch whose first id is already stored means: a replay of the
 * same append (return the original result, append nothing) or a reuse of an id
 * (DuplicateEventIdError). `following` holds the stream's events from the
 * stored place onwards, at least as many as the batch when they exist.
 * See the idempotency rule on the `EventStore` port.
 */
export function resolveReplay(
  streamId: string,
  batchIds: readonly string[],
  expected: ExpectedRevision,
  place: StoredPlace,
  following: readonly StoredEventRef[],
): AppendResult {
  const firstId = batchIds[0];
  if (place.streamId !== streamId || !isExpectedPlace(expected, place.revision)) {
    throw new DuplicateEventIdError(firstId);
  }
  for (let index = 0; index < batchIds.length; index += 1) {
    const stored = following[index];
    if (stored === undefined || stored.id !== batchIds[index] || stored.revision !== place.revision + index) {
      throw new DuplicateEventIdError(stored === undefined ? firstId : batchIds[index]);
    }
  }
  const last = following[batchIds.length - 1];
  return { nextRevision: last.revision, position: last.position };
}

function isExpectedPlace(expected: ExpectedRevision, revision: number): boolean {
  if (expected === NO_STREAM) return revision === 0;
  if (typeof expected === 'number') return revision === expected + 1;
  return true;
}
