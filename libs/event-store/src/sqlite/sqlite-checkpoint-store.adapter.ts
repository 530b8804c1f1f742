import Database, { Statement } from 'better-sqlite3';
import { CheckpointStore } from '../checkpoint-store.port';
import { BusyRetryPolicy, withBusyRetry } from './sqlite-busy-retry';
import { openSqliteDatabase } from './sqlite-database';

export interface SqliteCheckpointStoreOptions {
  /** Only used when the store opens the file itself. */
  readonly busyTimeoutMs?: number;
  readonly busyRetry?: BusyRetryPolicy;
}

/**
 * Checkpoints in a `subscriber_checkpoints` table, in a file of its own or on
 * a connection the caller already has: sharing a projection's connection lets
 * it save the checkpoint in the same transaction as the read-model rows it
 * wrote, so the two can never disagree.
 */
export class SqliteCheckpointStore implements CheckpointStore {
  private readonly db: Database.Database;
  private readonly ownsDatabase: boolean;
  private readonly busyRetry: BusyRetryPolicy;
  private readonly selectPosition: Statement<[string], number>;
  private readonly upsertPosition: Statement<[string, number]>;

  constructor(database: Database.Database | string, options: SqliteCheckpointStoreOptions = {}) {
    this.ownsDatabase = typeof database === 'string';
    this.db = typeof database === 'string' ? openSqliteDatabase(database, options) : database;
    this.busyRetry = options.busyRetry ?? { retries: 20, delayMs: 25 };
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS subscriber_checkpoints (
        subscriber TEXT PRIMARY KEY,
        position   INTEGER NOT NULL
      );
    `);
    this.selectPosition = this.db
      .prepare<[string], number>('SELECT position FROM subscriber_checkpoints WHERE subscriber = ?')
      .pluck(true);
    this.upsertPosition = this.db.prepare<[string, number]>(
      `INSERT INTO subscriber_checkpoints (subscriber, position) VALUES (?, ?)
       ON CONFLICT (subscriber) DO UPDATE SET position = excluded.position`,
    );
  }

  async load(subscriber: string): Promise<number | null> {
    return withBusyRetry(() => this.selectPosition.get(subscriber) ?? null, this.busyRetry);
  }

  async save(subscriber: string, position: number): Promise<void> {
    await withBusyRetry(() => this.upsertPosition.run(subscriber, position), this.busyRetry);
  }

  /** Closes the connection only when this store opened it. */
  close(): void {
    if (this.ownsDatabase && this.db.open) this.db.close();
  }
}
