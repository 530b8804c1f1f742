import { EventFilter, EventStore } from './event-store.port';

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

/**
 * Whether no event passing `filter` lies after `after` up to `position`: a
 * follower filtered that way which has handled everything up to `after` then
 * holds the log up to `position`, though its subscription may not say so. A
 * subscription filtered on the server learns only from the server's
 * checkpoints that the events after its last one are none of its own, and
 * EventStoreDB sends one every 32 events it looked at, so at a quiet end of
 * the log it may say nothing.
 */
export async function noneOfFilterUpTo(store: EventStore, filter: EventFilter, after: number | null, position: number): Promise<boolean> {
  const [next] = await store.readAll({ after, filter, limit: 1 });
  return next === undefined || next.position > position;
}

/** True when no event can pass, so a reader need not ask storage at all. */
export function matchesNothing(filter: EventFilter | undefined): boolean {
  return filter?.streamPrefixes?.length === 0 || filter?.eventTypes?.length === 0;
}
