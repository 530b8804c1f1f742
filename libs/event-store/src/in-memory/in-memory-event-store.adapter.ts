import { AppendSignal } from '../append-signal';
import { assertAppendableBatch } from '../append-batch';
import { NewEvent, RecordedEvent } from '../event-envelope';
import { matchesFilter, matchesNothing } from '../event-filter';
import { resolveReplay } from '../event-id-replay';
import { DuplicateEventIdError } from '../event-store.errors';
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
import { assertExpectedRevision, assertValidExpectedRevision } from '../expected-revision';
import { linkBatch } from '../linked-batch';
import { followLog } from '../log-follower';
import { OpenSubscriptions } from '../open-subscriptions';
import { StoredEventRow, StoredRowReader, toRecordedEvent } from '../stored-event-row';
import { StreamPrefixReader, StreamsByPrefixOptions } from '../stream-prefix-reader';

/**
 * The event store for unit tests: the same rules, hashing and stored strings
 * as the SQLite adapter, kept in arrays. Events are parsed afresh on every
 * read, so a test that mutates what it read cannot change the log.
 */
export class InMemoryEventStore implements EventStore, StoredRowReader, StreamPrefixReader {
  readonly densePositions = true;
  readonly reportsFilteredProgress = true;
  private readonly log: StoredEventRow[] = [];
  private readonly streams = new Map<string, StoredEventRow[]>();
  private readonly byEventId = new Map<string, StoredEventRow>();
  private readonly appended = new AppendSignal();
  private readonly subscriptions = new OpenSubscriptions();
  private closed = false;

  async append(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    this.assertOpen();
    assertValidExpectedRevision(expected);
    assertAppendableBatch(events);
    const stream = this.streams.get(streamId) ?? [];
    const existing = this.byEventId.get(events[0].id);
    if (existing !== undefined) {
      const following = (this.streams.get(existing.streamId) ?? []).slice(existing.revision, existing.revision + events.length);
      return resolveReplay(
        streamId,
        events.map((event) => event.id),
        expected,
        existing,
        following.map((row) => ({ id: row.eventId, revision: row.revision, position: row.position })),
      );
    }
    const last = stream.at(-1);
    assertExpectedRevision(streamId, expected, last?.revision ?? null);
    for (const event of events) {
      if (this.byEventId.has(event.id)) throw new DuplicateEventIdError(event.id);
    }
    const linked = linkBatch(streamId, last?.hash ?? null, (last?.revision ?? -1) + 1, events);
    for (const { event, revision, stored, chain } of linked) {
      const row: StoredEventRow = {
        position: this.log.length + 1,
        streamId,
        revision,
        eventId: event.id,
        type: event.type,
        schemaVersion: event.schemaVersion,
        data: stored.data,
        metadata: stored.metadata,
        previousHash: chain.previousHash,
        hash: chain.hash,
      };
      this.log.push(row);
      stream.push(row);
      this.byEventId.set(event.id, row);
    }
    this.streams.set(streamId, stream);
    this.appended.notify();
    const lastRow = stream[stream.length - 1];
    return { nextRevision: lastRow.revision, position: lastRow.position };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const from = options.fromRevision ?? 0;
    const types = options.eventTypes === undefined ? null : new Set(options.eventTypes);
    const stream = (this.streams.get(streamId) ?? []).slice(from).filter((row) => types === null || types.has(row.type));
    return stream.slice(0, options.maxCount ?? stream.length).map(toRecordedEvent);
  }

  async readStreams(streamIds: readonly string[]): Promise<RecordedEvent[][]> {
    this.assertOpen();
    return streamIds.map((streamId) => (this.streams.get(streamId) ?? []).map(toRecordedEvent));
  }

  /** Streams in code-point order of their ids, as SQLite orders them. */
  async readStreamsByPrefix(prefix: string, options: StreamsByPrefixOptions): Promise<RecordedEvent[]> {
    this.assertOpen();
    const ids = [...this.streams.keys()].filter((id) => id.startsWith(prefix)).sort(byCodePoint);
    const types = options.eventTypes === undefined ? null : new Set(options.eventTypes);
    const after = options.after ?? null;
    const result: RecordedEvent[] = [];
    for (const id of ids) {
      const order = after === null ? 1 : byCodePoint(id, after.streamId);
      if (order < 0) continue;
      for (const row of this.streams.get(id)!) {
        if (order === 0 && row.revision <= after!.revision) continue;
        if (options.afterPosition !== undefined && row.position <= options.afterPosition) continue;
        if (options.upToPosition !== undefined && row.position > options.upToPosition) continue;
        if (types !== null && !types.has(row.type)) continue;
        if (result.length === options.limit) return result;
        result.push(toRecordedEvent(row));
      }
    }
    return result;
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    if (matchesNothing(options.filter)) return [];
    const limit = options.limit ?? Number.POSITIVE_INFINITY;
    const result: RecordedEvent[] = [];
    // Positions are 1..n with no gaps here, so `after` is also an array index.
    for (let index = Math.max(0, options.after ?? 0); index < this.log.length && result.length < limit; index += 1) {
      const row = this.log[index];
      if (matchesFilter(options.filter, row.streamId, row.type)) result.push(toRecordedEvent(row));
    }
    return result;
  }

  async readStoredRows(afterPosition: number | null, limit: number, filter?: EventFilter): Promise<StoredEventRow[]> {
    const from = Math.max(0, afterPosition ?? 0);
    if (filter === undefined) return this.log.slice(from, from + limit);
    const rows: StoredEventRow[] = [];
    for (let index = from; index < this.log.length && rows.length < limit; index++) {
      if (matchesFilter(filter, this.log[index].streamId, this.log[index].type)) rows.push(this.log[index]);
    }
    return rows;
  }

  subscribe(options: SubscribeOptions): Subscription {
    this.assertOpen();
    // Nothing outside this process can append, so polling is only a safety net.
    return this.subscriptions.track(followLog(this, this.appended, options, { pollIntervalMs: 1000, pageSize: 500 }));
  }

  async readAllBackwards(options: ReadAllBackwardsOptions): Promise<RecordedEvent[]> {
    this.assertOpen();
    // Positions are 1..n with no gaps: the event at position p is at index p - 1.
    const end = Math.min(this.log.length, (options.before ?? this.log.length + 1) - 1);
    return this.log.slice(Math.max(0, end - Math.max(0, options.limit)), Math.max(0, end)).reverse().map((row) => toRecordedEvent(row));
  }

  async headPosition(): Promise<number | null> {
    this.assertOpen();
    return this.log.length === 0 ? null : this.log.length;
  }

  async close(): Promise<void> {
    await this.subscriptions.stopAll();
    this.closed = true;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('InMemoryEventStore is closed');
  }
}

/** Code-point order, as SQLite compares UTF-8 (JavaScript's `<` compares UTF-16 code units). */
function byCodePoint(a: string, b: string): number {
  const left = [...a];
  const right = [...b];
  for (let index = 0; index < Math.min(left.length, right.length); index++) {
    const difference = left[index].codePointAt(0)! - right[index].codePointAt(0)!;
    if (difference !== 0) return difference;
  }
  return left.length - right.length;
}
