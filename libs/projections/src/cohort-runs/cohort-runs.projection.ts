import Database from 'better-sqlite3';
import { ProjectionEvent } from '@sleutel/event-store';

/** One row of the cohort-run list: enough to order, scope and page; the figures stay in the run's stream. */
export interface CohortRunEntry {
  readonly id: string;
  readonly status: string;
  /** The municipalities the run covers; null: all. */
  readonly municipalities: readonly string[] | null;
  readonly startedAt: string;
  readonly startedPosition: number;
}

export interface CohortRunListQuery {
  /** A token's scope: only runs wholly within these municipalities; null: every run. */
  readonly municipalities?: readonly string[] | null;
  /** Start position of the last entry of the previous page (the list runs newest first). */
  readonly before?: number;
  readonly limit: number;
}

type RunData = { runId: string; municipalities?: readonly string[] | null; startedAt?: string };

const STATUS_BY_EVENT: Readonly<Record<string, string>> = { CohortRunCompleted: 'done', CohortRunFailed: 'failed' };

/**
 * Every cohort run with its status and scope, newest first. The scope is kept
 * as a JSON array so that "every municipality of the run is within the
 * token's" is one SQL condition. Progress is not kept: it changes many times
 * a run and is read from the run's stream with everything else. Writes are
 * guarded by log position: a redelivered event changes nothing.
 */
export class CohortRunsProjection {
  static readonly NAME = 'cohort-runs';
  static readonly EVENT_TYPES = ['CohortRunStarted', ...Object.keys(STATUS_BY_EVENT)] as const;

  private readonly insert: Database.Statement;
  private readonly setStatus: Database.Statement;

  constructor(private readonly db: Database.Database) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS cohort_runs (
        id TEXT PRIMARY KEY,
        status TEXT NOT NULL,
        municipalities TEXT,
        started_at TEXT NOT NULL,
        started_position INTEGER NOT NULL,
        last_position INTEGER NOT NULL
      );
      CREATE INDEX IF NOT EXISTS cohort_runs_by_start ON cohort_runs (started_position);
      CREATE INDEX IF NOT EXISTS cohort_runs_running ON cohort_runs (started_position) WHERE status = 'running';
    `);
    this.insert = db.prepare(`
      INSERT INTO cohort_runs (id, status, municipalities, started_at, started_position, last_position)
      VALUES (@id, 'running', @municipalities, @startedAt, @position, @position)
      ON CONFLICT (id) DO NOTHING`);
    this.setStatus = db.prepare('UPDATE cohort_runs SET status = ?, last_position = ? WHERE id = ? AND last_position < ?');
  }

  apply(event: ProjectionEvent): void {
    const data = event.data as RunData;
    if (event.type === 'CohortRunStarted') {
      const municipalities = data.municipalities ?? null;
      this.insert.run({
        id: data.runId, municipalities: municipalities === null ? null : JSON.stringify(municipalities),
        startedAt: data.startedAt ?? event.metadata.occurredAt, position: event.position,
      });
      return;
    }
    const status = STATUS_BY_EVENT[event.type];
    if (status) this.setStatus.run(status, event.position, data.runId, event.position);
  }

  list(query: CohortRunListQuery): { entries: CohortRunEntry[]; more: boolean } {
    const where = ['started_position < @before'];
    const params: Record<string, unknown> = { before: query.before ?? Number.MAX_SAFE_INTEGER, limit: query.limit + 1 };
    if (query.municipalities) {
      // A run for all municipalities (NULL) is wider than any scope; a scoped run is visible when none of its municipalities is outside.
      const names = query.municipalities.map((code, index) => { params[`m${index}`] = code; return `@m${index}`; });
      const outside = names.length ? `value NOT IN (${names.join(', ')})` : '1';
      where.push(`municipalities IS NOT NULL AND NOT EXISTS (SELECT 1 FROM json_each(cohort_runs.municipalities) WHERE ${outside})`);
    }
    const rows = this.db
      .prepare(`SELECT id, status, municipalities, started_at AS startedAt, started_position AS startedPosition
                FROM cohort_runs WHERE ${where.join(' AND ')} ORDER BY started_position DESC LIMIT @limit`)
      .all(params) as (Omit<CohortRunEntry, 'municipalities'> & { municipalities: string | null })[];
    const entries = rows.slice(0, query.limit).map((row) => ({ ...row, municipalities: row.municipalities === null ? null : (JSON.parse(row.municipalities) as string[]) }));
    return { entries, more: rows.length > query.limit };
  }

  /**
   * Runs still running, started at `startedSince` or later, that overlap
   * `scope` (null: all municipalities), oldest first, at most `limit`. Two
   * scopes overlap when either is all municipalities or they share one; two
   * empty scopes overlap too (a run over nobody still records itself, and a
   * loop of them grows the log as any other).
   */
  runningOverlapping(scope: readonly string[] | null, startedSince: string, limit = 10): CohortRunEntry[] {
    const params: Record<string, unknown> = { since: startedSince, limit };
    const where = ["status = 'running'", 'started_at >= @since'];
    if (scope !== null) {
      const names = scope.map((code, index) => { params[`m${index}`] = code; return `@m${index}`; });
      const overlap = names.length
        ? `EXISTS (SELECT 1 FROM json_each(cohort_runs.municipalities) WHERE value IN (${names.join(', ')}))`
        : 'json_array_length(municipalities) = 0';
      where.push(`(municipalities IS NULL OR ${overlap})`);
    }
    const rows = this.db
      .prepare(`SELECT id, status, municipalities, started_at AS startedAt, started_position AS startedPosition
                FROM cohort_runs WHERE ${where.join(' AND ')} ORDER BY started_position LIMIT @limit`)
      .all(params) as (Omit<CohortRunEntry, 'municipalities'> & { municipalities: string | null })[];
    return rows.map((row) => ({ ...row, municipalities: row.municipalities === null ? null : (JSON.parse(row.municipalities) as string[]) }));
  }
}
