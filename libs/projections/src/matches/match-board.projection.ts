import Database from 'better-sqlite3';
import { ProjectionEvent } from '@sleutel/event-store';

/** One row of the match board: what coordinators filter and page by; no personal data. */
export interface MatchBoardEntry {
  readonly id: string;
  readonly newcomerId: string;
  readonly keyPersonId: string;
  readonly status: string;
  readonly score: number;
  /** The newcomer's municipality now ('' once they are erased). */
  readonly municipality: string;
  /** The key person's municipality now ('' once they are erased). */
  readonly keyPersonMunicipality: string;
  readonly proposedAt: string;
  readonly expiresAt: string | null;
  readonly proposedPosition: number;
}

export interface MatchBoardQuery {
  readonly newcomerId?: string;
  readonly keyPersonId?: string;
  readonly status?: string;
  /** Only the proposals this cohort run made. */
  readonly cohortRunId?: string;
  /** Only matches one of whose two people lives in one of these municipalities (SPEC §7 scope); null: all. */
  readonly municipalities?: readonly string[] | null;
  /** `municipalities` counts the newcomer's alone (a token that does not manage key persons); otherwise either person's. */
  readonly newcomerSideOnly?: boolean;
  readonly after?: number;
  readonly limit: number;
}

type MatchData = {
  matchId: string; newcomerId?: string; keyPersonId?: string; score?: number; proposedAt?: string; expiresAt?: string | null;
  cohortRunId?: unknown;
  explanation?: { cohortRunId?: unknown };
  municipality?: unknown;
};

const STATUS_BY_EVENT: Readonly<Record<string, string>> = {
  MatchAccepted: 'accepted',
  MatchRejected: 'rejected',
  MatchDeclined: 'declined',
  MatchExpired: 'expired',
  MatchEnded: 'ended',
  MatchWithdrawn: 'withdrawn',
};

/** The run that chose a proposal: the clear copy, else (proposals made until 2026-12-01) what the explanation names, if it can be read. */
function runOf(data: MatchData): { cohortRunId: string | null; cohortRunInClear: 0 | 1 } {
  if (typeof data.cohortRunId === 'string') return { cohortRunId: data.cohortRunId, cohortRunInClear: 1 };
  return { cohortRunId: typeof data.explanation?.cohortRunId === 'string' ? data.explanation.cohortRunId : null, cohortRunInClear: 0 };
}

/**
 * Every proposal and match with its current status, in proposal order. The
 * two people's municipalities are copied from the directory when the proposal
 * is made, and follow each of them when they move, so municipality scope can
 * be applied to lists without loading streams and agrees with the check made
 * on each match (a match belongs to both people's municipalities now);
 * the cohort run that chose the pair likewise, so a run's proposals can be
 * listed without reading every match: recorded in clear since 2026-12-01,
 * and kept after an erasure then; before, read from the sealed explanation,
 * which either person's erasure takes away.
 * Writes are guarded by log position: a redelivered event changes nothing.
 */
export class MatchBoardProjection {
  static readonly NAME = 'match-board';
  static readonly EVENT_TYPES = [
    'MatchProposed', 'MatchApproved', 'NewcomerResidenceChanged', 'KeyPersonResidenceChanged', 'NewcomerErased', 'KeyPersonErased', ...Object.keys(STATUS_BY_EVENT),
  ] as const;

  private readonly insert: Database.Statement;
  private readonly setStatus: Database.Statement;
  private readonly setExpiry: Database.Statement;
  private readonly moveNewcomer: Database.Statement;
  private readonly moveKeyPerson: Database.Statement;
  private readonly forgetNewcomer: Database.Statement;
  private readonly forgetKeyPerson: Database.Statement;

