import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import Database from 'better-sqlite3';
import { CheckpointedSubscription, EventStore, SqliteCheckpointStore } from '@sleutel/event-store';
import { DirectoryProjection } from '@sleutel/projections';

/**
 * The read models of this process, kept current from the log by one
 * checkpointed subscription. They live in their own SQLite file beside the
 * event store: derived data, rebuildable from the log at any time.
 */
export class ReadSide {
  readonly directory: DirectoryProjection;
  private subscription: CheckpointedSubscription | null = null;

  private constructor(private readonly db: Database.Database, private readonly waitTimeoutMs: number) {
    this.directory = new DirectoryProjection(db);
  }

  static open(dataDir: string, waitTimeoutMs: number): ReadSide {
    mkdirSync(dataDir, { recursive: true });
    const db = new Database(join(dataDir, 'read-models.sqlite'));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    return new ReadSide(db, waitTimeoutMs);
  }

  async start(store: EventStore): Promise<void> {
    this.subscription = await CheckpointedSubscription.start({
      store,
      checkpoints: new SqliteCheckpointStore(this.db),
      subscriber: `projection:${DirectoryProjection.NAME}`,
      filter: { eventTypes: DirectoryProjection.EVENT_TYPES },
      handle: (event) => this.directory.apply(event),
    });
  }

  /** Read-your-writes: wait (bounded) until the read models include `position`. */
  async waitFor(position: number): Promise<void> {
    await this.subscription?.waitForPosition(position, this.waitTimeoutMs);
  }

  /** Log position the read models have caught up to; null before the first event. */
  get position(): number | null {
    return this.subscription?.position ?? null;
  }

  async close(): Promise<void> {
    await this.subscription?.stop();
    this.subscription = null;
    this.db.close();
  }
}
