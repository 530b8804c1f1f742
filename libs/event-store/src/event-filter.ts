import { EventFilter } from './event-store.port';

/**
 * The reference meaning of an `EventFilter`, for adapters that filter in
 * process and to double-check those that filter on a server.
 */
export function matchesFilter(filter: EventFilter | undefined, streamId: string, type: string): boolean {
  if (filter === undefined) return true;
  const { streamPrefixes, eventTypes } = filter;
  if (streamPrefixes !== undefined && !streamPrefixes.some((prefix) => streamId.startsWith(prefix))) return false;
  if (eventTypes !== undefined && !eventTypes.includes(type)) return false;
  return true;
}

/** True when no event can pass, so a reader need not ask storage at all. */
export function matchesNothing(filter: EventFilter | undefined): boolean {
  return filter?.streamPrefixes?.length === 0 || filter?.eventTypes?.length === 0;
}
