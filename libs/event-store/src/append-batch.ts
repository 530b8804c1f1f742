import { DuplicateEventIdError } from './event-store.errors';
import { NewEvent } from './event-envelope';

/**
 * Checks a batch before any adapter touches storage. An empty batch has no
 * "last event" to report, and an id repeated inside one batch could never be
 * stored, so both are caller errors rather than store outcomes.
 */
export function assertAppendableBatch(events: readonly NewEvent[]): void {
  if (events.length === 0) throw new RangeError('Cannot append an empty batch of events');
  const seen = new Set<string>();
  for (const event of events) {
    if (seen.has(event.id)) throw new DuplicateEventIdError(event.id);
    seen.add(event.id);
  }
}
