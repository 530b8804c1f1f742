import { NewEvent, RecordedEvent } from './event-envelope';

/** Expected state of a stream before an append (optimistic concurrency). */
export const NO_STREAM = 'no-stream' as const;
export const STREAM_EXISTS = 'stream-exists' as const;
export const ANY = 'any' as const;
export type ExpectedRevision = typeof NO_STREAM | typeof STREAM_EXISTS | typeof ANY | number;

export interface AppendResult {
  /** Revision of the last event of the batch (the stream's new revision). */
  readonly nextRevision: number;
  /** Global position of the last event of the batch. */
  readonly position: number;
}

export interface ReadStreamOptions {
  /** First revision to return (inclusive). Default 0. */
  readonly fromRevision?: number;
  /** Most events returned (of `eventTypes`, when given). */
  readonly maxCount?: number;
  /**
   * Only events of these types (exactly; an empty list: none). Each keeps its
   * revision, so the revisions read may have gaps. For reads whose answer the
   * other events cannot change, such as a cohort run's summary without its
   * solution pages: SQLite then reads none of the others' data.
   */
  readonly eventTypes?: readonly string[];
}

export interface ReadAllOptions {
  /** Return events strictly after this position. Default: from the start. */
  readonly after?: number | null;
  /** Maximum number of events returned. Default: no limit. */
  readonly limit?: number;
  readonly filter?: EventFilter;
}

export interface ReadAllBackwardsOptions {
  /** Return events strictly before this position. Default: from the head. */
  readonly before?: number | null;
  /** Maximum number of events returned. */
  readonly limit: number;
}

/**
 * Server-side filter; both lists optional, an event passes when it matches every
 * list given. A stream prefix matches by plain string prefix (case-sensitive); an
 * event type matches exactly. An empty list matches nothing.
 */
export interface EventFilter {
  readonly streamPrefixes?: readonly string[];
  readonly eventTypes?: readonly string[];
}

export type EventHandler = (event: RecordedEvent) => void | Promise<void>;

export interface SubscribeOptions {
  /** Deliver events strictly after this position; null or absent: from the start. */
  readonly after?: number | null;
  readonly filter?: EventFilter;
  /** Called once per event, in log order; the next event waits for the promise. */
  readonly onEvent: EventHandler;
  /** Called when the subscription stops because of an error (handler or store). */
  readonly onError?: (error: Error) => void;
  /**
   * Called, in order with `onEvent`, when the subscription has looked at the log
   * up to `position` (inclusive) and delivered every matching event up to it.
   * With a filter this moves past events that were filtered out, so a caller
   * waiting for a position it will never be handed still sees progress.
   */
  readonly onProgress?: (position: number) => void | Promise<void>;
}

export interface Subscription {
  /**
   * Resolves once no handler call is in flight and none will follow. Awaiting
   * it from inside the handler would wait for itself: stop from outside.
   */
  stop(): Promise<void>;
}

/**
 * The event-store port. Adapters: SQLite (embedded default), EventStoreDB,
 * in-memory (unit tests). All pass `contract/event-store.contract.ts`.
 *
 * Idempotency: appending a batch whose event ids are already the stream's
 * events at the same place appends nothing and returns the original result.
 * "The same place" is consecutive revisions, in batch order, starting where
 * `expected` puts the batch: revision 0 for no-stream, `expected + 1` for an
 * exact revision, anywhere in the stream for any / stream-exists. Any other
 * reuse of an event id is a `DuplicateEventIdError`.
 */
export interface EventStore {
  /** Appends a non-empty batch atomically; ids must be unique within the batch. */
  append(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult>;
  /** All events of a stream from a revision; [] when the stream does not exist. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /**
   * Several streams whole, each as `readStream` gives it ([] for one that
   * does not exist), in the order of `streamIds`. For a reader of many
   * streams at once (a cohort run's waiting newcomers): SQLite reads them in
   * one query, EventStoreDB side by side.
   */
  readStreams(streamIds: readonly string[]): Promise<RecordedEvent[][]>;
  /** The global log in position order. */
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /** The global log newest first, from the head or before a position: its newest events without reading the rest. */
  readAllBackwards(options: ReadAllBackwardsOptions): Promise<RecordedEvent[]>;
  /** Catch-up subscription to the global log that continues live. */
  subscribe(options: SubscribeOptions): Subscription;
  /**
   * Whether a filtered subscription reports its progress past the events its
   * filter leaves out as soon as it has read them (`onProgress`): SQLite and
   * in memory do; EventStoreDB's server says so only every 32 events it looked
   * at, so a wait there reads the log for its own events (`waitForPosition`).
   * Absent means no, the safe answer.
   */
  readonly reportsFilteredProgress?: boolean;
  /** Position of the last event in the log, or null when the log is empty. */
  headPosition(): Promise<number | null>;
  close(): Promise<void>;
}
