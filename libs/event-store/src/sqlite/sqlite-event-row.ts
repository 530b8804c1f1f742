import { JsonObject, RecordedEvent } from '../event-envelope';
import { parseMetadata } from '../hash-chain';
import { StoredEventRow } from '../stored-event-row';
import { EventRowTuple } from './sqlite-event-log.statements';

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
