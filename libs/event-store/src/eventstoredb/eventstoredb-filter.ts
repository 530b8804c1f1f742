import {
  AllStreamSubscription,
  eventTypeFilter,
  excludeSystemEvents,
  Filter,
  Position,
  streamNameFilter,
} from '@eventstore/db-client';
import { EventFilter } from '../event-store.port';

/**
 * EventStoreDB filters on one thing only, stream name or event type, so the
 * server gets the most selective one and the adapter applies the full
 * `EventFilter` again in process. Event-type prefixes would be too loose
 * (`MatchProposed` would let `MatchProposedV2` through), hence an anchored regex.
 */
export function toServerFilter(
  filter: EventFilter | undefined,
  checkpointReached?: (subscription: AllStreamSubscription, position: Position) => void,
): Filter {
  // The server reports a checkpoint every `checkpointInterval` × 32 events it has looked at.
  const base = { checkpointInterval: 1, checkpointReached };
  if (filter?.streamPrefixes !== undefined) {
    return streamNameFilter({ ...base, prefixes: [...filter.streamPrefixes] });
  }
  if (filter?.eventTypes !== undefined) {
    return eventTypeFilter({ ...base, regex: exactAlternatives(filter.eventTypes) });
  }
  return excludeSystemEvents(base);
}

function exactAlternatives(values: readonly string[]): string {
  return `^(?:${values.map(escapeRegex).join('|')})$`;
}

function escapeRegex(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
