import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { OnApplicationShutdown } from '@nestjs/common';
import Database from 'better-sqlite3';
import { ConfigurationError } from '@sleutel/config';
import { createOwnerOnly, isBusy } from '@sleutel/event-store';

/**
 * One running API or matcher process per `DATA_DIR`. Its read models (and
 * their checkpoints) are this process's own: two processes folding the log
 * into one `read-models.sqlite` step on each other, and a replay then reports
 * differences that are not there. The lock is SQLite's own exclusive lock on
 * `DATA_DIR/process.lock`, held for the process's life; the operating system
 * lets go of it when the process dies however it dies, so a crash leaves no
 * stale lock. The CLI does not take it: `audit replay` may read a running
 * process's read models.
 */
export class DataDirLock implements OnApplicationShutdown {
  private constructor(private readonly db: Database.Database) {}

  /** Throws a `ConfigurationError` naming the directory when another running process holds it. */
  static acquire(dataDir: string): DataDirLock {
    mkdirSync(dataDir, { recursive: true });
    const file = join(dataDir, 'process.lock');
    // Owner-only (0600), as every other file in DATA_DIR; SQLite would create it with the umask's 0644. An older release
    // made it so: it holds nothing, so its mode is set here too rather than left to the operator.
    createOwnerOnly(file);
    chmodSync(file, 0o600);
    const db = new Database(file, { timeout: 0 });
    try {
      db.pragma('locking_mode = EXCLUSIVE');
      db.exec('BEGIN EXCLUSIVE');
    } catch (error) {
      db.close();
      if (!isBusy(error)) throw error;
      throw new ConfigurationError([
        `DATA_DIR ${dataDir}: in use by another running API or matcher process. Give each process its own DATA_DIR; ` +
          'the event log and key store files can still be shared (SQLITE_EVENT_STORE_FILE, KEY_STORE_FILE)',
      ]);
    }
    return new DataDirLock(db);
  }

  release(): void {
    if (this.db.open) this.db.close();
  }

  onApplicationShutdown(): void {
    this.release();
  }
}
