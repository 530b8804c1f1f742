import { EventCodec, isReadable } from '@sleutel/eventsourcing';
import { setImmediate as nextTurn } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { EventStore, isProjectionReader, ProjectionEvent, RecordedEvent } from '@sleutel/event-store';
import {
  digestTables, firstDifference, PROJECTIONS, projectedEventTypes, ProjectionDefinition, ProjectionRebuild, RowDifference,
} from '@sleutel/projections';

/** The live read models, as the read side of this process offers them (`ReadSide` fits). */
export interface LiveReadModels {
  /** Log position the live projections have caught up to; null before the first event. */
  readonly position: number | null;
  /** Runs `read` synchronously on the live database: nothing changes it meanwhile. */
  inspect<T>(read: (db: Database.Database) => T): T;
  /**
   * Whether they hold every event they read up to `position`, waiting (bounded) for it. Not `position >= head`:
   * on EventStoreDB their position stays at their own last event while the log's newest are none they read.
   */
  reached(position: number, timeoutMs: number): Promise<boolean>;
}

export interface ProjectionComparison {
  readonly name: string;
  readonly liveDigest: string;
  readonly rebuiltDigest: string;
  readonly equal: boolean;
  readonly liveRows: number;
  readonly rebuiltRows: number;
  /** For a mismatch, the first row (in key order) that differs. */
  readonly firstDifference: RowDifference | null;
}

export interface ReplayResult {
  /** The log position both sides were compared at; null for an empty log. */
  readonly position: number | null;
  /** Events read from the log and applied to the fresh projections. */
  readonly events: number;
  readonly seconds: number;
  readonly projections: readonly ProjectionComparison[];
}

export interface ReplayOptions {
  readonly projections?: readonly ProjectionDefinition[];
  readonly pageSize?: number;
  /** Told the share of the log replayed so far (0..1) after every page. */
  readonly onProgress?: (progress: number, position: number) => void;
  /**
   * How stored events become what projections read (the platform's codec):
   * sealed personal data is opened, and events whose subject was erased are
   * left out, exactly as the live read side does. Absent: events as stored.
   */
  readonly codec?: EventCodec;
  /** How long to wait for the live side to reach the head the replay started at. */
  readonly catchUpTimeoutMs?: number;
}

/**
 * Rebuilds every projection from position zero into fresh storage and
 * compares it with the live one at the same log position (SPEC §6).
 *
 * The live side keeps moving while this runs, so: rebuild up to the head as
 * it was at the start; wait until the live side has got that far; then, in
 * one synchronous stretch (nothing else in this process runs meanwhile, and
 * only this process writes its read models), note the live side's position
 * and digest it; carry the rebuild on to exactly that position; digest it.
 * A mismatch is looked at again on a snapshot of the live database taken the
 * same way, so the first differing key is found on rows of one moment.
 */
export async function replayProjections(store: EventStore, live: LiveReadModels, options: ReplayOptions = {}): Promise<ReplayResult> {
  const projections = options.projections ?? PROJECTIONS;
  const started = process.hrtime.bigint();
  const feed = new RebuildFeed(store, new ProjectionRebuild(projections), projections, options);
  try {
    const head = await store.headPosition();
    await feed.upTo(head);
    if (head !== null) await caughtUp(live, head, options.catchUpTimeoutMs ?? 60_000);
    await nextTurn();
    const at = live.position;
    const liveDigests = live.inspect((db) => projections.map((projection) => digestTables(db, projection.tables)));
    await feed.upTo(at);
    feed.rebuild.buildIndexes();
    let comparisons = projections.map((projection, index) => compare(projection, liveDigests[index], feed.rebuild.digest(projection), null));
    let position = at;
    if (comparisons.some((comparison) => !comparison.equal)) ({ comparisons, position } = await lookCloser(live, feed, projections));
    return { position, events: feed.events, seconds: Number(process.hrtime.bigint() - started) / 1e9, projections: comparisons };
  } finally {
    feed.rebuild.close();
  }
}

/** A mismatch: compare again against a copy of the live database taken at one instant, and find the first differing row. */
async function lookCloser(live: LiveReadModels, feed: RebuildFeed, projections: readonly ProjectionDefinition[]) {
  await nextTurn();
  const position = live.position;
  const snapshot = new Database(asRollbackJournal(live.inspect((db) => db.serialize())));
  try {
    await feed.upTo(position);
    const comparisons = projections.map((projection) => {
      const rebuilt = feed.rebuild.digest(projection);
      const liveDigest = digestTables(snapshot, projection.tables);
      const difference = liveDigest.digest === rebuilt.digest ? null : firstDifference(snapshot, feed.rebuild.db, projection.tables);
      return compare(projection, liveDigest, rebuilt, difference);
    });
    return { comparisons, position };
  } finally {
    snapshot.close();
  }
}

