import Database from 'better-sqlite3';
import { ProjectionEvent } from '@sleutel/event-store';

/** One row of the directory: enough to filter, scope and page; no names, no contact. */
export interface DirectoryEntry {
  readonly kind: SubjectKind;
  readonly id: string;
  readonly status: string;
  readonly municipality: string;
  readonly registeredAt: string;
  readonly registeredPosition: number;
}

export type SubjectKind = 'newcomer' | 'key-person';

export interface DirectoryQuery {
  readonly kind: SubjectKind;
  readonly status?: string;
  readonly municipalities?: readonly string[] | null;
  readonly language?: string;
  /** Registration position of the last entry of the previous page. */
  readonly after?: number;
  readonly limit: number;
}

type Profile = { municipality?: string; languages?: { code: string }[] };
type Column = 'status' | 'municipality' | 'languages' | 'open_match_id' | 'match_ended';
type Data = {
  newcomerId?: string; keyPersonId?: string; matchId?: string; profile?: Profile; municipality?: string; languages?: { code: string }[]; registeredAt?: string;
  outcome?: string;
};

/**
 * The directory read model: which newcomers and key persons exist, their
 * status, municipality and (for key persons) languages, in registration order.
 * Profiles themselves are read from their streams, so this table holds no
 * names or contact data and erasure has little to remove here.
 *
 * Every write is guarded by the event's log position, so handling an event
 * twice (at-least-once delivery) changes nothing.
 */
export class DirectoryProjection {
  static readonly NAME = 'directory';
  private readonly insert: Database.Statement;
  private readonly updates: Record<Column, Database.Statement>;
  private readonly release: Database.Statement;

