import { RecordedEvent } from './event-envelope';
import { EventFilter } from './event-store.port';

/**
 * An event as a projection folds it: its place in the log, its type and its
 * content. Not the event id or the hash-chain link, which only auditing reads.
 * Every `RecordedEvent` is one, so the live read side feeds projections the
 * events its subscription delivers, and a rebuild can read less.
 */
export type ProjectionEvent = Pick<RecordedEvent, 'streamId' | 'revision' | 'position' | 'type' | 'schemaVersion' | 'data' | 'metadata'>;

/**
 * Adapters that can hand out the log for rebuilding projections more cheaply
 * than `readAll`: a replay reads millions of events, and the columns a
 * projection never looks at (ids, hashes, metadata) cost as much to read as
 * the data it does.
 */
export interface ProjectionReader {
  /** Events strictly after `afterPosition` (null: from the start), in log order, at most `limit`, passing `filter` when given. */
  readForProjections(afterPosition: number | null, limit: number, filter?: EventFilter): Promise<ProjectionEvent[]>;
}

export function isProjectionReader(store: unknown): store is ProjectionReader {
  return typeof (store as Partial<ProjectionReader>).readForProjections === 'function';
}
