import { RecordedEvent } from '../event-envelope';
import { EventFilter, EventStore, NO_STREAM } from '../event-store.port';
import { sampleEvents, uniqueCategory } from './sample-events';

export interface EventsWithNumbersBetween {
  readonly category: string;
  /** The category's events and nothing else. */
  readonly filter: EventFilter;
  readonly events: readonly [RecordedEvent, RecordedEvent, RecordedEvent];
  /** Numbers at or after the first event's position and before the second's. */
  readonly between: readonly number[];
  /** Numbers after the third event's position, the category's head. */
  readonly beyond: readonly number[];
}

/**
 * Three events of a fresh category, each in a stream of its own, with numbers
 * that lie between the first two and beyond the third. Where positions run
 * 1, 2, 3, … nothing lies between two events (the first's own position stands
 * in) and one past the head is the next event's; elsewhere (EventStoreDB's
 * byte offsets) they are no event's position: a cursor the store did not hand
 * out, a checkpoint another store wrote.
 */
export async function eventsWithNumbersBetween(store: EventStore): Promise<EventsWithNumbersBetween> {
  const category = uniqueCategory();
  const filter = { streamPrefixes: [category] };
  for (const [index, event] of sampleEvents(3).entries()) await store.append(`${category}-${index}`, [event], NO_STREAM);
  const [first, second, third] = await store.readAll({ after: -1, filter });
  const between = new Set([first.position + 1, Math.floor((first.position + second.position) / 2), second.position - 1]);
  return {
    category,
    filter,
    events: [first, second, third],
    between: [...between].filter((number) => number < second.position),
    beyond: [third.position + 1, third.position + 1_000_000],
  };
}