  constructor(private readonly db: Database.Database) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS directory (
        kind TEXT NOT NULL,
        id TEXT NOT NULL,
        status TEXT NOT NULL,
        municipality TEXT NOT NULL,
        languages TEXT NOT NULL DEFAULT ' ',
        registered_at TEXT NOT NULL,
        registered_position INTEGER NOT NULL,
        last_position INTEGER NOT NULL,
        open_match_id TEXT,
        match_ended INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (kind, id)
      );
      CREATE INDEX IF NOT EXISTS directory_by_registration ON directory (kind, registered_position);
    `);
    this.insert = db.prepare(`INSERT INTO directory (kind, id, status, municipality, languages, registered_at, registered_position, last_position)
                              VALUES (?, ?, 'active', ?, ?, ?, ?, ?) ON CONFLICT (kind, id) DO NOTHING`);
    const update = (column: string) =>
      db.prepare(`UPDATE directory SET ${column} = ?, last_position = ? WHERE kind = ? AND id = ? AND last_position < ?`);
    this.updates = {
      status: update('status'), municipality: update('municipality'), languages: update('languages'), open_match_id: update('open_match_id'),
      match_ended: update('match_ended'),
    };
    // Only the open match: a failed match released before is released again to bar its key person, and changes nothing here.
    this.release = db.prepare(`UPDATE directory SET open_match_id = NULL, match_ended = ?, last_position = ?
                               WHERE kind = 'newcomer' AND id = ? AND last_position < ? AND open_match_id = ?`);
  }

  /** Event types this projection reads, for a server-side subscription filter. */
  static readonly EVENT_TYPES = [
    'NewcomerRegistered', 'NewcomerResidenceChanged', 'NewcomerWithdrawn',
    'KeyPersonRegistered', 'KeyPersonResidenceChanged', 'KeyPersonLanguagesChanged',
    'KeyPersonPaused', 'KeyPersonResumed', 'KeyPersonRetired', 'NewcomerMatchReserved', 'NewcomerMatchReleased',
    'NewcomerMatchingRequested', 'NewcomerErased', 'KeyPersonErased',
  ] as const;

  apply(event: ProjectionEvent): void {
    const data = event.data as Data;
    switch (event.type) {
      case 'NewcomerRegistered':
        return this.register('newcomer', data.newcomerId!, data, event);
      case 'KeyPersonRegistered':
        return this.register('key-person', data.keyPersonId!, data, event);
      case 'NewcomerResidenceChanged':
        return this.set('newcomer', data.newcomerId!, 'municipality', data.municipality!, event);
      case 'KeyPersonResidenceChanged':
        return this.set('key-person', data.keyPersonId!, 'municipality', data.municipality!, event);
      case 'KeyPersonLanguagesChanged':
        return this.set('key-person', data.keyPersonId!, 'languages', languageColumn(data.languages), event);
      case 'NewcomerWithdrawn':
        return this.set('newcomer', data.newcomerId!, 'status', 'withdrawn', event);
      case 'KeyPersonPaused':
        return this.set('key-person', data.keyPersonId!, 'status', 'paused', event);
      case 'KeyPersonResumed':
        return this.set('key-person', data.keyPersonId!, 'status', 'active', event);
      case 'KeyPersonRetired':
        return this.set('key-person', data.keyPersonId!, 'status', 'retired', event);
      case 'NewcomerMatchReserved':
        return this.set('newcomer', data.newcomerId!, 'open_match_id', data.matchId!, event);
      case 'NewcomerMatchReleased':
        // An ended match takes the newcomer out of the matcher's to-do list until someone asks again (SPEC §4).
        this.release.run(data.outcome === 'ended' ? 1 : 0, event.position, data.newcomerId!, event.position, data.matchId!);
        return;
      case 'NewcomerMatchingRequested':
        return this.set('newcomer', data.newcomerId!, 'match_ended', 0, event);
      case 'NewcomerErased':
        return this.remove('newcomer', data.newcomerId!);
      case 'KeyPersonErased':
        return this.remove('key-person', data.keyPersonId!);
      default:
        return;
    }
  }

  list(query: DirectoryQuery): { entries: DirectoryEntry[]; more: boolean } {
    const where = ['kind = @kind', 'registered_position > @after'];
    const params: Record<string, unknown> = { kind: query.kind, after: query.after ?? -1, limit: query.limit + 1 };
    if (query.status) { where.push('status = @status'); params.status = query.status; }
    if (query.language) { where.push("instr(languages, ' ' || @language || ' ') > 0"); params.language = query.language; }
    if (query.municipalities) {
      const names = query.municipalities.map((code, index) => { params[`m${index}`] = code; return `@m${index}`; });
      where.push(names.length ? `municipality IN (${names.join(', ')})` : '0');
    }
    const rows = this.db
      .prepare(`SELECT kind, id, status, municipality, registered_at AS registeredAt, registered_position AS registeredPosition
                FROM directory WHERE ${where.join(' AND ')} ORDER BY registered_position LIMIT @limit`)
      .all(params) as DirectoryEntry[];
    return { entries: rows.slice(0, query.limit), more: rows.length > query.limit };
  }

  /** Active newcomers without an open proposal or match, whose last match did not end, in registration order: the matcher's to-do list. */
  waitingNewcomers(after: number, limit: number): { id: string; registeredPosition: number }[] {
    return this.db
      .prepare(`SELECT id, registered_position AS registeredPosition FROM directory
                WHERE kind = 'newcomer' AND status = 'active' AND open_match_id IS NULL AND match_ended = 0 AND registered_position > ?
                ORDER BY registered_position LIMIT ?`)
      .all(after, limit) as { id: string; registeredPosition: number }[];
  }

  /**
   * Erasure (SPEC §7): the subject leaves the directory. Their earlier events
   * are unreadable from then on and the read side skips them, so a redelivery
   * or a rebuild never brings the row back.
   */
  private remove(kind: SubjectKind, id: string): void {
    this.db.prepare('DELETE FROM directory WHERE kind = ? AND id = ?').run(kind, id);
  }

  private register(kind: SubjectKind, id: string, data: Data, event: ProjectionEvent): void {
    this.insert.run(kind, id, data.profile?.municipality ?? '', languageColumn(data.profile?.languages), data.registeredAt ?? event.metadata.occurredAt, event.position, event.position);
  }

  private set(kind: SubjectKind, id: string, column: Column, value: string | number | null, event: ProjectionEvent): void {
    this.updates[column].run(value, event.position, kind, id, event.position);
  }
}

/** ` apc nld ` so that a language filter is an exact token match. */
function languageColumn(languages: readonly { code: string }[] | undefined): string {
  return ` ${(languages ?? []).map((language) => language.code).join(' ')} `;
}
