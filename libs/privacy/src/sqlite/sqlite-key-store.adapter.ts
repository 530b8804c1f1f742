import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { GroupCommit, GroupOutcome, isBusy, openSqliteDatabase, ReportsWriteFailures, WriteFailureReport, WriteFailures } from '@sleutel/event-store';
import { DataSubject, DataSubjectType } from '../data-subject';
import { DestroyOutcome, KeyLookup, KeyStore, TombstonePage } from '../key-store.port';
import { KEY_BYTES, MasterKey, WrappedKey } from '../master-key';
import { MasterKeyMismatchError } from '../privacy.errors';
import { BusyRetryPolicy, DEFAULT_BUSY_RETRY, refusedWrite, sleep, withBusyRetry } from './sqlite-busy-retry';
import { KEY_STORE_SCHEMA, LookupRow } from './sqlite-key-store.schema';

export interface SqliteKeyStoreOptions {
  readonly busyTimeoutMs?: number;
  readonly busyRetry?: BusyRetryPolicy;
  readonly now?: () => Date;
}

const FIRST_VERSION = 1;
const PURGE_ATTEMPTS = 10;
/** Key creations committed together at most (see `GroupCommit`). */
const MAX_CREATIONS_PER_COMMIT = 256;

interface Creation {
  readonly subject: DataSubject;
  readonly fresh: WrappedKey;
  readonly at: string;
}

/**
 * The embedded key store: its own SQLite file (e.g. `DATA_DIR/keys.sqlite`),
 * WAL with `synchronous=FULL` like the event log, shareable by processes.
 *
 * Creation is one `BEGIN IMMEDIATE` transaction that looks before it inserts,
 * so racing processes end up with one key. Destruction zeroes the wrapped key
 * in place, deletes the row and records the tombstone in one transaction,
 * with `secure_delete` on so freed space is zeroed too; then it checkpoints
 * and truncates the WAL, which still holds the page images written before.
 * The file remembers its master key and refuses to open under another.
 *
 * Keys created by concurrent requests (every registration makes one) are
 * committed together: one transaction and one fsync for all that arrived in
 * the same turn of the event loop, each in its own savepoint, each caller
 * answered only after the COMMIT.
 */
export class SqliteKeyStore implements KeyStore, ReportsWriteFailures {
  private readonly statements: ReturnType<typeof prepareStatements>;
  private readonly retry: BusyRetryPolicy;
  private readonly now: () => Date;
  private readonly creations: GroupCommit<Creation, readonly LookupRow[]>;
  private readonly writeFailures = new WriteFailures();

  private constructor(
    readonly database: Database.Database,
    private readonly masterKey: MasterKey,
    options: SqliteKeyStoreOptions,
  ) {
    this.retry = options.busyRetry ?? DEFAULT_BUSY_RETRY;
    this.now = options.now ?? (() => new Date());
    this.statements = prepareStatements(database);
    // Inside the group's transaction better-sqlite3 runs each creation in a savepoint: one that fails rolls back alone.
    const createOne = database.transaction((creation: Creation): readonly LookupRow[] => this.createUnderLock(creation));
    const createAll = database.transaction((group: readonly Creation[]): GroupOutcome<readonly LookupRow[]>[] =>
      group.map((creation) => {
        try {
          return { result: createOne(creation) };
        } catch (error) {
          // As in the event log's group: a busy database, or an error after which SQLite rolled back the whole
          // transaction itself (a full disk, an I/O error), fails the whole group rather than let the creations
          // after this one commit each on their own, outside it.
          if (isBusy(error) || !database.inTransaction) throw error;
          return { error };
        }
      }),
    );
    this.creations = new GroupCommit(async (group) => {
      const outcomes = await withBusyRetry(() => createAll.immediate(group), this.retry, this.writeFailures, group.length);
      if (outcomes.some((outcome) => 'result' in outcome)) this.writeFailures.succeeded();
      return outcomes.map((outcome) => ('error' in outcome ? { error: refusedWrite(outcome.error, this.writeFailures) } : outcome));
    }, MAX_CREATIONS_PER_COMMIT);
  }

  /** Opens (and creates) the file; throws `MasterKeyMismatchError` when it was written under another master key. */
  static open(file: string, masterKey: MasterKey, options: SqliteKeyStoreOptions = {}): SqliteKeyStore {
    const database = openSqliteDatabase(file, { busyTimeoutMs: options.busyTimeoutMs });
    try {
      database.pragma('secure_delete = ON');
      database.transaction(() => {
        database.exec(KEY_STORE_SCHEMA);
        bindMasterKey(database, masterKey);
      }).immediate();
      return new SqliteKeyStore(database, masterKey, options);
    } catch (error) {
      database.close();
      throw error;
    }
  }

