import { RecordedEvent } from './event-envelope';

/** Where a read of streams by prefix goes on from: after this stream's event at this revision. */
export interface StreamCursor {
  readonly streamId: string;
  readonly revision: number;
}

export interface StreamsByPrefixOptions {
  /** Go on after this event (null or absent: from the first stream). */
  readonly after?: StreamCursor | null;
  readonly limit: number;
  /** Only events after this log position. */
  readonly afterPosition?: number;
  /** Only events at this log position or before. */
  readonly upToPosition?: number;
  /** Only events of these types (exactly; an empty list: none). */
  readonly eventTypes?: readonly string[];
}

/**
 * Adapters that can read every stream of a category through their index of
 * streams, without going through the rest of the log: SQLite by its
 * `(stream_id, revision)` index, in-memory from its streams. EventStoreDB has
 * no such read (its `$ce-` category streams need the server's system
 * projections); a reader falls back on the log filtered by stream prefix,
 * which gives the same events in log order.
 */
export interface StreamPrefixReader {
  /**
   * The events of every stream whose id starts with `prefix`, stream by
   * stream (streams in the store's order of ids, each in revision order),
   * after `after`, at most `limit`, passing `afterPosition`, `upToPosition`
   * and `eventTypes` when given.
   */
  readStreamsByPrefix(prefix: string, options: StreamsByPrefixOptions): Promise<RecordedEvent[]>;
}

export function isStreamPrefixReader(store: unknown): store is StreamPrefixReader {
  return typeof (store as Partial<StreamPrefixReader>).readStreamsByPrefix === 'function';
}

/**
 * The least string above every string that starts with `prefix`, in code
 * point order (SQLite's binary order of UTF-8): the prefix with its last
 * code point raised by one, past the surrogates; null when there is none
 * (an empty prefix, or one of U+10FFFF alone).
 */
export function prefixUpperBound(prefix: string): string | null {
  const points = [...prefix];
  while (points.length > 0) {
    const last = points.pop()!.codePointAt(0)!;
    if (last < 0x10ffff) return points.join('') + String.fromCodePoint(last + 1 === 0xd800 ? 0xe000 : last + 1);
  }
  return null;
}