  constructor(private readonly db: Database.Database) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS match_board (
        id TEXT PRIMARY KEY,
        newcomer_id TEXT NOT NULL,
        key_person_id TEXT NOT NULL,
        status TEXT NOT NULL,
        score REAL NOT NULL,
        municipality TEXT NOT NULL,
        key_person_municipality TEXT NOT NULL,
        proposed_at TEXT NOT NULL,
        expires_at TEXT,
        proposed_position INTEGER NOT NULL,
        last_position INTEGER NOT NULL,
        cohort_run_id TEXT,
        -- 1: the proposal named its run in clear; 0: only its sealed explanation did.
        cohort_run_in_clear INTEGER NOT NULL
      );
      CREATE INDEX IF NOT EXISTS match_board_by_newcomer ON match_board (newcomer_id, proposed_position);
      CREATE INDEX IF NOT EXISTS match_board_by_key_person ON match_board (key_person_id, proposed_position);
      CREATE INDEX IF NOT EXISTS match_board_open_by_expiry ON match_board (status, expires_at);
      CREATE INDEX IF NOT EXISTS match_board_by_cohort_run ON match_board (cohort_run_id, proposed_position) WHERE cohort_run_id IS NOT NULL;
      -- Pages in proposal order, unfiltered, scoped or by status, walk these instead of sorting every row that
      -- qualifies for each page: the sort grew with the board, whatever the page size.
      CREATE INDEX IF NOT EXISTS match_board_by_position ON match_board (proposed_position);
      CREATE INDEX IF NOT EXISTS match_board_by_status ON match_board (status, proposed_position);
    `);
    this.insert = db.prepare(`
      INSERT INTO match_board (id, newcomer_id, key_person_id, status, score, municipality, key_person_municipality,
                               proposed_at, expires_at, proposed_position, last_position, cohort_run_id, cohort_run_in_clear)
      VALUES (@id, @newcomerId, @keyPersonId, 'proposed', @score,
              COALESCE((SELECT municipality FROM directory WHERE kind = 'newcomer' AND id = @newcomerId), ''),
              COALESCE((SELECT municipality FROM directory WHERE kind = 'key-person' AND id = @keyPersonId), ''),
              @proposedAt, @expiresAt, @position, @position, @cohortRunId, @cohortRunInClear)
      ON CONFLICT (id) DO NOTHING`);
    this.setStatus = db.prepare('UPDATE match_board SET status = ?, last_position = ? WHERE id = ? AND last_position < ?');
    this.setExpiry = db.prepare('UPDATE match_board SET status = ?, expires_at = ?, last_position = ? WHERE id = ? AND last_position < ?');
    this.moveNewcomer = db.prepare('UPDATE match_board SET municipality = ? WHERE newcomer_id = ?');
    this.moveKeyPerson = db.prepare('UPDATE match_board SET key_person_municipality = ? WHERE key_person_id = ?');
    const runReadable = 'cohort_run_id = CASE WHEN cohort_run_in_clear = 1 THEN cohort_run_id END';
    this.forgetNewcomer = db.prepare(`UPDATE match_board SET municipality = '', ${runReadable} WHERE newcomer_id = ?`);
    this.forgetKeyPerson = db.prepare(`UPDATE match_board SET key_person_municipality = '', ${runReadable} WHERE key_person_id = ?`);
  }

  apply(event: ProjectionEvent): void {
    const data = event.data as MatchData;
    if (event.type === 'MatchProposed') {
      this.insert.run({
        id: data.matchId, newcomerId: data.newcomerId, keyPersonId: data.keyPersonId, score: data.score ?? 0,
        proposedAt: data.proposedAt, expiresAt: data.expiresAt ?? null, position: event.position,
        ...runOf(data),
      });
      return;
    }
    if (event.type === 'NewcomerResidenceChanged') {
      // Unreadable once the newcomer was erased; their erasure then clears the column anyway.
      if (typeof data.municipality === 'string') this.moveNewcomer.run(data.municipality, data.newcomerId);
      return;
    }
    if (event.type === 'KeyPersonResidenceChanged') {
      if (typeof data.municipality === 'string') this.moveKeyPerson.run(data.municipality, data.keyPersonId);
      return;
    }
    if (event.type === 'NewcomerErased') {
      // The municipality and a run named only by the sealed explanation were read from the erased newcomer's data:
      // a rebuild could not know them any more either.
      this.forgetNewcomer.run(data.newcomerId);
      return;
    }
    if (event.type === 'KeyPersonErased') {
      // The municipality was the erased key person's data, and a run named only by the explanation was read from
      // what is sealed under the key person's key too: a rebuild could not know them either.
      this.forgetKeyPerson.run(data.keyPersonId);
      return;
    }
    if (event.type === 'MatchApproved') {
      this.setExpiry.run('approved', data.expiresAt ?? null, event.position, data.matchId, event.position);
      return;
    }
    const status = STATUS_BY_EVENT[event.type];
    if (status) this.setStatus.run(status, event.position, data.matchId, event.position);
  }

  get(id: string): MatchBoardEntry | undefined {
    return this.db.prepare(`${SELECT} WHERE id = ?`).get(id) as MatchBoardEntry | undefined;
  }

  list(query: MatchBoardQuery): { entries: MatchBoardEntry[]; more: boolean } {
    const { sql, params } = listQuery(query);
    const rows = this.db.prepare(sql).all(params) as MatchBoardEntry[];
    return { entries: rows.slice(0, query.limit), more: rows.length > query.limit };
  }

  /** Open proposals whose answer deadline has passed, for the expiry sweep. */
  overdue(now: string, limit: number): MatchBoardEntry[] {
    return this.db
      .prepare(`${SELECT} WHERE status IN ('proposed', 'approved') AND expires_at IS NOT NULL AND expires_at <= ? ORDER BY expires_at LIMIT ?`)
      .all(now, limit) as MatchBoardEntry[];
  }
}

const SELECT = `SELECT id, newcomer_id AS newcomerId, key_person_id AS keyPersonId, status, score, municipality,
  key_person_municipality AS keyPersonMunicipality, proposed_at AS proposedAt, expires_at AS expiresAt, proposed_position AS proposedPosition FROM match_board`;

/** The statement a page of the board is read with (exported so that its plan can be checked). */
export function listQuery(query: MatchBoardQuery): { sql: string; params: Record<string, unknown> } {
  const where = ['proposed_position > @after'];
  const params: Record<string, unknown> = { after: query.after ?? -1, limit: query.limit + 1 };
  if (query.newcomerId) { where.push('newcomer_id = @newcomerId'); params.newcomerId = query.newcomerId; }
  if (query.keyPersonId) { where.push('key_person_id = @keyPersonId'); params.keyPersonId = query.keyPersonId; }
  if (query.status) { where.push('status = @status'); params.status = query.status; }
  if (query.cohortRunId) { where.push('cohort_run_id = @cohortRunId'); params.cohortRunId = query.cohortRunId; }
  if (query.municipalities) {
    const names = query.municipalities.map((code, index) => { params[`m${index}`] = code; return `@m${index}`; });
    const list = names.join(', ');
    const either = query.newcomerSideOnly ? `municipality IN (${list})` : `(municipality IN (${list}) OR key_person_municipality IN (${list}))`;
    where.push(names.length ? either : '0');
  }
  return { sql: `${SELECT} WHERE ${where.join(' AND ')} ORDER BY proposed_position LIMIT @limit`, params };
}