  /** Keys not made or destroyed for a full disk or a failed write since the last write that went through; null when none. */
  writeFailure(): WriteFailureReport | null {
    return this.writeFailures.writeFailure();
  }

  writesRefused(): number {
    return this.writeFailures.writesRefused();
  }

  async get(subject: DataSubject): Promise<KeyLookup | null> {
    const rows = await withBusyRetry(() => this.statements.lookup.all(subjectParameters(subject)), this.retry);
    return rows.length === 0 ? null : this.answer(subject, rows);
  }

  async erasuresCheckedThrough(): Promise<number | null> {
    const value = await withBusyRetry(() => this.database.prepare("SELECT value FROM key_store_meta WHERE name = 'erasures_checked_through'").pluck().get() as string | undefined, this.retry);
    return value === undefined ? null : Number(value);
  }

  async markErasuresCheckedThrough(position: number): Promise<void> {
    await withBusyRetry(() => this.database.prepare(`
      INSERT INTO key_store_meta (name, value) VALUES ('erasures_checked_through', @value)
      ON CONFLICT (name) DO UPDATE SET value = excluded.value WHERE CAST(excluded.value AS INTEGER) > CAST(key_store_meta.value AS INTEGER)`).run({ value: String(position) }), this.retry);
  }

  /** In key order of `erased_subjects`; the cursor is the last subject listed, as JSON. */
  async listTombstones(cursor: string | null, limit: number): Promise<TombstonePage> {
    const after = cursor === null ? null : parseCursor(cursor);
    const rows = await withBusyRetry(
      () => (after === null ? this.statements.firstTombstones.all({ limit }) : this.statements.tombstonesAfter.all({ ...after, limit })),
      this.retry,
    );
    const tombstones = rows.map((row) => ({ subject: { type: row.subject_type as DataSubjectType, id: row.subject_id }, destroyedAt: row.erased_at }));
    const last = rows.at(-1);
    return { tombstones, next: rows.length < limit || last === undefined ? null : JSON.stringify([last.subject_type, last.subject_id]) };
  }

  async getOrCreate(subject: DataSubject): Promise<KeyLookup> {
    const existing = await this.get(subject);
    if (existing !== null) return existing;
    const fresh = this.masterKey.wrap(subject, FIRST_VERSION, randomBytes(KEY_BYTES));
    const rows = await this.creations.submit({ subject, fresh, at: this.now().toISOString() });
    return this.answer(subject, rows);
  }

  /** Looks before it inserts, under the write lock: racing processes (or two requests in one group) end up with one key. */
  private createUnderLock({ subject, fresh, at }: Creation): readonly LookupRow[] {
    const found = this.statements.lookup.all(subjectParameters(subject));
    if (found.length > 0) return found;
    this.statements.insert.run({
      ...subjectParameters(subject), version: fresh.version, masterKeyId: fresh.masterKeyId, iv: fresh.iv, ciphertext: fresh.ciphertext, tag: fresh.tag, at,
    });
    return [{ erased_at: null, key_version: fresh.version, master_key_id: fresh.masterKeyId, iv: fresh.iv, wrapped_key: fresh.ciphertext, tag: fresh.tag }];
  }

  async destroy(subject: DataSubject): Promise<DestroyOutcome> {
    const at = this.now().toISOString();
    const outcome = await withBusyRetry(
      () =>
        this.database
          .transaction((): DestroyOutcome => {
            const parameters = subjectParameters(subject);
            const tombstone = this.statements.lookup.all(parameters).find((row) => row.erased_at !== null);
            if (tombstone?.erased_at) return { destroyedAt: tombstone.erased_at, alreadyDestroyed: true };
            this.statements.zero.run(parameters);
            this.statements.remove.run(parameters);
            this.statements.tombstone.run({ ...parameters, at });
            return { destroyedAt: at, alreadyDestroyed: false };
          })
          .immediate(),
      this.retry,
      this.writeFailures,
    );
    if (!outcome.alreadyDestroyed) this.writeFailures.succeeded();
    if (!outcome.alreadyDestroyed) await this.purgeWal();
    return outcome;
  }

  async close(): Promise<void> {
    await this.creations.idle();
    if (!this.database.open) return;
    try {
      this.checkpoint();
    } catch {
      // Best effort: another process may hold the file; the next destroy or close truncates it.
    }
    this.database.close();
  }

