import Database from 'better-sqlite3';
import { RecordedEvent } from '@sleutel/event-store';
import { DirectoryProjection } from '../directory/directory.projection';
import { digestTables } from '../projection-digest';
import { listQuery, MatchBoardProjection } from './match-board.projection';

const event = (position: number, type: string, data: Record<string, unknown>): RecordedEvent => ({
  id: `e${position}`, type, schemaVersion: 1, data: data as RecordedEvent['data'], streamId: 's', revision: 0, position,
  metadata: { actor: { id: 'a', role: 'coordinator' }, command: 'C', correlationId: 'c', causationId: 'c', occurredAt: '2026-11-30T10:00:00.000Z', source: 'api' },
  chain: { previousHash: null, hash: 'h' },
});
const registered = (position: number, newcomerId: string) =>
  event(position, 'NewcomerRegistered', { newcomerId, registeredAt: '2026-11-30T10:00:00.000Z', profile: { municipality: 'GM0344', languages: [{ code: 'apc', level: 'native' }] } });
const proposed = (position: number, matchId: string, newcomerId: string, cohortRunId?: string) =>
  event(position, 'MatchProposed', {
    matchId, newcomerId, keyPersonId: 'k1', score: 50, proposedAt: '2026-11-30T10:00:00.000Z', expiresAt: null,
    explanation: cohortRunId === undefined ? { components: [] } : { components: [], cohortRunId },
  });
/** What the read side hands the projections for a match event of an erased newcomer: the sealed part is gone. */
const withoutExplanation = (e: RecordedEvent): RecordedEvent => {
  const { explanation: _, ...clear } = e.data as Record<string, unknown>;
  return { ...e, data: clear as RecordedEvent['data'] };
};

function board(): { db: Database.Database; directory: DirectoryProjection; matches: MatchBoardProjection } {
  const db = new Database(':memory:');
  return { db, directory: new DirectoryProjection(db), matches: new MatchBoardProjection(db) };
}

function applyAll(target: ReturnType<typeof board>, events: readonly RecordedEvent[]): void {
  for (const e of events) {
    target.directory.apply(e);
    target.matches.apply(e);
  }
}