/**
 * A serialised WAL database says so in its header (file format bytes 18 and
 * 19 = 2), and SQLite refuses to open such an image in memory; the pages are
 * complete (serialising reads through the WAL), so mark them as a rollback-
 * journal database.
 */
function asRollbackJournal(image: Buffer): Buffer {
  image[18] = 1;
  image[19] = 1;
  return image;
}

function compare(
  projection: ProjectionDefinition,
  live: { digest: string; rows: number },
  rebuilt: { digest: string; rows: number },
  difference: RowDifference | null,
): ProjectionComparison {
  return {
    name: projection.name,
    liveDigest: live.digest,
    rebuiltDigest: rebuilt.digest,
    equal: live.digest === rebuilt.digest,
    liveRows: live.rows,
    rebuiltRows: rebuilt.rows,
    firstDifference: difference,
  };
}

async function caughtUp(live: LiveReadModels, head: number, timeoutMs: number): Promise<void> {
  if (!(await live.reached(head, timeoutMs))) throw new Error(`The live read models did not reach position ${head} within ${timeoutMs} ms`);
}

/** Reads the log in pages of projected event types and applies them, remembering how far it got. */
class RebuildFeed {
  events = 0;
  private after: number | null = null;
  private readonly eventTypes: string[];
  private readonly pageSize: number;

  constructor(
    private readonly store: EventStore,
    readonly rebuild: ProjectionRebuild,
    projections: readonly ProjectionDefinition[],
    private readonly options: ReplayOptions,
  ) {
    this.eventTypes = projectedEventTypes(projections);
    this.pageSize = options.pageSize ?? 5000;
  }

  async upTo(target: number | null): Promise<void> {
    if (target === null) return;
    while ((this.after ?? 0) < target) {
      const page = await this.readPage();
      const within = page.length > 0 && page[page.length - 1].position > target ? page.filter((event) => event.position <= target) : page;
      this.rebuild.apply(await this.decoded(within));
      this.events += within.length;
      // A short page means nothing more up to the head it was read at, and the target is at most that head.
      this.after = page.length < this.pageSize || within.length < page.length ? target : within[within.length - 1].position;
      this.options.onProgress?.(Math.min(1, this.after / target), this.after);
      // Let HTTP requests in between pages: a replay of millions of events must not stall the API.
      await nextTurn();
    }
  }

  /**
   * Events with sealed personal data are read again in full (the codec binds
   * their id and metadata) and opened; the rest pass as read. Those whose
   * subject was erased are dropped, as the live read side drops them.
   */
  private async decoded(events: readonly ProjectionEvent[]): Promise<readonly ProjectionEvent[]> {
    const { codec } = this.options;
    if (codec === undefined || !events.some(isSealed)) return events;
    const out: ProjectionEvent[] = [];
    for (const event of events) {
      if (!isSealed(event)) {
        out.push(event);
        continue;
      }
      // A page read through `readAll` (EventStoreDB) holds whole events already; only slim ones are read again.
      const full = isRecorded(event) ? event : (await this.store.readAll({ after: event.position - 1, limit: 1 }))[0];
      const opened = await codec.decode(full);
      if (isReadable(codec, opened)) out.push(opened);
    }
    return out;
  }

  /** Through the store's cheaper read for projections where it has one (see `ProjectionReader`). */
  private async readPage(): Promise<readonly ProjectionEvent[]> {
    const filter = { eventTypes: this.eventTypes };
    if (isProjectionReader(this.store)) return this.store.readForProjections(this.after, this.pageSize, filter);
    return this.store.readAll({ after: this.after, limit: this.pageSize, filter });
  }
}

/** Whether a page event is a whole `RecordedEvent` (id and chain link too), as `readAll` hands them out. */
function isRecorded(event: ProjectionEvent): event is RecordedEvent {
  const whole = event as Partial<RecordedEvent>;
  return typeof whole.id === 'string' && whole.chain !== undefined;
}

/** Whether an event carries sealed personal data (see `personalDataCodec`). */
function isSealed(event: ProjectionEvent): boolean {
  const personal = (event.data as { personal?: unknown }).personal;
  return typeof personal === 'object' && personal !== null;
}