  /**
   * The WAL still holds earlier images of the page that held the wrapped key.
   * Copy the current pages back and truncate it; a reader in another process
   * can hold this up, so try a few times and otherwise leave it to the next
   * destroy or close (the key is destroyed either way: the row is gone).
   */
  private async purgeWal(): Promise<void> {
    for (let attempt = 0; attempt < PURGE_ATTEMPTS; attempt += 1) {
      try {
        if (this.checkpoint()) return;
      } catch {
        // SQLITE_BUSY from a writer in another process: wait and try again.
      }
      await sleep(10 * (attempt + 1));
    }
  }

  /** True when the whole WAL was copied back and truncated. */
  private checkpoint(): boolean {
    const [result] = this.database.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
    return result?.busy === 0;
  }

  private answer(subject: DataSubject, rows: readonly LookupRow[]): KeyLookup {
    const tombstone = rows.find((row) => row.erased_at !== null);
    if (tombstone?.erased_at) return { status: 'destroyed', destroyedAt: tombstone.erased_at };
    const row = rows[0];
    const wrapped: WrappedKey = {
      version: row.key_version!, masterKeyId: row.master_key_id!, iv: row.iv!, ciphertext: row.wrapped_key!, tag: row.tag!,
    };
    return { status: 'active', key: { version: wrapped.version, bytes: this.masterKey.unwrap(subject, wrapped) } };
  }
}

/** Records the master key on first open; refuses another one after that. */
function bindMasterKey(database: Database.Database, masterKey: MasterKey): void {
  database.prepare("INSERT OR IGNORE INTO key_store_meta (name, value) VALUES ('master_key_id', ?)").run(masterKey.id);
  const bound = database.prepare<[], { value: string }>("SELECT value FROM key_store_meta WHERE name = 'master_key_id'").get()!.value;
  if (bound !== masterKey.id) throw new MasterKeyMismatchError('The key store', bound, masterKey.id);
}

interface SubjectParameters {
  readonly type: string;
  readonly id: string;
}

const subjectParameters = (subject: DataSubject): SubjectParameters => ({ type: subject.type, id: subject.id });

function parseCursor(cursor: string): SubjectParameters {
  let parsed: unknown;
  try {
    parsed = JSON.parse(cursor);
  } catch {
    parsed = null;
  }
  if (!Array.isArray(parsed) || parsed.length !== 2 || typeof parsed[0] !== 'string' || typeof parsed[1] !== 'string') {
    throw new Error(`Not a cursor of listTombstones: ${cursor}`);
  }
  return { type: parsed[0], id: parsed[1] };
}

interface TombstoneRow {
  readonly subject_type: string;
  readonly subject_id: string;
  readonly erased_at: string;
}

function prepareStatements(database: Database.Database) {
  const subjectIs = 'subject_type = @type AND subject_id = @id';
  return {
    lookup: database.prepare<SubjectParameters, LookupRow>(`
      SELECT erased_at, NULL AS key_version, NULL AS master_key_id, NULL AS iv, NULL AS wrapped_key, NULL AS tag
        FROM erased_subjects WHERE ${subjectIs}
      UNION ALL
      SELECT NULL, key_version, master_key_id, iv, wrapped_key, tag FROM data_keys WHERE ${subjectIs}`),
    insert: database.prepare(`
      INSERT INTO data_keys (subject_type, subject_id, key_version, master_key_id, iv, wrapped_key, tag, created_at)
      VALUES (@type, @id, @version, @masterKeyId, @iv, @ciphertext, @tag, @at)`),
    zero: database.prepare(`
      UPDATE data_keys SET iv = zeroblob(length(iv)), wrapped_key = zeroblob(length(wrapped_key)), tag = zeroblob(length(tag))
       WHERE ${subjectIs}`),
    remove: database.prepare(`DELETE FROM data_keys WHERE ${subjectIs}`),
    tombstone: database.prepare(`INSERT INTO erased_subjects (subject_type, subject_id, erased_at) VALUES (@type, @id, @at)`),
    firstTombstones: database.prepare<{ limit: number }, TombstoneRow>(`
      SELECT subject_type, subject_id, erased_at FROM erased_subjects ORDER BY subject_type, subject_id LIMIT @limit`),
    tombstonesAfter: database.prepare<SubjectParameters & { limit: number }, TombstoneRow>(`
      SELECT subject_type, subject_id, erased_at FROM erased_subjects
       WHERE (subject_type, subject_id) > (@type, @id) ORDER BY subject_type, subject_id LIMIT @limit`),
  };
}
