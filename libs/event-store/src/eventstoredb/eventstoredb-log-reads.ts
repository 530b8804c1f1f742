import { AllStreamResolvedEvent, BACKWARDS, END, FORWARDS, ReadPosition, START } from '@eventstore/db-client';
import { RecordedEvent } from '../event-envelope';
import { matchesFilter } from '../event-filter';
import { EventFilter } from '../event-store.port';
import { EventStoreDbClient } from './eventstoredb-client';
import { fromEsdbEvent } from './eventstoredb-event-mapping';
import { isInvalidPosition, positionsAfter, toClientPosition } from './eventstoredb-positions';

const CHUNK = 1000;
/** Records of the first backward page that looks for where to start, each next one twice as many up to CHUNK. */
const BACKWARD_FIRST_PAGE = 16;

/**
 * Our events in `$all` after a position. The v6 client cannot filter a read
 * of `$all` on the server (only a subscription can), so this pages through
 * `$all` and filters here, skipping system events and other writers' events.
 * A forward read includes the event at its start, so each page repeats the
 * last event of the one before: everything at or before `seen` is skipped.
 */
export async function readLogAfter(
  client: EventStoreDbClient,
  after: number | null,
  limit: number,
  filter: EventFilter | undefined,
): Promise<RecordedEvent[]> {
  const result: RecordedEvent[] = [];
  if (limit <= 0) return result;
  let seen = after;
  // Unfiltered, `limit` bounds the first page: a forward read repeats its start (one more). Each page after it is
  // twice as large, up to CHUNK (system events, or a start before `after`). Filtered here, not on the server, so a
  // filtered read pages by CHUNK.
  let size = filter === undefined ? Math.min(CHUNK, limit + 1) : CHUNK;
  let chunk = await readFirstChunk(client, after, size);
  for (;;) {
    for (const item of chunk) {
      const position = item.event === undefined ? null : Number(item.event.position.commit);
      if (position === null || (seen !== null && position <= seen)) continue;
      seen = position;
      const recorded = toLogEvent(item);
      if (recorded !== null && matchesFilter(filter, recorded.streamId, recorded.type)) result.push(recorded);
      if (result.length >= limit) return result;
    }
    const last = chunk.at(-1)?.event?.position;
    if (chunk.length < size || last === undefined) return result;
    size = Math.min(CHUNK, size * 2);
    chunk = await readChunk(client, last, FORWARDS, size);
  }
}

/**
 * The first page, from the first of the candidate positions the server
 * accepts; for a number no record starts at (a cursor we did not hand out),
 * from the last record at or before it (`startAtOrBefore`). Empty when no
 * record lies after the number.
 */
async function readFirstChunk(client: EventStoreDbClient, after: number | null, size: number): Promise<AllStreamResolvedEvent[]> {
  if (after === null || after < 0) return readChunk(client, START, FORWARDS, size);
  for (const from of positionsAfter(after)) {
    try {
      return await readChunk(client, from, FORWARDS, size);
    } catch (error) {
      if (!isInvalidPosition(error)) throw error;
    }
  }
  const start = await startAtOrBefore(client, after);
  return start.atHead ? [] : readChunk(client, start.from, FORWARDS, size);
}

/** Where a forward read or a subscription may start to take in everything after a number that starts no record. */
export interface StartAtOrBefore {
  /** The start of the last record at or before the number, or the log's start. */
  readonly from: ReadPosition;
  /** That record is the log's newest (or the log is empty): nothing lies after the number yet. */
  readonly atHead: boolean;
}

/**
 * Where a forward read (which includes its start) or a subscription (which
 * does not) may start to take in everything after `after`, a number that
 * starts no record: the start of the last record at or before it, or the
 * log's start, whichever end of the log is nearer (positions are byte
 * offsets, so the halfway number is about halfway in records). The server
 * starts a read or a subscription only at a record, and each started from
 * the log's start, skipping up to the number, which read or sent the whole
 * log for one past its end. Now that costs one record, and a number between
 * two events the records between it and the nearer end.
 */
export async function startAtOrBefore(client: EventStoreDbClient, after: number): Promise<StartAtOrBefore> {
  const newest = (await readChunk(client, END, BACKWARDS, 1))[0]?.event?.position;
  if (newest === undefined) return { from: START, atHead: true };
  if (Number(newest.commit) <= after) return { from: newest, atHead: true };
  if (after < Number(newest.commit) / 2) return { from: START, atHead: false };
  let size = BACKWARD_FIRST_PAGE;
  let chunk = await readChunk(client, END, BACKWARDS, size);
  for (;;) {
    const found = chunk.find((item) => item.event !== undefined && Number(item.event.position.commit) <= after);
    if (found !== undefined) return { from: found.event!.position, atHead: false };
    const last = chunk.at(-1)?.event?.position;
    if (chunk.length < size || last === undefined) return { from: START, atHead: false };
    size = Math.min(CHUNK, size * 2);
    chunk = await readChunk(client, last, BACKWARDS, size);
  }
}

/**
 * Our newest events strictly before `before` (from the end when null), newest
 * first, reading `$all` backwards past system events and other writers'. A
 * backward read from a position returns the records before it, and each
 * page after the first starts from the last record of the one before, which
 * is skipped.
 */
export async function readLogBackwards(client: EventStoreDbClient, before: number | null, limit: number): Promise<RecordedEvent[]> {
  const result: RecordedEvent[] = [];
  if (limit <= 0) return result;
  let seen = before;
  let from: ReadPosition = before === null ? END : toClientPosition(before);
  for (;;) {
    const chunk = await readChunk(client, from, BACKWARDS);
    for (const item of chunk) {
      const recorded = toLogEvent(item);
      if (recorded === null || (seen !== null && recorded.position >= seen)) continue;
      seen = recorded.position;
      result.push(recorded);
      if (result.length >= limit) return result;
    }
    const last = chunk.at(-1)?.event?.position;
    if (chunk.length < CHUNK || last === undefined) return result;
    from = last;
  }
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
  maxCount = CHUNK,
): Promise<AllStreamResolvedEvent[]> {
  const chunk: AllStreamResolvedEvent[] = [];
  for await (const item of client.readAll({ fromPosition: from, direction, maxCount })) chunk.push(item);
  return chunk;
}

function toLogEvent(item: AllStreamResolvedEvent): RecordedEvent | null {
  const event = item.event;
  return event === undefined ? null : fromEsdbEvent(event, Number(event.position.commit));
}
