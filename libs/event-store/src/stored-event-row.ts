import { JsonObject, RecordedEvent } from './event-envelope';
import { EventFilter } from './event-store.port';
import { parseMetadata } from './hash-chain';

/**
 * One event exactly as an adapter keeps it: `data` and `metadata` are the
 * strings the chain hash was computed over. A hash-chain verifier reads these,
 * never the parsed `RecordedEvent`, so it checks the bytes on disk.
 */
export interface StoredEventRow {
  readonly position: number;
  readonly streamId: string;
  readonly revision: number;
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: string;
  readonly metadata: string;
  readonly previousHash: string | null;
  readonly hash: string;
}

/** Adapters that can hand out their stored rows in log order. */
export interface StoredRowReader {
  /**
   * True when positions run 1, 2, 3, … with no holes (SQLite, in-memory), so
   * a hole means an event was removed; false when they are offsets with gaps
   * of their own (EventStoreDB's `$all` commit positions).
   */
  readonly densePositions: boolean;
  /** Rows strictly after `afterPosition` (null: from the start, any row the store holds), at most `limit`, passing `filter` when given. */
  readStoredRows(afterPosition: number | null, limit: number, filter?: EventFilter): Promise<StoredEventRow[]>;
  /**
   * The highest position the store has handed out to a committed event, kept apart from the rows (SQLite's
   * `sqlite_sequence`); null before the first. Where positions are dense, a log whose last row is below it
   * was cut short: the one removal a hole between rows cannot show. Absent where the store keeps no such count.
   */
  highestPositionIssued?(): Promise<number | null>;
}

export function toRecordedEvent(row: StoredEventRow): RecordedEvent {
  return {
    id: row.eventId,
    type: row.type,
    schemaVersion: row.schemaVersion,
    data: JSON.parse(row.data) as JsonObject,
    metadata: parseMetadata(row.metadata),
    streamId: row.streamId,
    revision: row.revision,
    position: row.position,
    chain: { previousHash: row.previousHash, hash: row.hash },
  };
}
