import Database, { Statement } from 'better-sqlite3';
import { EventFilter } from '../event-store.port';

/** A row of `events` as better-sqlite3 returns it in raw mode: an array, no per-row object. */
export type EventRowTuple = [
  position: number,
  streamId: string,
  revision: number,
  eventId: string,
  type: string,
  schemaVersion: number,
  data: string,
  metadata: string,
  previousHash: string | null,
  hash: string,
];

/** A row as a projection rebuild reads it: no event id, metadata or hashes (see `ProjectionReader`). */
export type ProjectionRowTuple = [position: number, streamId: string, revision: number, type: string, schemaVersion: number, data: string];

const COLUMNS = 'position, stream_id, revision, event_id, type, schema_version, data, metadata, previous_hash, hash';
const PROJECTION_COLUMNS = 'position, stream_id, revision, type, schema_version, data';

export interface StreamTail {
  readonly revision: number;
  readonly hash: string;
}

export interface EventIdPlace {
  readonly streamId: string;
  readonly revision: number;
}

export interface EventRef {
  readonly id: string;
  readonly revision: number;
  readonly position: number;
}

/**
 * Which conditions a read of a range of streams has: an upper end of the range, a first and a last position, how many
 * types (-1: any).
 */
export interface StreamRangeShape {
  readonly bounded: boolean;
  readonly afterPosition: boolean;
  readonly upToPosition: boolean;
  readonly typeCount: number;
}

/**
 * The statement of `readStreamRange`: parameters the range's start, the stream and revision to go on after, the
 * range's end, the first and last positions, the types and the limit, as the shape has them. The positions are the
 * rowid, which the index holds: a row outside them is passed over in the index, its row not read.
 */
export function streamRangeSql(shape: StreamRangeShape): string {
  const conditions = ['stream_id >= ?', '(stream_id, revision) > (?, ?)'];
  if (shape.bounded) conditions.push('stream_id < ?');
  // `+position`: never a range of the log's own order, which SQLite would otherwise take for a narrow range of
  // positions, and then read every row in it and sort what it kept.
  if (shape.afterPosition) conditions.push('+position > ?');
  if (shape.upToPosition) conditions.push('+position <= ?');
  if (shape.typeCount >= 0) conditions.push(`type IN (${Array(shape.typeCount).fill('?').join(', ') || 'NULL'})`);
  return `SELECT ${COLUMNS} FROM events WHERE ${conditions.join(' AND ')} ORDER BY stream_id, revision LIMIT ?`;
}

type InsertParams = [string, number, string, string, number, string, string, string | null, string];

/**
 * Every statement the adapter runs, prepared once per connection: preparing
 * costs more than running these small statements. Filtered log reads are
 * prepared per shape (which columns, how many prefixes, how many types) and
 * cached.
 */
export class EventLogStatements {
  readonly streamTail: Statement<[string], StreamTail>;
  readonly eventIdPlace: Statement<[string], EventIdPlace>;
  readonly streamRefsFrom: Statement<[string, number, number], EventRef>;
  readonly insert: Statement<InsertParams>;
  readonly readStream: Statement<[string, number, number], EventRowTuple>;
  /** The rows of the streams named in a JSON array of ids, in `(stream_id, revision)` order: one walk of the index for all of them. */
  readonly readStreams: Statement<[string], EventRowTuple>;
  readonly head: Statement<[], number | null>;
  readonly issued: Statement<[], number>;
  readonly metadataAt: Statement<[number], string>;
  readonly readBackwards: Statement<[number, number], EventRowTuple>;
  private readonly readLogByShape = new Map<string, Statement<unknown[], unknown[]>>();
  private readonly readStreamByTypeCount = new Map<number, Statement<unknown[], EventRowTuple>>();
  private readonly readStreamsByShape = new Map<string, Statement<unknown[], EventRowTuple>>();

