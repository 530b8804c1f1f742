import { AllStreamResolvedEvent, BACKWARDS, END, FORWARDS, ReadPosition, START } from '@eventstore/db-client';
import { RecordedEvent } from '../event-envelope';
import { matchesFilter } from '../event-filter';
import { EventFilter } from '../event-store.port';
import { EventStoreDbClient } from './eventstoredb-client';
import { fromEsdbEvent } from './eventstoredb-event-mapping';
import { toClientPosition } from './eventstoredb-positions';

const CHUNK = 1000;

/**
 * Our events in `$all` after a position. The v6 client cannot filter a read
 * of `$all` on the server (only a subscription can), so this pages through
 * `$all` and filters here, skipping system events and other writers' events.
 */
export async function readLogAfter(
  client: EventStoreDbClient,
  after: number | null,
  limit: number,
  filter: EventFilter | undefined,
): Promise<RecordedEvent[]> {
  const result: RecordedEvent[] = [];
  let from: ReadPosition = after === null ? START : toClientPosition(after);
  while (result.length < limit) {
    const chunk = await readChunk(client, from, FORWARDS);
    for (const item of chunk) {
      const recorded = toLogEvent(item);
      // A read from a position includes the event there; `after` is exclusive.
      if (recorded === null || (after !== null && recorded.position <= after)) continue;
      if (matchesFilter(filter, recorded.streamId, recorded.type)) result.push(recorded);
      if (result.length >= limit) break;
    }
    const last = chunk.at(-1)?.event?.position;
    if (chunk.length < CHUNK || last === undefined) break;
    from = last;
  }
  return result;
}

/** The position of our newest event, reading `$all` backwards past system events. */
export async function readHeadPosition(client: EventStoreDbClient): Promise<number | null> {
  let from: ReadPosition = END;
  for (;;) {
    const chunk = await readChunk(client, from, BACKWARDS);
    const newest = chunk.map(toLogEvent).find((recorded) => recorded !== null);
    if (newest) return newest.position;
    const last = chunk.at(-1)?.event?.position;
    if (chunk.length < CHUNK || last === undefined) return null;
    from = last;
  }
}

async function readChunk(
  client: EventStoreDbClient,
  from: ReadPosition,
  direction: typeof FORWARDS | typeof BACKWARDS,
): Promise<AllStreamResolvedEvent[]> {
  const chunk: AllStreamResolvedEvent[] = [];
  for await (const item of client.readAll({ fromPosition: from, direction, maxCount: CHUNK })) chunk.push(item);
  return chunk;
}

function toLogEvent(item: AllStreamResolvedEvent): RecordedEvent | null {
  const event = item.event;
  return event === undefined ? null : fromEsdbEvent(event, Number(event.position.commit));
}
