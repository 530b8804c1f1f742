import { jsonEvent, NO_STREAM, WrongExpectedVersionError } from '@eventstore/db-client';
import { EventStoreDbClient } from './eventstoredb-client';
import { DuplicateEventIdError } from '../event-store.errors';
import { readStreamEvents } from './eventstoredb-reads';

/** Streams holding reservations; the event type starts with `$` so every system-event filter hides them. */
const EVENT_ID_RESERVATION_PREFIX = 'sleutel-event-id-';
const RESERVATION_TYPE = '$sleutel-event-id-reserved';

/**
 * EventStoreDB only recognises a repeated event id at the place an exact
 * expected revision points to; it keeps no index by id. To refuse an id that
 * is already used in another stream, each id is reserved by creating a tiny
 * stream named after it with expected revision NO_STREAM: the server lets
 * only one creation succeed, whoever races.
 *
 * A reservation names the stream it was made for. Finding one for the same
 * stream means an earlier attempt got this far: the caller then looks in the
 * stream to tell a replay from an attempt that never landed.
 */
export class EventIdGuard {
  constructor(private readonly client: EventStoreDbClient) {}

  /** Reserves every id for `streamId`; returns the ids this stream had reserved before. */
  async reserve(streamId: string, eventIds: readonly string[]): Promise<string[]> {
    const outcomes = await Promise.all(eventIds.map((eventId) => this.reserveOne(streamId, eventId)));
    return eventIds.filter((_, index) => outcomes[index] === 'reserved-before');
  }

  private async reserveOne(streamId: string, eventId: string): Promise<'reserved-now' | 'reserved-before'> {
    try {
      await this.client.appendToStream(
        EVENT_ID_RESERVATION_PREFIX + eventId,
        jsonEvent({ type: RESERVATION_TYPE, data: { streamId } }),
        { expectedRevision: NO_STREAM },
      );
      return 'reserved-now';
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
    }
    const [reservation] = await readStreamEvents(this.client, EVENT_ID_RESERVATION_PREFIX + eventId, 0, 1);
    const data = reservation?.event?.data;
    const owner = typeof data === 'object' && data !== null && 'streamId' in data ? data.streamId : undefined;
    if (owner !== streamId) throw new DuplicateEventIdError(eventId);
    return 'reserved-before';
  }
}
