import { EventMetadata, JsonObject, RecordedEvent } from '@sleutel/event-store';

/**
 * An event as an auditor reads it (SPEC §9): exactly as stored — the schema
 * version it was written with, its data unconverted — with its full metadata
 * and its hash-chain link.
 */
export interface AuditEvent {
  readonly position: number;
  readonly streamId: string;
  readonly revision: number;
  readonly id: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: JsonObject;
  readonly metadata: EventMetadata;
  readonly chain: { readonly previousHash: string | null; readonly hash: string };
}

export function toAuditEvent(event: RecordedEvent): AuditEvent {
  return {
    position: event.position,
    streamId: event.streamId,
    revision: event.revision,
    id: event.id,
    type: event.type,
    schemaVersion: event.schemaVersion,
    data: event.data,
    metadata: event.metadata,
    chain: event.chain,
  };
}
