import Database from 'better-sqlite3';

/**
 * The event log. `position` is the rowid with AUTOINCREMENT, so it is never
 * reused even after the newest rows are rolled back; and because every append
 * holds SQLite's single write lock, positions are handed out in commit order,
 * which is what lets subscribers page by `position > ?` without missing a
 * late commit. `data` and `metadata` hold the exact strings that were hashed.
 */
export function ensureEventLogSchema(db: Database.Database): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS events (
      position       INTEGER PRIMARY KEY AUTOINCREMENT,
      stream_id      TEXT    NOT NULL,
      revision       INTEGER NOT NULL,
      event_id       TEXT    NOT NULL UNIQUE,
      type           TEXT    NOT NULL,
      schema_version INTEGER NOT NULL,
      data           TEXT    NOT NULL,
      metadata       TEXT    NOT NULL,
      previous_hash  TEXT,
      hash           TEXT    NOT NULL,
      UNIQUE (stream_id, revision)
    );
  `);
}
