import Database from 'better-sqlite3';
import { closeSync, mkdirSync, openSync } from 'node:fs';
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
 *
 * A new file is created readable and writable by its owner only (0600), as
 * the master key and the JWT secret are: SQLite would create it with the
 * process's umask, usually 0644, so any account on the host could read the
 * log's metadata or copy the key store. SQLite gives the `-wal` and `-shm`
 * files the mode of the database file. An existing file keeps its mode.
 */
export function openSqliteDatabase(file: string, options: SqliteDatabaseOptions = {}): Database.Database {
  const busyTimeoutMs = options.busyTimeoutMs ?? 200;
  mkdirSync(dirname(file), { recursive: true });
  createOwnerOnly(file);
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

/**
 * Creates a database file readable and writable by its owner only (0600),
 * unless it exists already (it keeps its mode) or is not a file (`:memory:`,
 * `''`). SQLite gives the file's `-wal` and `-shm` the same mode. Every SQLite
 * file of an installation holds personal data or what leads to it.
 */
export function createOwnerOnly(file: string): void {
  if (file !== ':memory:' && file !== '') closeSync(openSync(file, 'a', 0o600));
}
