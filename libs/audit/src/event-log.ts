import { EventStore } from '@sleutel/event-store';
import { AuditEvent, toAuditEvent } from './audit-event';

export const MAX_LOG_PAGE = 1000;

export interface LogPage {
  readonly items: readonly AuditEvent[];
  /** Position of the last event of the page, to ask for the next; null when this page reached the head. */
  readonly next: number | null;
}

/** One page of the global log in position order, strictly after `after` (null: from the start). */
export async function readLogPage(store: EventStore, after: number | null, limit: number): Promise<LogPage> {
  if (!(Number.isSafeInteger(limit) && limit >= 1 && limit <= MAX_LOG_PAGE)) throw new RangeError(`limit must be 1 to ${MAX_LOG_PAGE}`);
  // One more than asked tells whether another page follows without a second query.
  const events = await store.readAll({ after, limit: limit + 1 });
  const items = events.slice(0, limit).map(toAuditEvent);
  return { items, next: events.length > limit ? items[items.length - 1].position : null };
}
