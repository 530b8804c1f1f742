/**
 * Counts in the shared SQLite log, read from the bench process over a
 * read-only connection: how many newcomers were registered and how many
 * the matcher has answered (a proposal or a recorded deferral).
 */
import Database from 'better-sqlite3';

export interface LogCounts {
  readonly registered: number;
  readonly answered: number;
}

export function countLog(file: string): LogCounts {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const count = (types: string[]): number =>
      db.prepare(`SELECT COUNT(*) FROM events WHERE type IN (${types.map(() => '?').join(', ')})`).pluck().get(...types) as number;
    return { registered: count(['NewcomerRegistered']), answered: count(['MatchProposed', 'NewcomerMatchingDeferred']) };
  } finally {
    db.close();
  }
}

/** Waits (bounded) until every registered newcomer has an answer; returns the seconds it took, or null on timeout. */
export async function drainSeconds(file: string, timeoutMs: number): Promise<number | null> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    const { registered, answered } = countLog(file);
    if (answered >= registered) return (Date.now() - started) / 1000;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return null;
}
