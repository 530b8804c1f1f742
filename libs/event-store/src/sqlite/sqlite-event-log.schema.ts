import Database from 'better-sqlite3';

/**
 * The event log. `position` is the rowid with AUTOINCREMENT, so a committed
 * position is never handed out again, even were its row deleted; an append
 * rolled back (a whole transaction or one savepoint of a group) gives its
 * positions back, so committed positions run 1, 2, 3, … without a hole, and
 * audit verification reads a hole as a removed event. Because every append
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
