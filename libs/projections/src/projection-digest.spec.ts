import Database from 'better-sqlite3';
import { RecordedEvent } from '@sleutel/event-store';
import { PROJECTIONS, projectedEventTypes } from './projection-catalogue';
import { digestTables, firstDifference } from './projection-digest';
import { ProjectionRebuild } from './projection-rebuild';

const event = (position: number, type: string, data: Record<string, unknown>): RecordedEvent => ({
  id: `e${position}`, type, schemaVersion: 1, data: data as RecordedEvent['data'], streamId: 's', revision: position, position,
  chain: { previousHash: null, hash: 'h' },
  metadata: { actor: { id: 'a', role: 'intake' }, command: 'C', correlationId: 'c', causationId: 'c', occurredAt: '2026-01-01T00:00:00.000Z', source: 'api' },
});
const registered = (position: number, id: string) =>
  event(position, 'NewcomerRegistered', { newcomerId: id, registeredAt: '2026-01-01T00:00:00.000Z', profile: { municipality: 'GM0344', languages: [{ code: 'apc' }] } });

describe('projection catalogue', () => {
  it('names exactly the tables each projection creates', () => {
    // Opened in catalogue order on one database, as the read side does (the match board reads the directory).
    const db = new Database(':memory:');
    const tables = (): string[] => db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
    for (const projection of PROJECTIONS) {
      const before = new Set(tables());
      projection.open(db);
      const created = tables().filter((table) => !before.has(table)).sort();
      expect({ name: projection.name, created }).toEqual({ name: projection.name, created: [...projection.tables].sort() });
    }
    db.close();
    expect(projectedEventTypes()).toEqual(expect.arrayContaining(['NewcomerRegistered', 'MatchProposed']));
  });
});

describe('projection digests', () => {
  const directory = PROJECTIONS[0];

  it('are equal for the same rows written in another order, and name the first differing key otherwise', () => {
    const one = new ProjectionRebuild();
    const two = new ProjectionRebuild();
    one.apply([registered(1, 'b'), registered(2, 'a')]);
    two.apply([registered(1, 'b'), registered(2, 'a')]);
    expect(one.digest(directory)).toEqual(two.digest(directory));
    expect(firstDifference(one.db, two.db, directory.tables)).toBeNull();

    two.apply([event(3, 'NewcomerWithdrawn', { newcomerId: 'b' })]);
    expect(one.digest(directory).digest).not.toBe(two.digest(directory).digest);
    expect(firstDifference(one.db, two.db, directory.tables)).toEqual({ table: 'directory', key: { kind: 'newcomer', id: 'b' }, reason: 'different-values' });

    one.apply([registered(3, 'c')]);
    two.apply([registered(4, 'c'), registered(5, '0')]);
    expect(firstDifference(one.db, two.db, directory.tables)).toMatchObject({ key: { kind: 'newcomer', id: '0' }, reason: 'missing-in-live' });
    one.close();
    two.close();
  });

  it('digest an empty projection too', () => {
    const db = new Database(':memory:');
    directory.open(db);
    expect(digestTables(db, directory.tables)).toMatchObject({ rows: 0, digest: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it('load rows without the secondary indexes, build them on request, and digest the same rows either way', () => {
    const indexes = (rebuild: ProjectionRebuild): string[] =>
      rebuild.db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name").pluck().all() as string[];
    const live = new Database(':memory:');
    const opened = PROJECTIONS.map((projection) => projection.open(live));
    const rebuild = new ProjectionRebuild();
    const events = [registered(1, 'b'), registered(2, 'a'), event(3, 'NewcomerWithdrawn', { newcomerId: 'b' })];
    for (const one of events) opened.forEach((projection) => projection.apply(one));

    expect(indexes(rebuild)).toEqual([]);
    rebuild.apply(events.slice(0, 2));
    rebuild.buildIndexes();
    rebuild.apply(events.slice(2));

    const liveIndexes = live.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name").pluck().all();
    expect(indexes(rebuild)).toEqual(liveIndexes);
    for (const projection of PROJECTIONS) expect(rebuild.digest(projection)).toEqual(digestTables(live, projection.tables));
    rebuild.close();
    live.close();
  });

  it('refuses events out of log order', () => {
    const rebuild = new ProjectionRebuild();
    rebuild.apply([registered(5, 'a')]);
    expect(() => rebuild.apply([registered(5, 'b')])).toThrow(/not after 5/);
  });
});