  constructor(private readonly db: Database.Database) {
    this.streamTail = db.prepare<[string], StreamTail>(
      'SELECT revision, hash FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1',
    );
    this.eventIdPlace = db.prepare<[string], EventIdPlace>('SELECT stream_id AS streamId, revision FROM events WHERE event_id = ?');
    this.streamRefsFrom = db.prepare<[string, number, number], EventRef>(
      'SELECT event_id AS id, revision, position FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision LIMIT ?',
    );
    this.insert = db.prepare<InsertParams>(
      `INSERT INTO events (stream_id, revision, event_id, type, schema_version, data, metadata, previous_hash, hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.readStream = db
      .prepare<[string, number, number], EventRowTuple>(
        `SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision LIMIT ?`,
      )
      .raw(true);
    this.readStreams = db
      .prepare<[string], EventRowTuple>(
        `SELECT ${COLUMNS} FROM events WHERE stream_id IN (SELECT value FROM json_each(?)) ORDER BY stream_id, revision`,
      )
      .raw(true);
    this.head = db.prepare<[], number | null>('SELECT MAX(position) FROM events').pluck(true);
    // AUTOINCREMENT keeps the highest position handed out in sqlite_sequence, rolled back with any append that is.
    this.issued = db.prepare<[], number>("SELECT seq FROM sqlite_sequence WHERE name = 'events'").pluck(true);
    this.metadataAt = db.prepare<[number], string>('SELECT metadata FROM events WHERE position = ?').pluck(true);
    this.readBackwards = db
      .prepare<[number, number], EventRowTuple>(`SELECT ${COLUMNS} FROM events WHERE position < ? ORDER BY position DESC LIMIT ?`)
      .raw(true);
  }

  /**
   * A stream's rows of some types only, from a revision, at most `limit` (-1: no limit). Found through the
   * `(stream_id, revision)` index; `type` is stored before `data`, so a row of another type is passed over without
   * its data being read, however large (a cohort run's solution pages).
   */
  readStreamOfTypes(streamId: string, from: number, limit: number, types: readonly string[]): EventRowTuple[] {
    let statement = this.readStreamByTypeCount.get(types.length);
    if (statement === undefined) {
      const list = Array(types.length).fill('?').join(', ');
      statement = this.db
        .prepare<unknown[], EventRowTuple>(
          `SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND revision >= ? AND type IN (${list || 'NULL'}) ORDER BY revision LIMIT ?`,
        )
        .raw(true);
      this.readStreamByTypeCount.set(types.length, statement);
    }
    return statement.all(streamId, from, ...types, limit);
  }

  /**
   * Rows of the streams whose ids lie in [`from`, `below`) (`below` null: no upper end), in `(stream_id, revision)`
   * order, after the row of `afterStream` at `afterRevision`, at most `limit`: a range of the `(stream_id, revision)`
   * index, so the rest of the log is not looked at. `positions` and `types` narrow it (null: not).
   */
  readStreamRange(
    range: { from: string; below: string | null; afterStream: string; afterRevision: number },
    positions: { after: number | null; upTo: number | null }, types: readonly string[] | null, limit: number,
  ): EventRowTuple[] {
    const shape: StreamRangeShape = {
      bounded: range.below !== null, afterPosition: positions.after !== null, upToPosition: positions.upTo !== null, typeCount: types?.length ?? -1,
    };
    const key = `${shape.bounded}/${shape.afterPosition}/${shape.upToPosition}/${shape.typeCount}`;
    let statement = this.readStreamsByShape.get(key);
    if (statement === undefined) {
      statement = this.db.prepare<unknown[], EventRowTuple>(streamRangeSql(shape)).raw(true);
      this.readStreamsByShape.set(key, statement);
    }
    const params: unknown[] = [range.from, range.afterStream, range.afterRevision];
    if (range.below !== null) params.push(range.below);
    if (positions.after !== null) params.push(positions.after);
    if (positions.upTo !== null) params.push(positions.upTo);
    params.push(...(types ?? []), limit);
    return statement.all(...params);
  }

  /** Rows after `after` in log order; a `limit` of -1 means no limit (SQLite's convention). */
  readAll(after: number, limit: number, filter: EventFilter | undefined): EventRowTuple[] {
    return this.readLog(COLUMNS, after, limit, filter) as EventRowTuple[];
  }

  /** The same rows with only the columns a projection folds. */
  readForProjections(after: number, limit: number, filter: EventFilter | undefined): ProjectionRowTuple[] {
    return this.readLog(PROJECTION_COLUMNS, after, limit, filter) as ProjectionRowTuple[];
  }

  private readLog(columns: string, after: number, limit: number, filter: EventFilter | undefined): unknown[][] {
    const prefixes = filter?.streamPrefixes;
    const types = filter?.eventTypes;
    const statement = this.readLogStatement(columns, prefixes?.length ?? -1, types?.length ?? -1);
    const params: unknown[] = [after];
    for (const prefix of prefixes ?? []) params.push(prefix, prefix);
    params.push(...(types ?? []), limit);
    return statement.all(...params);
  }

  private readLogStatement(columns: string, prefixCount: number, typeCount: number): Statement<unknown[], unknown[]> {
    const key = `${columns}/${prefixCount}/${typeCount}`;
    let statement = this.readLogByShape.get(key);
    if (statement === undefined) {
      const conditions = ['position > ?'];
      // substr/length count characters the same way, whatever the script of the prefix.
      if (prefixCount >= 0) {
        conditions.push(`(${Array(prefixCount).fill('substr(stream_id, 1, length(?)) = ?').join(' OR ') || '0'})`);
      }
      if (typeCount >= 0) conditions.push(`type IN (${Array(typeCount).fill('?').join(', ')})`);
      statement = this.db
        .prepare<unknown[], unknown[]>(`SELECT ${columns} FROM events WHERE ${conditions.join(' AND ')} ORDER BY position LIMIT ?`)
        .raw(true);
      this.readLogByShape.set(key, statement);
    }
    return statement;
  }
}