describe('MatchBoardProjection', () => {
  const log = [
    registered(1, 'n1'), registered(2, 'n2'), registered(3, 'n3'), registered(4, 'n4'),
    proposed(5, 'm1', 'n1'), proposed(6, 'm2', 'n2', 'run-a'), proposed(7, 'm3', 'n3', 'run-b'), proposed(8, 'm4', 'n4', 'run-a'),
  ];

  it('lists the proposals of one cohort run, in proposal order, with the other filters and paging', () => {
    const live = board();
    applyAll(live, log);
    const ids = (query: Partial<Parameters<MatchBoardProjection['list']>[0]>) => live.matches.list({ limit: 10, ...query }).entries.map((entry) => entry.id);
    expect(ids({ cohortRunId: 'run-a' })).toEqual(['m2', 'm4']);
    expect(ids({ cohortRunId: 'run-b' })).toEqual(['m3']);
    expect(ids({ cohortRunId: 'run-c' })).toEqual([]);
    expect(ids({})).toEqual(['m1', 'm2', 'm3', 'm4']);
    expect(ids({ cohortRunId: 'run-a', newcomerId: 'n4' })).toEqual(['m4']);
    expect(ids({ cohortRunId: 'run-a', municipalities: ['GM0363'] })).toEqual([]);
    expect(live.matches.list({ cohortRunId: 'run-a', limit: 1 })).toEqual({ entries: [expect.objectContaining({ id: 'm2' })], more: true });
    expect(ids({ cohortRunId: 'run-a', after: 6 })).toEqual(['m4']);
    live.matches.apply(event(9, 'MatchRejected', { matchId: 'm4' }));
    expect(ids({ cohortRunId: 'run-a', status: 'proposed' })).toEqual(['m2']);
  });

  it('forgets the run of an erased newcomer\'s matches, as a rebuild without the sealed explanation would', () => {
    const erased = event(9, 'NewcomerErased', { newcomerId: 'n2', erasedAt: '2026-11-30T11:00:00.000Z' });
    const live = board();
    applyAll(live, [...log, erased]);
    expect(live.matches.list({ cohortRunId: 'run-a', limit: 10 }).entries.map((entry) => entry.id)).toEqual(['m4']);

    // A rebuild after the erasure reads n2's match without its explanation (and without n2's registration).
    const rebuilt = board();
    applyAll(rebuilt, [...log.filter((e) => e.position !== 2).map((e) => (e.position === 6 ? withoutExplanation(e) : e)), erased]);
    expect(digestTables(rebuilt.db, ['match_board'])).toEqual(digestTables(live.db, ['match_board']));
  });

  it('keeps the run of an erased person\'s match when the proposal named it in clear (since 2026-12-01), as a rebuild reads it too', () => {
    // m5 named its run in clear beside the explanation; m2 (older) only in its sealed explanation.
    const named = (position: number, matchId: string, newcomerId: string, runId: string) => {
      const e = proposed(position, matchId, newcomerId, runId);
      return { ...e, data: { ...e.data, cohortRunId: runId } as RecordedEvent['data'] };
    };
    const erasures = [
      event(11, 'NewcomerErased', { newcomerId: 'n2', erasedAt: '2026-11-30T11:00:00.000Z' }),
      event(12, 'NewcomerErased', { newcomerId: 'n5', erasedAt: '2026-11-30T11:00:00.000Z' }),
      event(13, 'KeyPersonErased', { keyPersonId: 'k1', erasedAt: '2026-11-30T11:00:00.000Z' }),
    ];
    const live = board();
    applyAll(live, [...log, registered(9, 'n5'), named(10, 'm5', 'n5', 'run-a'), ...erasures]);
    expect(live.matches.list({ cohortRunId: 'run-a', limit: 10 }).entries.map((entry) => entry.id)).toEqual(['m5']);

    // A rebuild after the erasures: without the erased newcomers' registrations, and every explanation (all with k1) sealed away.
    const rebuilt = board();
    const kept = [...log.filter((e) => e.position !== 2), named(10, 'm5', 'n5', 'run-a')];
    applyAll(rebuilt, [...kept.map((e) => (e.type === 'MatchProposed' ? withoutExplanation(e) : e)), ...erasures]);
    expect(digestTables(rebuilt.db, ['match_board'])).toEqual(digestTables(live.db, ['match_board']));
  });

  it('follows a newcomer who moves, so a scoped list agrees with the check made on each match', () => {
    const live = board();
    applyAll(live, [...log, event(9, 'NewcomerResidenceChanged', { newcomerId: 'n1', municipality: 'GM0363' })]);
    const ids = (municipalities: string[]) => live.matches.list({ limit: 10, municipalities }).entries.map((entry) => entry.id);
    expect(ids(['GM0344'])).toEqual(['m2', 'm3', 'm4']);
    expect(ids(['GM0363'])).toEqual(['m1']);
    // A match proposed after the move takes the new municipality from the directory.
    live.matches.apply(proposed(10, 'm5', 'n1'));
    expect(ids(['GM0363'])).toEqual(['m1', 'm5']);
  });

  it('keeps the municipality of a move it cannot read any more (an erased newcomer\'s) out, as the erasure clears it anyway', () => {
    const erased = event(10, 'NewcomerErased', { newcomerId: 'n1', erasedAt: '2026-11-30T11:00:00.000Z' });
    const live = board();
    applyAll(live, [...log, event(9, 'NewcomerResidenceChanged', { newcomerId: 'n1', municipality: 'GM0363' }), erased]);
    const rebuilt = board();
    applyAll(rebuilt, [...log.filter((e) => e.position !== 1), event(9, 'NewcomerResidenceChanged', { newcomerId: 'n1' }), erased]);
    expect(digestTables(rebuilt.db, ['match_board'])).toEqual(digestTables(live.db, ['match_board']));
  });

  describe('the key person\'s municipality', () => {
    const keyPerson = event(0, 'KeyPersonRegistered', {
      keyPersonId: 'k1', registeredAt: '2026-11-30T09:00:00.000Z', profile: { municipality: 'GM0356', languages: [{ code: 'apc', level: 'native' }] },
    });
    const moved = event(9, 'KeyPersonResidenceChanged', { keyPersonId: 'k1', municipality: 'GM0345' });

    it('scopes a list by either person\'s municipality, and follows the key person who moves', () => {
      const live = board();
      applyAll(live, [keyPerson, ...log]);
      const ids = (municipalities: string[]) => live.matches.list({ limit: 10, municipalities }).entries.map((entry) => entry.id);
      expect(ids(['GM0356'])).toEqual(['m1', 'm2', 'm3', 'm4']);
      expect(live.matches.get('m1')).toMatchObject({ municipality: 'GM0344', keyPersonMunicipality: 'GM0356' });
      applyAll(live, [moved]);
      expect(ids(['GM0356'])).toEqual([]);
      expect(ids(['GM0345'])).toEqual(['m1', 'm2', 'm3', 'm4']);
      expect(ids(['GM0363'])).toEqual([]);
    });

    it('is forgotten at the key person\'s erasure, as a rebuild that cannot read their registration or move would', () => {
      const erased = event(10, 'KeyPersonErased', { keyPersonId: 'k1', erasedAt: '2026-11-30T11:00:00.000Z' });
      const live = board();
      applyAll(live, [keyPerson, ...log, moved, erased]);
      expect(live.matches.list({ limit: 10, municipalities: ['GM0345'] }).entries).toEqual([]);
      const rebuilt = board();
      applyAll(rebuilt, [...log, event(9, 'KeyPersonResidenceChanged', { keyPersonId: 'k1' }), erased]);
      expect(digestTables(rebuilt.db, ['match_board'])).toEqual(digestTables(live.db, ['match_board']));
    });
  });

  it('reads a page in proposal order from an index, whatever the filter, never sorting every row that qualifies', () => {
    const { db } = board();
    const shapes: Parameters<typeof listQuery>[0][] = [
      { limit: 20 },
      { limit: 20, after: 1000 },
      { limit: 20, status: 'ended' },
      { limit: 20, status: 'proposed', after: 1000 },
      { limit: 20, newcomerId: 'n1' },
      { limit: 20, keyPersonId: 'k1', status: 'accepted' },
      { limit: 20, cohortRunId: 'run-a' },
      { limit: 20, municipalities: ['GM0344', 'GM0363'] },
      { limit: 20, municipalities: ['GM0344'], status: 'proposed' },
    ];
    for (const shape of shapes) {
      const { sql, params } = listQuery(shape);
      const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map((step) => step.detail);
      expect({ shape, plan }).toEqual({ shape, plan: expect.not.arrayContaining([expect.stringContaining('TEMP B-TREE')]) });
      expect({ shape, plan }).toEqual({ shape, plan: expect.arrayContaining([expect.stringMatching(/USING (COVERING )?INDEX/)]) });
    }
  });
});

