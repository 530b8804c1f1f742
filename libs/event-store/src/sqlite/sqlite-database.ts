import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export interface SqliteDatabaseOptions {
  /** How long SQLite itself waits for another connection's lock before SQLITE_BUSY. */
  readonly busyTimeoutMs?: number;
}

/**
 * Opens a database file the way the event store needs it: WAL so readers in
 * other processes never block the writer, `synchronous=FULL` so a committed
 * append survives power loss (WAL's default NORMAL may lose the last commits),
 * and a busy timeout so processes sharing the file queue rather than fail.
 *
 * better-sqlite3 is synchronous: a long busy timeout blocks this process's
 * event loop while it waits, so the default is short and adapters retry
 * SQLITE_BUSY asynchronously on top of it.
 */
export function openSqliteDatabase(file: string, options: SqliteDatabaseOptions = {}): Database.Database {
  const busyTimeoutMs = options.busyTimeoutMs ?? 200;
  mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file, { timeout: busyTimeoutMs });
  try {
    db.pragma(`busy_timeout = ${Math.trunc(busyTimeoutMs)}`);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
