import Database from 'better-sqlite3';
import { openSqliteDatabase } from '@sleutel/event-store';

/** A row as the baseline stores it: the same columns, already serialised. */
export type BaselineRow = [streamId: string, revision: number, eventId: string, type: string, schemaVersion: number, data: string, metadata: string];

/**
 * Raw better-sqlite3 on a plain table, opened with the same pragmas as the
 * event store (WAL, synchronous=FULL): the cost of the storage alone, with no
 * revision check, hash chain, uniqueness indexes or JSON work. It has only
 * the (stream_id, revision) index that reading a stream needs.
 */
export class SqliteBaseline {
  private readonly db: Database.Database;
  private readonly insert: Database.Statement<BaselineRow>;
  private readonly selectStream: Database.Statement<[string]>;
  private readonly selectPage: Database.Statement<[number, number], unknown[]>;
  private readonly insertBatch: (rows: readonly BaselineRow[]) => void;

  constructor(file: string) {
    this.db = openSqliteDatabase(file);
    this.db.exec(`
      CREATE TABLE plain_events (
        position INTEGER PRIMARY KEY AUTOINCREMENT,
        stream_id TEXT NOT NULL, revision INTEGER NOT NULL, event_id TEXT NOT NULL,
        type TEXT NOT NULL, schema_version INTEGER NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL
      );
      CREATE INDEX plain_events_stream ON plain_events (stream_id, revision);
    `);
    this.insert = this.db.prepare<BaselineRow>(
      'INSERT INTO plain_events (stream_id, revision, event_id, type, schema_version, data, metadata) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.selectStream = this.db.prepare<[string]>('SELECT * FROM plain_events WHERE stream_id = ? ORDER BY revision');
    this.selectPage = this.db
      .prepare<[number, number], unknown[]>('SELECT * FROM plain_events WHERE position > ? ORDER BY position LIMIT ?')
      .raw(true);
    const transaction = this.db.transaction((rows: readonly BaselineRow[]) => {
      for (const row of rows) this.insert.run(...row);
    });
    this.insertBatch = (rows) => transaction.immediate(rows);
  }

  /** One transaction (and so one fsync) for the rows given. */
  append(rows: readonly BaselineRow[]): void {
    this.insertBatch(rows);
  }

  readStream(streamId: string): number {
    return this.selectStream.all(streamId).length;
  }

  /** Rows after a position, as arrays like the event store reads them; returns the last position. */
  readPage(after: number, limit: number): { count: number; last: number } {
    const rows = this.selectPage.all(after, limit);
    const last = rows.at(-1);
    return { count: rows.length, last: last === undefined ? after : Number(last[0]) };
  }

  close(): void {
    this.db.close();
  }
}
