import { Logger } from '@nestjs/common';
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import Database from 'better-sqlite3';
import { CheckpointedSubscription, createOwnerOnly, EventFilter, EventStore, noneOfFilterUpTo, RecordedEvent, SqliteCheckpointStore } from '@sleutel/event-store';
import { CohortRunsProjection, DirectoryProjection, MatchBoardProjection, projectedEventTypes } from '@sleutel/projections';
import { EventCodec, identityCodec, isReadable } from '@sleutel/eventsourcing';
import { erasureIn } from '@sleutel/privacy';

/**
 * Bumped whenever a projection's tables change shape or what it folds into
 * them (6: the match board follows a newcomer who moves; 7: the file zeroes
 * what it deletes, and dropping the old tables under `secure_delete` scrubs
 * the rows of people erased before; 8: the match board keeps the key person's
 * municipality as well, since a match belongs to both people's; 9: it keeps a
 * proposal's cohort run after an erasure when the run was recorded in clear). Read models are derived data: on a
 * mismatch they are dropped and rebuilt from the log.
 */
const READ_MODEL_VERSION = 9;

/** The read models' file in their folder (DATA_DIR). */
export const READ_MODELS_FILE = 'read-models.sqlite';

/** How often a WAL truncation after an erasure is tried while another connection holds a read open, and how long apart. */
const PURGE_ATTEMPTS = 20;
const PURGE_RETRY_MS = 250;
const BUSY_TIMEOUT_MS = 5000;

/** The read models on disk are of another release's version, and this process may not rebuild them. */
export class ReadModelVersionError extends Error {
  override readonly name = 'ReadModelVersionError';
}

/**
 * The read models of this process, kept current from the log by one
 * checkpointed subscription. They live in their own SQLite file beside the
 * event store: derived data, rebuildable from the log at any time.
 */
export class ReadSide {
  private readonly logger = new Logger('read-side');
  readonly directory: DirectoryProjection;
  readonly matchBoard: MatchBoardProjection;
  readonly cohortRuns: CohortRunsProjection;
  /** Where this process's subscribers keep their checkpoints: beside the read models they feed. */
  readonly checkpoints: SqliteCheckpointStore;
  /** The events the projections read; the subscription is filtered so, and its lag counted so. */
  readonly filter: EventFilter = { eventTypes: projectedEventTypes() };
  private subscription: CheckpointedSubscription | null = null;
  private store: EventStore | null = null;
  private purge: NodeJS.Timeout | null = null;

  private constructor(private readonly db: Database.Database, private readonly waitTimeoutMs: number) {
    this.directory = new DirectoryProjection(db);
    this.matchBoard = new MatchBoardProjection(db);
    this.cohortRuns = new CohortRunsProjection(db);
    this.checkpoints = new SqliteCheckpointStore(db);
  }

  /**
   * `otherVersion`: what to do with read models of another version than this
   * release's. The process that owns them (API, matcher worker) drops and
   * rebuilds them; one that only looks at another's (the CLI's `audit
   * replay`, beside a running API of maybe another release) refuses, so it
   * never drops the tables that process serves from.
   */
  static open(dataDir: string, waitTimeoutMs: number, { otherVersion = 'rebuild' }: { otherVersion?: 'rebuild' | 'refuse' } = {}): ReadSide {
    mkdirSync(dataDir, { recursive: true });
    const file = join(dataDir, READ_MODELS_FILE);
    // The rows hold personal data (a person's municipality, languages): readable by the API's account alone.
    createOwnerOnly(file);
    const db = new Database(file);
    const found = db.pragma('user_version', { simple: true }) as number;
    // A new file is 0 with no tables: it is this process's to make.
    const empty = found === 0 && db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table'").pluck().get() === 0;
    if (otherVersion === 'refuse' && found !== READ_MODEL_VERSION && !empty) {
      db.close();
      const whose = found < READ_MODEL_VERSION
        ? 'an older release wrote them: after an upgrade, start this release\'s API or matcher worker on this DATA_DIR first, which rebuilds them'
        : 'run the release that serves them';
      throw new ReadModelVersionError(`${file} holds read models of version ${found}; this release reads version ${READ_MODEL_VERSION}, so it leaves them alone: ${whose}`);
    }
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    // The rows hold personal data (a person's municipality, languages): what an erasure deletes is zeroed in the file.
    db.pragma('secure_delete = ON');
    if (db.pragma('user_version', { simple: true }) !== READ_MODEL_VERSION) {
      const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
      // The first start after an upgrade: readiness fails until the rebuild has caught up, so say why once.
      if (!empty) {
        new Logger('read-side').log(
          `${file} holds read models of version ${found}; this release reads version ${READ_MODEL_VERSION}: dropped, rebuilding them from the log ` +
            '(/health/ready answers 503 until they have caught up; the API answers meanwhile, its lists incomplete)',
        );
      }
      db.transaction(() => {
        for (const table of tables) db.exec(`DROP TABLE "${table}"`);
        db.pragma(`user_version = ${READ_MODEL_VERSION}`);
      })();
    }
    return new ReadSide(db, waitTimeoutMs);
  }

