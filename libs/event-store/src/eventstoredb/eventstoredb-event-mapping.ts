import { jsonEvent, EventData, RecordedEvent as EsdbRecordedEvent } from '@eventstore/db-client';
import { EventMetadata, JsonObject, RecordedEvent } from '../event-envelope';
import { LinkedEvent } from '../linked-batch';

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
