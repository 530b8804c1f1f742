import { EventMetadata, JsonObject, RecordedEvent } from '../event-envelope';
import { parseMetadata } from '../hash-chain';
import { ProjectionEvent } from '../projection-reader';
import { StoredEventRow } from '../stored-event-row';
import { EventRowTuple, ProjectionRowTuple } from './sqlite-event-log.statements';

/** Straight from the raw tuple to the event, without an intermediate row object. */
export function recordedFromTuple(row: EventRowTuple): RecordedEvent {
  return {
    id: row[3],
    type: row[4],
    schemaVersion: row[5],
    data: JSON.parse(row[6]) as JsonObject,
    metadata: parseMetadata(row[7]),
    streamId: row[1],
    revision: row[2],
    position: row[0],
    chain: { previousHash: row[8], hash: row[9] },
  };
}

export function storedFromTuple(row: EventRowTuple): StoredEventRow {
  return {
    position: row[0],
    streamId: row[1],
    revision: row[2],
    eventId: row[3],
    type: row[4],
    schemaVersion: row[5],
    data: row[6],
    metadata: row[7],
    previousHash: row[8],
    hash: row[9],
  };
}

/**
 * An event for a projection, its metadata read from the log on first use:
 * few projections look at it, and reading it for every event of a replay
 * costs more than the lookups of those that do. The log is append-only, so
 * the row read later is the row this event came from.
 */
export class LazyMetadataEvent implements ProjectionEvent {
  readonly position: number;
  readonly streamId: string;
  readonly revision: number;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: JsonObject;
  private parsedMetadata: EventMetadata | undefined;

  constructor(row: ProjectionRowTuple, private readonly metadataAt: (position: number) => string) {
    this.position = row[0];
    this.streamId = row[1];
    this.revision = row[2];
    this.type = row[3];
    this.schemaVersion = row[4];
    this.data = JSON.parse(row[5]) as JsonObject;
  }

  get metadata(): EventMetadata {
    this.parsedMetadata ??= parseMetadata(this.metadataAt(this.position));
    return this.parsedMetadata;
  }
}