  /**
   * Follows the log through the platform's codec: sealed personal data is
   * opened (the directory reads municipality and languages), and events whose
   * subject was erased are skipped — what they said is gone, and the erasure
   * event removes the subject. `observe` sees each event first, as stored
   * (the platform forgets an erased subject's key there).
   */
  async start(store: EventStore, codec: EventCodec = identityCodec, observe?: (event: RecordedEvent) => void): Promise<void> {
    this.store = store;
    // One transaction per event: the projections never disagree about how far they got.
    const apply = this.db.transaction((event: RecordedEvent) => {
      this.directory.apply(event);
      this.matchBoard.apply(event);
      this.cohortRuns.apply(event);
    });
    this.subscription = await CheckpointedSubscription.start({
      store,
      checkpoints: this.checkpoints,
      subscriber: 'projections',
      filter: this.filter,
      handle: async (event: RecordedEvent) => {
        observe?.(event);
        const decoded = await codec.decode(event);
        if (isReadable(codec, decoded)) apply(decoded);
        // The WAL still holds older copies of the pages with the erased person's rows: copied back and cut off, soon.
        if (erasureIn(event) !== null) this.purgeWalSoon();
      },
      // The subscription retries by itself; say so, or a stalled read side shows only as lag. Codes and positions only, no event data.
      onError: (error, attempt) => this.logger.warn(`read models: ${error.name} at position ${this.position ?? 0}, resubscribing (attempt ${attempt})`),
    });
  }

  /**
   * Checkpoints the whole WAL into the file and truncates it, off the
   * subscription's path: a reader on another connection (`audit replay`, a
   * backup) makes an attempt fail at once, never wait (better-sqlite3 would
   * block the event loop in the busy handler), and it is tried again a little
   * later. One purge at a time covers every erasure before it.
   */
  private purgeWalSoon(attempt = 1): void {
    if (this.purge !== null && attempt === 1) return;
    this.purge = setTimeout(() => {
      this.purge = null;
      if (!this.db.open) return;
      this.db.pragma('busy_timeout = 0');
      let done = false;
      try {
        done = (this.db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[])[0]?.busy === 0;
      } catch {
        // SQLITE_BUSY: another connection is writing; tried again below.
      } finally {
        this.db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
      }
      if (done) return;
      if (attempt < PURGE_ATTEMPTS) this.purgeWalSoon(attempt + 1);
      else this.logger.warn('read models: the WAL could not be truncated after an erasure (a reader held it); the next erasure tries again');
    }, attempt === 1 ? 0 : PURGE_RETRY_MS);
  }

  /**
   * Newcomers holding a reservation that no proposal follows (yet): a worker
   * is between its steps, or died there and its job was lost. Spans two
   * projections, so it lives here rather than in either.
   */
  danglingReservations(limit: number): { newcomerId: string; matchId: string }[] {
    return this.db
      .prepare(`SELECT d.id AS newcomerId, d.open_match_id AS matchId FROM directory d
                LEFT JOIN match_board m ON m.id = d.open_match_id
                WHERE d.kind = 'newcomer' AND d.open_match_id IS NOT NULL AND m.id IS NULL
                ORDER BY d.last_position LIMIT ?`)
      .all(limit) as { newcomerId: string; matchId: string }[];
  }

  /**
   * Paused key persons who still have proposals awaiting an answer (proposed
   * or approved): the pause's own job withdraws them, so any found here were
   * missed by it (paused before the release that withdraws them, whose relay
   * had read past the pause; or a job given up). A page of `limit` after the
   * key person id `after` ('' for the first).
   */
  pausedWithProposals(after: string, limit: number): string[] {
    return (this.db
      .prepare(`SELECT DISTINCT m.key_person_id AS keyPersonId FROM match_board m
                JOIN directory d ON d.kind = 'key-person' AND d.id = m.key_person_id
                WHERE m.status IN ('proposed', 'approved') AND d.status = 'paused' AND m.key_person_id > ?
                ORDER BY m.key_person_id LIMIT ?`)
      .all(after, limit) as { keyPersonId: string }[]).map(({ keyPersonId }) => keyPersonId);
  }

  /**
   * Runs `read` on the read models' own connection. In this process nothing
   * else can run during a synchronous call, so what `read` sees is the state
   * of the read models at one instant (audit replays digest them here).
   */
  inspect<T>(read: (db: Database.Database) => T): T {
    return read(this.db);
  }

  /** Read-your-writes: wait (bounded) until the read models include `position`. */
  async waitFor(position: number): Promise<void> {
    await this.subscription?.waitForPosition(position, this.waitTimeoutMs);
  }

  /**
   * Whether the read models hold everything they read up to `position`,
   * waiting (bounded) for them to get there; at a quiet end of a log filtered
   * on the server they may hold it without their subscription saying so
   * (`noneOfFilterUpTo`).
   */
  async reached(position: number, timeoutMs: number = this.waitTimeoutMs): Promise<boolean> {
    if (await this.subscription?.waitForPosition(position, timeoutMs)) return true;
    return this.store !== null && (await noneOfFilterUpTo(this.store, this.filter, this.position, position));
  }

  /** Log position the read models have caught up to; null before the first event. */
  get position(): number | null {
    return this.subscription?.position ?? null;
  }

  /**
   * Why the read models failed to handle the event after `position`, until
   * they handle one again: an event this release cannot read (a newer schema
   * version, undecodable data, a subject without a key) fails on every retry,
   * so the read models stay there for good while the log grows.
   */
  get failure(): Error | null {
    return this.subscription?.lastError ?? null;
  }

  async close(): Promise<void> {
    await this.subscription?.stop();
    this.subscription = null;
    if (this.purge !== null) clearTimeout(this.purge);
    this.purge = null;
    this.db.close();
  }
}
