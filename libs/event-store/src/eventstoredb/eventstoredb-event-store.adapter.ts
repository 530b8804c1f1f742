import { EventStoreDBClient } from '@eventstore/db-client';
import { assertAppendableBatch } from '../append-batch';
import { NewEvent, RecordedEvent } from '../event-envelope';
import { matchesNothing } from '../event-filter';
import {
  AppendResult,
  EventFilter,
  EventStore,
  ExpectedRevision,
  ReadAllBackwardsOptions,
  ReadAllOptions,
  ReadStreamOptions,
  SubscribeOptions,
  Subscription,
} from '../event-store.port';
import { assertValidExpectedRevision } from '../expected-revision';
import { OpenSubscriptions } from '../open-subscriptions';
import { StoredEventRow, StoredRowReader } from '../stored-event-row';
import { EventIdGuard } from './event-id-guard';
import { EventStoreDbClient } from './eventstoredb-client';
import { translateErrors } from './eventstoredb-errors';
import { fromEsdbEvent, toStoredRow } from './eventstoredb-event-mapping';
import { readHeadPosition, readLogAfter, readLogBackwards } from './eventstoredb-log-reads';
import { positionOf } from './eventstoredb-positions';
import { readStreamEvents } from './eventstoredb-reads';
import { appendToStream, StreamAppendSettings } from './eventstoredb-stream-append';
import { EventStoreDbSubscription, ResubscribePolicy } from './eventstoredb-subscription';

/** Streams `readStreams` reads side by side. */
const STREAMS_READ_TOGETHER = 32;

export interface EventStoreDbEventStoreOptions {
  /** Read-then-append attempts for any / stream-exists when other writers get in between (default 10). */
  readonly appendAttempts?: number;
  /** Refuse event ids already used in another stream (default true; costs one extra append per event). */
  readonly guardEventIds?: boolean;
  readonly resubscribe?: ResubscribePolicy;
}

/**
 * The event store on EventStoreDB / KurrentDB, for deployments on several
 * machines. Positions are `$all` commit positions as numbers (exact below
 * 2^53 bytes of log). Our metadata, schema version and chain link travel in
 * the EventStoreDB event's metadata (see eventstoredb-event-mapping.ts).
 */
export class EventStoreDbEventStore implements EventStore, StoredRowReader {
  /** `$all` positions are byte offsets: holes between events are normal here. */
  readonly densePositions = false;
  private readonly appendSettings: StreamAppendSettings;
  private readonly resubscribe: ResubscribePolicy;
  private readonly subscriptions = new OpenSubscriptions();

  constructor(private readonly client: EventStoreDbClient, options: EventStoreDbEventStoreOptions = {}) {
    this.appendSettings = {
      attempts: options.appendAttempts ?? 10,
      guard: options.guardEventIds === false ? null : new EventIdGuard(client),
    };
    this.resubscribe = options.resubscribe ?? { initialDelayMs: 100, maxDelayMs: 5000, maxAttempts: 10 };
  }

  /** e.g. `esdb://localhost:2113?tls=false`. */
  static connect(connectionString: string, options?: EventStoreDbEventStoreOptions): EventStoreDbEventStore {
    return new EventStoreDbEventStore(EventStoreDBClient.connectionString(connectionString), options);
  }

  async append(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    assertValidExpectedRevision(expected);
    assertAppendableBatch(events);
    return translateErrors(() => appendToStream(this.client, this.appendSettings, streamId, events, expected));
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    // The server reads a stream whole: other types are left out here, and `maxCount` then counts what is kept.
    const types = options.eventTypes === undefined ? null : new Set(options.eventTypes);
    const resolved = await translateErrors(() =>
      readStreamEvents(this.client, streamId, options.fromRevision ?? 0, types === null ? options.maxCount : undefined),
    );
    const kept = types === null ? resolved : resolved.filter((item) => item.event !== undefined && types.has(item.event.type));
    return kept.slice(0, options.maxCount ?? kept.length).map((item) => {
      const recorded = item.event === undefined ? null : fromEsdbEvent(item.event, positionOf(item));
      if (recorded === null) throw new Error(`Stream ${streamId} holds an event not written by this event store`);
      return recorded;
    });
  }

  /**
   * The server has no read of several streams: each is read on its own,
   * `STREAMS_READ_TOGETHER` at a time, so their round trips overlap without
   * opening a gRPC call per stream at once.
   */
  async readStreams(streamIds: readonly string[]): Promise<RecordedEvent[][]> {
    const streams: RecordedEvent[][] = new Array(streamIds.length);
    let next = 0;
    const reader = async (): Promise<void> => {
      while (next < streamIds.length) {
        const index = next++;
        streams[index] = await this.readStream(streamIds[index]);
      }
    };
    await Promise.all(Array.from({ length: Math.min(STREAMS_READ_TOGETHER, streamIds.length) }, reader));
    return streams;
  }

  /** Our events after `afterPosition` as the hash chain saw them (see `toStoredRow`), for verification and log anchors. */
  async readStoredRows(afterPosition: number | null, limit: number, filter?: EventFilter): Promise<StoredEventRow[]> {
    return (await this.readAll({ after: afterPosition, limit, filter })).map(toStoredRow);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    if (matchesNothing(options.filter)) return [];
    const limit = options.limit ?? Number.POSITIVE_INFINITY;
    return translateErrors(() => readLogAfter(this.client, options.after ?? null, limit, options.filter));
  }

  async readAllBackwards(options: ReadAllBackwardsOptions): Promise<RecordedEvent[]> {
    return translateErrors(() => readLogBackwards(this.client, options.before ?? null, options.limit));
  }

  subscribe(options: SubscribeOptions): Subscription {
    return this.subscriptions.track(new EventStoreDbSubscription(this.client, options, this.resubscribe));
  }

  async headPosition(): Promise<number | null> {
    return translateErrors(() => readHeadPosition(this.client));
  }

  async close(): Promise<void> {
    await this.subscriptions.stopAll();
    await this.client.dispose();
  }
}
