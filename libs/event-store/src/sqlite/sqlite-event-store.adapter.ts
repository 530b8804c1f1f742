import Database from 'better-sqlite3';
import { AppendSignal } from '../append-signal';
import { assertAppendableBatch } from '../append-batch';
import { NewEvent, RecordedEvent } from '../event-envelope';
import { matchesNothing } from '../event-filter';
import { resolveReplay } from '../event-id-replay';
import { DuplicateEventIdError, EventStoreUnavailableError } from '../event-store.errors';
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
import { ProjectionEvent, ProjectionReader } from '../projection-reader';
import { StoredEventRow, StoredRowReader } from '../stored-event-row';
import { prefixUpperBound, StreamPrefixReader, StreamsByPrefixOptions } from '../stream-prefix-reader';
import { BusyRetryPolicy, hasCode, isBusy, withBusyRetry } from './sqlite-busy-retry';
import { GroupCommit, GroupOutcome } from './group-commit';
import { openSqliteDatabase } from './sqlite-database';
import { describeWriteFailure, ReportsWriteFailures, sqliteWriteFailure, STORAGE_RETRY_AFTER_SECONDS, WriteFailureReport, WriteFailures } from './sqlite-write-failure';
import { ensureEventLogSchema } from './sqlite-event-log.schema';
import { EventLogStatements } from './sqlite-event-log.statements';
import { LazyMetadataEvent, recordedFromTuple, storedFromTuple } from './sqlite-event-row';

export interface SqliteEventStoreOptions {
  /** Database file; its directory is created when missing. */
  readonly file: string;
  /** SQLite's own wait for a lock held by another connection (default 200 ms). */
  readonly busyTimeoutMs?: number;
  /** Asynchronous retries on top of the busy timeout (default 20 retries, 25 ms base pause). */
  readonly busyRetry?: BusyRetryPolicy;
  /** How often subscriptions look for appends by other processes (default 25 ms). */
  readonly pollIntervalMs?: number;
  /** Events per page while a subscription catches up (default 500). */
  readonly subscriptionPageSize?: number;
  /**
   * Most appends committed together (default 256; 1 = a transaction and
   * fsync of its own for every append). See `append`.
   */
  readonly maxAppendsPerCommit?: number;
}

interface PendingAppend {
  readonly streamId: string;
  readonly events: readonly NewEvent[];
  readonly expected: ExpectedRevision;
}

/**
 * The embedded event store: one SQLite file, shareable by several processes.
 * Each append is one `BEGIN IMMEDIATE` transaction: taking the write lock up
 * front means the revision check, the hash of the previous event and the
 * insert all see the same stream tail, and no other writer can slip between.
 *
 * Group commit: appends that arrive while this process is busy (concurrent
 * requests) are committed together, in arrival order, in one such
 * transaction and so one fsync. Each runs in a savepoint of its own with its
 * own expected-revision check: one that fails rolls back alone and rejects
 * its caller, the others commit. Every caller is answered only after the
 * COMMIT, so durability is the same as one transaction per append
 * (`synchronous=FULL`); what is shared is the fsync.
 */
export class SqliteEventStore implements EventStore, StoredRowReader, ProjectionReader, ReportsWriteFailures, StreamPrefixReader {
  readonly densePositions = true;
  readonly reportsFilteredProgress = true;
  private readonly db: Database.Database;
  private readonly statements: EventLogStatements;
  private readonly busyRetry: BusyRetryPolicy;
  private readonly appended = new AppendSignal();
  private readonly subscriptions = new OpenSubscriptions();
  private readonly appends: GroupCommit<PendingAppend, AppendResult>;
  private readonly writeFailures = new WriteFailures();

