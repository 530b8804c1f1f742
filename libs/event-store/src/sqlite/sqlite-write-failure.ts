import { StoreUnavailableReason } from '../event-store.errors';
import { hasCode } from './sqlite-busy-retry';

/** How long a client is asked to wait after a write failed for lack of space: freeing it takes an operator. */
export const STORAGE_RETRY_AFTER_SECONDS = 30;

export interface SqliteWriteFailure {
  /** SQLite's extended result code, e.g. `SQLITE_FULL`, `SQLITE_IOERR_WRITE`. */
  readonly code: string;
  readonly reason: Exclude<StoreUnavailableReason, 'busy'>;
  /**
   * `unchanged`: the commit record never reached the file (SQLite rolls the
   * transaction back; a torn frame fails its checksum and is not recovered).
   * `unknown`: the failure came after the frames were written (syncing them,
   * growing the WAL index, truncating), so the commit may be recovered from
   * the WAL at the next open.
   */
  readonly outcome: 'unchanged' | 'unknown';
}

/** Failures of a write that leave the commit record unwritten. */
const BEFORE_COMMIT: Readonly<Record<string, SqliteWriteFailure['reason']>> = {
  // No space on the device (ENOSPC), or `max_page_count` reached.
  SQLITE_FULL: 'disk-full',
  // write(2) failed: over the file size limit (EFBIG, RLIMIT_FSIZE), a quota (EDQUOT), or the device.
  SQLITE_IOERR_WRITE: 'write-failed',
};

/** Failures after the frames were written, which a full or failing disk also gives. */
const AFTER_FRAMES: ReadonlySet<string> = new Set(['SQLITE_IOERR_FSYNC', 'SQLITE_IOERR_DIR_FSYNC', 'SQLITE_IOERR_SHMSIZE', 'SQLITE_IOERR_TRUNCATE']);

/**
 * What a driver error of a write means when the disk is full or a write to
 * it failed; null for any other error (those stay what they are: a busy
 * database is retried, a constraint is the caller's, the rest is a bug or a
 * broken file). Duck-typed on `code`, as `isBusy` is.
 */
export function sqliteWriteFailure(error: unknown): SqliteWriteFailure | null {
  if (!hasCode(error)) return null;
  const reason = BEFORE_COMMIT[error.code];
  if (reason !== undefined) return { code: error.code, reason, outcome: 'unchanged' };
  return AFTER_FRAMES.has(error.code) ? { code: error.code, reason: 'write-failed', outcome: 'unknown' } : null;
}

/** For logs and error messages: what the code says, in words. */
export function describeWriteFailure(failure: SqliteWriteFailure): string {
  return failure.reason === 'disk-full'
    ? `the disk is full (${failure.code})`
    : `a write to the disk failed (${failure.code}: out of space, over a quota or the file size limit, or a failing disk)`;
}

/** Writes a store has refused for lack of space or an I/O error since its last write that went through. */
export interface WriteFailureReport {
  /** When the first of them was refused. */
  readonly since: string;
  /** The newest one's. */
  readonly reason: SqliteWriteFailure['reason'];
  readonly code: string;
}

/** A store that can say whether its writes are being refused (for readiness and metrics): SQLite's event log and key store. */
export interface ReportsWriteFailures {
  writeFailure(): WriteFailureReport | null;
  /** Writes refused for lack of space or an I/O error since the store was opened (a counter: never lowered). */
  writesRefused(): number;
}

export function reportsWriteFailures(store: unknown): store is ReportsWriteFailures {
  return typeof (store as Partial<ReportsWriteFailures> | null)?.writeFailure === 'function';
}

/** Remembers refused writes until one goes through, and counts them all. */
export class WriteFailures implements ReportsWriteFailures {
  private current: WriteFailureReport | null = null;
  private refused = 0;

  constructor(private readonly now: () => Date = () => new Date()) {}

  /** `writes`: how many callers the refusal answers (a group commit refused whole refuses each of its writes). */
  failed(failure: SqliteWriteFailure, writes = 1): void {
    this.current = { since: this.current?.since ?? this.now().toISOString(), reason: failure.reason, code: failure.code };
    this.refused += writes;
  }

  succeeded(): void {
    this.current = null;
  }

  writeFailure(): WriteFailureReport | null {
    return this.current;
  }

  writesRefused(): number {
    return this.refused;
  }
}
