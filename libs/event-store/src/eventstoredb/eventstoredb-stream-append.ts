import { AppendResult as EsdbAppendResult, NO_STREAM as ESDB_NO_STREAM, WrongExpectedVersionError } from '@eventstore/db-client';
import { backoffDelay, BackoffPolicy, sleep } from '../backoff';
import { NewEvent } from '../event-envelope';
import { resolveReplay, StoredEventRef } from '../event-id-replay';
import { EventStoreUnavailableError, WrongExpectedRevisionError } from '../event-store.errors';
import { AppendResult, ExpectedRevision, NO_STREAM } from '../event-store.port';
import { assertExpectedRevision } from '../expected-revision';
import { linkBatch } from '../linked-batch';
import { EventIdGuard } from './event-id-guard';
import { translateWriteErrors } from './eventstoredb-errors';
import { EventStoreDbClient } from './eventstoredb-client';
import { fromEsdbEvent, toEsdbEventData } from './eventstoredb-event-mapping';
import { isLogPosition, positionOf } from './eventstoredb-positions';
import { readLastEvent, readStreamEvents } from './eventstoredb-reads';

export interface StreamAppendSettings {
  /** Attempts for any / stream-exists while other writers keep getting in between. */
  readonly attempts: number;
  readonly guard: EventIdGuard | null;
}

interface StreamTail {
  readonly revision: number;
  readonly hash: string;
}

const COLLISION_BACKOFF: BackoffPolicy = { initialDelayMs: 5, maxDelayMs: 100 };

/**
 * One append to EventStoreDB. The chain hash needs the previous event's hash,
 * so it reads the stream's last event and appends at exactly that revision;
 * the caller's `any` / `stream-exists` become a bounded read-append loop.
 */
export async function appendToStream(
  client: EventStoreDbClient,
  settings: StreamAppendSettings,
  streamId: string,
  events: readonly NewEvent[],
  expected: ExpectedRevision,
): Promise<AppendResult> {
  const ids = events.map((event) => event.id);
  for (let attempt = 1; attempt <= settings.attempts; attempt += 1) {
    const tail = await readTail(client, streamId);
    const replay = (await findReplayInPlace(client, streamId, ids, expected, tail)) ?? (await reserveIds(client, settings.guard, streamId, ids, expected));
    if (replay !== null) return replay;
    assertExpectedRevision(streamId, expected, tail?.revision ?? null);
    const linked = linkBatch(streamId, tail?.hash ?? null, (tail?.revision ?? -1) + 1, events);
    try {
      // The write itself: a timeout or a lost connection here leaves its outcome unknown (translateWriteErrors).
      return await translateWriteErrors(async () => {
        const result = await client.appendToStream(streamId, linked.map(toEsdbEventData), {
          expectedRevision: tail === null ? ESDB_NO_STREAM : BigInt(tail.revision),
        });
        return { nextRevision: Number(result.nextExpectedRevision), position: await appendedPosition(client, streamId, result) };
      });
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
      // Another writer got in between. With an exact expectation that is the caller's
      // conflict, unless the other writer was a retry of this very append.
      if (isExact(expected)) return conflictOrReplay(client, streamId, ids, expected);
      // Writers that collided would collide again in lockstep: spread them out.
      await sleep(Math.random() * backoffDelay(COLLISION_BACKOFF, attempt));
    }
  }
  throw new EventStoreUnavailableError(`Stream ${streamId} kept changing during ${settings.attempts} append attempts`);
}

async function readTail(client: EventStoreDbClient, streamId: string): Promise<StreamTail | null> {
  const last = await readLastEvent(client, streamId);
  if (last?.event === undefined) return null;
  const recorded = fromEsdbEvent(last.event, positionOf(last));
  if (recorded === null) throw new Error(`Stream ${streamId} ends with an event not written by this event store`);
  return { revision: recorded.revision, hash: recorded.chain.hash };
}

/** Replay check where `expected` puts the batch; for any / stream-exists, at the stream's tail. */
async function findReplayInPlace(
  client: EventStoreDbClient,
  streamId: string,
  ids: readonly string[],
  expected: ExpectedRevision,
  tail: StreamTail | null,
): Promise<AppendResult | null> {
  if (tail === null) return null;
  const from = expected === NO_STREAM ? 0 : typeof expected === 'number' ? expected + 1 : tail.revision - ids.length + 1;
  if (from < 0 || from > tail.revision) return null;
  const refs = await readRefs(client, streamId, from, ids.length);
  if (refs[0]?.id !== ids[0]) return null;
  return resolveReplay(streamId, ids, expected, { streamId, revision: from }, refs);
}

/** Reserves the ids; when this stream reserved one before, finds out whether that append landed. */
async function reserveIds(
  client: EventStoreDbClient,
  guard: EventIdGuard | null,
  streamId: string,
  ids: readonly string[],
  expected: ExpectedRevision,
): Promise<AppendResult | null> {
  if (guard === null) return null;
  const reservedBefore = await guard.reserve(streamId, ids);
  if (reservedBefore.length === 0) return null;
  const refs = await readRefs(client, streamId, 0);
  const found = refs.findIndex((ref) => reservedBefore.includes(ref.id));
  if (found < 0) return null;
  return resolveReplay(streamId, ids, expected, { streamId, revision: refs[found].revision }, refs.slice(found));
}

async function conflictOrReplay(
  client: EventStoreDbClient,
  streamId: string,
  ids: readonly string[],
  expected: ExpectedRevision,
): Promise<AppendResult> {
  const tail = await readTail(client, streamId);
  const replay = await findReplayInPlace(client, streamId, ids, expected, tail);
  if (replay !== null) return replay;
  throw new WrongExpectedRevisionError(streamId, expected, tail?.revision ?? NO_STREAM);
}

async function readRefs(client: EventStoreDbClient, streamId: string, fromRevision: number, maxCount?: number): Promise<StoredEventRef[]> {
  const resolved = await readStreamEvents(client, streamId, fromRevision, maxCount);
  return resolved.flatMap((item) =>
    item.event === undefined ? [] : [{ id: item.event.id, revision: Number(item.event.revision), position: positionOf(item) }],
  );
}

/** The server answers an idempotent retry without a position: then read it from the event. */
async function appendedPosition(client: EventStoreDbClient, streamId: string, result: EsdbAppendResult): Promise<number> {
  const commit = result.position?.commit;
  if (isLogPosition(commit)) return Number(commit);
  const [last] = await readStreamEvents(client, streamId, Number(result.nextExpectedRevision), 1);
  return last === undefined ? -1 : positionOf(last);
}

/** no-stream and a revision name one place for the batch; any and stream-exists do not. */
function isExact(expected: ExpectedRevision): boolean {
  return expected === NO_STREAM || typeof expected === 'number';
}