  constructor(private readonly options: SqliteEventStoreOptions) {
    this.db = openSqliteDatabase(options.file, { busyTimeoutMs: options.busyTimeoutMs });
    this.busyRetry = options.busyRetry ?? { retries: 20, delayMs: 25 };
    try {
      ensureEventLogSchema(this.db);
      this.statements = new EventLogStatements(this.db);
    } catch (error) {
      this.db.close();
      throw error;
    }
    // Called inside the group's transaction, better-sqlite3 runs this one in a savepoint.
    const appendOne = this.db.transaction(this.appendUnderLock.bind(this));
    const group = this.db.transaction((appends: readonly PendingAppend[]): GroupOutcome<AppendResult>[] =>
      appends.map((append) => {
        try {
          return { result: appendOne(append.streamId, append.events, append.expected) };
        } catch (error) {
          // A busy database fails the whole group, which withBusyRetry then runs again. So does an error after
          // which SQLite rolled back the whole transaction itself (an I/O error, a full disk): the appends after
          // this one would otherwise each commit on their own, outside it, while their callers were told the
          // group failed.
          if (isBusy(error) || !this.db.inTransaction) throw error;
          return { error };
        }
      }),
    );
    this.appends = new GroupCommit(async (appends) => {
      let outcomes: GroupOutcome<AppendResult>[];
      try {
        outcomes = await withBusyRetry(() => group.immediate(appends), this.busyRetry);
      } catch (error) {
        throw this.refusedWrite(error, appends.length);
      }
      this.appended.notify();
      if (outcomes.some((outcome) => 'result' in outcome)) this.writeFailures.succeeded();
      return outcomes.map((outcome) => ('error' in outcome ? { error: this.refusedWrite(outcome.error) } : outcome));
    }, options.maxAppendsPerCommit ?? 256);
  }

  static open(file: string, options: Omit<SqliteEventStoreOptions, 'file'> = {}): SqliteEventStore {
    return new SqliteEventStore({ ...options, file });
  }

  /** Appends refused for a full disk or a failed write since the last one that committed; null when none. */
  writeFailure(): WriteFailureReport | null {
    return this.writeFailures.writeFailure();
  }

  writesRefused(): number {
    return this.writeFailures.writesRefused();
  }

  /** The underlying connection, for pragmas and diagnostics. */
  get database(): Database.Database {
    return this.db;
  }

  async append(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    assertValidExpectedRevision(expected);
    assertAppendableBatch(events);
    return this.appends.submit({ streamId, events, expected });
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const from = options.fromRevision ?? 0;
    const limit = options.maxCount ?? -1;
    const types = options.eventTypes;
    const rows = await withBusyRetry(
      () => (types === undefined ? this.statements.readStream.all(streamId, from, limit) : this.statements.readStreamOfTypes(streamId, from, limit, types)),
      this.busyRetry,
    );
    return rows.map(recordedFromTuple);
  }

  /** One query for all of them: per stream, a query's own cost was about as much as reading the stream's rows. */
  async readStreams(streamIds: readonly string[]): Promise<RecordedEvent[][]> {
    const rows = await withBusyRetry(() => this.statements.readStreams.all(JSON.stringify(streamIds)), this.busyRetry);
    const byStream = new Map<string, RecordedEvent[]>();
    for (const row of rows) {
      const event = recordedFromTuple(row);
      const stream = byStream.get(event.streamId);
      if (stream === undefined) byStream.set(event.streamId, [event]);
      else stream.push(event);
    }
    return streamIds.map((streamId) => [...(byStream.get(streamId) ?? [])]);
  }

  /** Through the `(stream_id, revision)` index: the streams of a category without the rest of the log. */
  async readStreamsByPrefix(prefix: string, options: StreamsByPrefixOptions): Promise<RecordedEvent[]> {
    // From the prefix itself, not from '': the index is walked from the cursor, which never lies before the range then.
    const range = { from: prefix, below: prefixUpperBound(prefix), afterStream: options.after?.streamId ?? prefix, afterRevision: options.after?.revision ?? -1 };
    const rows = await withBusyRetry(
      () => this.statements.readStreamRange(range, { after: options.afterPosition ?? null, upTo: options.upToPosition ?? null }, options.eventTypes ?? null, options.limit),
      this.busyRetry,
    );
    return rows.map(recordedFromTuple);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    if (matchesNothing(options.filter)) return [];
    const rows = await withBusyRetry(
      () => this.statements.readAll(options.after ?? 0, options.limit ?? -1, options.filter),
      this.busyRetry,
    );
    return rows.map(recordedFromTuple);
  }

  async readAllBackwards(options: ReadAllBackwardsOptions): Promise<RecordedEvent[]> {
    const before = options.before ?? Number.MAX_SAFE_INTEGER;
    const rows = await withBusyRetry(() => this.statements.readBackwards.all(before, Math.max(0, options.limit)), this.busyRetry);
    return rows.map(recordedFromTuple);
  }

