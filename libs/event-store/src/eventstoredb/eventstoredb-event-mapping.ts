import { jsonEvent, EventData, RecordedEvent as EsdbRecordedEvent } from '@eventstore/db-client';
import { EventMetadata, JsonObject, RecordedEvent } from '../event-envelope';
import { LinkedEvent } from '../linked-batch';
import { StoredEventRow } from '../stored-event-row';

/**
 * What we keep in an EventStoreDB event's metadata: our envelope metadata, the
 * schema version (EventStoreDB has no field for it) and the chain link. The
 * `$correlationId` / `$causationId` keys feed EventStoreDB's own
 * `$by_correlation_id` projection.
 */
type EsdbMetadata = {
  readonly $correlationId: string;
  readonly $causationId: string;
  readonly schemaVersion: number;
  readonly metadata: EventMetadata;
  readonly previousHash: string | null;
  readonly hash: string;
};

/**
 * The client serialises `data` with JSON.stringify, the same function as
 * `serialiseEvent`, so the bytes on the server are the bytes that were hashed.
 */
export function toEsdbEventData(linked: LinkedEvent): EventData {
  const { event, chain } = linked;
  const metadata: EsdbMetadata = {
    $correlationId: event.metadata.correlationId,
    $causationId: event.metadata.causationId,
    schemaVersion: event.schemaVersion,
    metadata: event.metadata,
    previousHash: chain.previousHash,
    hash: chain.hash,
  };
  return jsonEvent({ id: event.id, type: event.type, data: event.data, metadata });
}

/** True for EventStoreDB's own streams and events, which are not part of our log. */
export function isSystemEvent(streamId: string, type: string): boolean {
  return streamId.startsWith('$') || type.startsWith('$');
}

/**
 * Our event, or null when the record was not written through this adapter
 * (system events, event-id reservations, other applications' streams).
 */
export function fromEsdbEvent(event: EsdbRecordedEvent, position: number): RecordedEvent | null {
  if (isSystemEvent(event.streamId, event.type) || !event.isJson || !isJsonObject(event.data)) return null;
  const metadata = event.metadata;
  if (!isEsdbMetadata(metadata)) return null;
  return {
    id: event.id,
    type: event.type,
    schemaVersion: metadata.schemaVersion,
    data: event.data,
    metadata: metadata.metadata,
    streamId: event.streamId,
    revision: Number(event.revision),
    position,
    chain: { previousHash: metadata.previousHash, hash: metadata.hash },
  };
}

function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}

function isEsdbMetadata(value: unknown): value is EsdbMetadata {
  if (!isJsonObject(value)) return false;
  return (
    typeof value.schemaVersion === 'number' &&
    typeof value.hash === 'string' &&
    (value.previousHash === null || typeof value.previousHash === 'string') &&
    isJsonObject(value.metadata)
  );
}

/**
 * An event as the hash chain saw it. The server keeps `data` as the bytes
 * JSON.stringify wrote, and our envelope metadata inside its own metadata;
 * the client hands both back parsed. JSON.stringify of what JSON.parse read
 * from JSON.stringify's output is that output again (same key order, same
 * numbers, same escapes), so these are the hashed strings: a changed value
 * breaks the event's hash, as on SQLite. Only a change of layout that keeps
 * every value (spaces between tokens) would go unseen, and it changes nothing
 * the log says.
 */
export function toStoredRow(event: RecordedEvent): StoredEventRow {
  return {
    position: event.position,
    streamId: event.streamId,
    revision: event.revision,
    eventId: event.id,
    type: event.type,
    schemaVersion: event.schemaVersion,
    data: JSON.stringify(event.data),
    metadata: JSON.stringify(event.metadata),
    previousHash: event.chain.previousHash,
    hash: event.chain.hash,
  };
}