  /**
   * The stored strings in log order, for the hash-chain verifier and exports. From the start (null) means every row,
   * those below position 1 too: SQLite never hands such a position out, but a row put there by hand is one
   * `readStream` returns, so verification must see it (and name it) rather than pass it by as `position > 0` would.
   */
  async readStoredRows(afterPosition: number | null, limit: number, filter?: EventFilter): Promise<StoredEventRow[]> {
    if (matchesNothing(filter)) return [];
    const rows = await withBusyRetry(() => this.statements.readAll(afterPosition ?? -Infinity, limit, filter), this.busyRetry);
    return rows.map(storedFromTuple);
  }

  /** Only the columns projections fold; metadata is looked up per event on first use. */
  async readForProjections(afterPosition: number | null, limit: number, filter?: EventFilter): Promise<ProjectionEvent[]> {
    if (matchesNothing(filter)) return [];
    const rows = await withBusyRetry(() => this.statements.readForProjections(afterPosition ?? 0, limit, filter), this.busyRetry);
    const { metadataAt } = this.statements;
    const metadataOf = (position: number) => metadataAt.get(position)!;
    return rows.map((row) => new LazyMetadataEvent(row, metadataOf));
  }

  subscribe(options: SubscribeOptions): Subscription {
    return this.subscriptions.track(
      followLog(this, this.appended, options, {
        pollIntervalMs: this.options.pollIntervalMs ?? 25,
        pageSize: this.options.subscriptionPageSize ?? 500,
      }),
    );
  }

  async headPosition(): Promise<number | null> {
    return withBusyRetry(() => this.statements.head.get() ?? null, this.busyRetry);
  }

  /** From `sqlite_sequence`, not from the rows: deleting the log's newest rows leaves it where it was. */
  async highestPositionIssued(): Promise<number | null> {
    return withBusyRetry(() => this.statements.issued.get() ?? null, this.busyRetry);
  }

  async close(): Promise<void> {
    await this.appends.idle();
    await this.subscriptions.stopAll();
    if (this.db.open) this.db.close();
  }

  /**
   * A full disk, or a write to it that failed, as a retryable refusal: the
   * API answers 503 with Retry-After instead of a 500. SQLite rolled the
   * append back (the whole group, when it rolled back the transaction), so
   * nothing is half-written; it takes appends again once space is back.
   * Any other error stays what it is.
   */
  private refusedWrite(error: unknown, appends = 1): unknown {
    const failure = sqliteWriteFailure(error);
    if (failure === null) return error;
    this.writeFailures.failed(failure, appends);
    return new EventStoreUnavailableError(`The event log could not be written: ${describeWriteFailure(failure)}`, STORAGE_RETRY_AFTER_SECONDS, failure.outcome, failure.reason);
  }

  /** Runs inside BEGIN IMMEDIATE; throwing rolls the whole batch back. */
  private appendUnderLock(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): AppendResult {
    const { statements } = this;
    const place = statements.eventIdPlace.get(events[0].id);
    if (place !== undefined) {
      const following = statements.streamRefsFrom.all(place.streamId, place.revision, events.length);
      return resolveReplay(streamId, events.map((event) => event.id), expected, place, following);
    }
    // A later id of the batch used elsewhere: refuse before writing anything.
    for (const event of events.slice(1)) {
      if (statements.eventIdPlace.get(event.id) !== undefined) throw new DuplicateEventIdError(event.id);
    }
    const tail = statements.streamTail.get(streamId);
    assertExpectedRevision(streamId, expected, tail?.revision ?? null);
    let position = 0;
    for (const { event, revision, stored, chain } of linkBatch(streamId, tail?.hash ?? null, (tail?.revision ?? -1) + 1, events)) {
      try {
        position = Number(
          statements.insert.run(streamId, revision, event.id, event.type, event.schemaVersion, stored.data, stored.metadata, chain.previousHash, chain.hash)
            .lastInsertRowid,
        );
      } catch (error) {
        // Backstop: every id was looked up above, under the same write lock.
        if (hasCode(error) && error.code.startsWith('SQLITE_CONSTRAINT') && statements.eventIdPlace.get(event.id) !== undefined) {
          throw new DuplicateEventIdError(event.id);
        }
        throw error;
      }
    }
    return { nextRevision: (tail?.revision ?? -1) + events.length, position };
  }
}
