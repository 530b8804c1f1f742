import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ANY, InMemoryEventStore, NewEvent } from '@sleutel/event-store';
import { ReadSide } from './read-side';

const event = (type: string, data: NewEvent['data']): NewEvent => ({
  id: randomUUID(), type, schemaVersion: 1, data,
  metadata: { actor: { id: 'test', role: 'admin' }, command: type, correlationId: 'c', causationId: 'c', occurredAt: '2026-11-30T09:00:00.000Z', source: 'cli' },
});

describe('ReadSide after an erasure', () => {
  let dir: string;
  let readSide: ReadSide;
  let store: InMemoryEventStore;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sleutel-read-side-'));
    readSide = ReadSide.open(dir, 5000);
    store = new InMemoryEventStore();
    await readSide.start(store);
  });
  afterEach(async () => {
    await readSide.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('truncates the WAL once no other connection holds a read, and meanwhile keeps following the log', async () => {
    const walSize = () => statSync(join(dir, 'read-models.sqlite-wal')).size;
    const newcomer = randomUUID();
    const registered = await store.append(`newcomer-${newcomer}`, [event('NewcomerRegistered', {
      newcomerId: newcomer, registeredAt: '2026-11-30T08:00:00.000Z',
      profile: { municipality: 'GM0344', languages: [{ code: 'tir', level: 'native' }] } as never,
    })], ANY);
    await readSide.waitFor(registered.position!);
    // A backup or `audit replay` reading the file on a connection of its own.
    const reader = new Database(join(dir, 'read-models.sqlite'));
    reader.exec('BEGIN');
    reader.prepare('SELECT count(*) FROM sqlite_master').get();
    try {
      const erased = await store.append(`newcomer-${newcomer}`, [event('NewcomerErased', { newcomerId: newcomer, erasedAt: '2026-11-30T09:00:00.000Z', basis: 'data-subject-request', openMatchId: null })], ANY);
      await readSide.waitFor(erased.position!);
      // The read side goes on while the truncation waits for the reader: a later event is folded in.
      const later = await store.append(`newcomer-${randomUUID()}`, [event('NewcomerRegistered', {
        newcomerId: randomUUID(), registeredAt: '2026-11-30T09:30:00.000Z', profile: { municipality: 'GM0344', languages: [] } as never,
      })], ANY);
      await readSide.waitFor(later.position!);
      expect(readSide.position).toBe(later.position);
      expect(walSize()).toBeGreaterThan(0);
    } finally {
      reader.exec('COMMIT');
      reader.close();
    }
    // The reader gone, a retry truncates it.
    for (let waited = 0; walSize() > 0 && waited < 10_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(walSize()).toBe(0);
  });

  it('says whether it has read the log up to a position, also when the last events are none it projects', async () => {
    const newcomer = randomUUID();
    const registered = await store.append(`newcomer-${newcomer}`, [event('NewcomerRegistered', {
      newcomerId: newcomer, registeredAt: '2026-11-30T08:00:00.000Z', profile: { municipality: 'GM0344', languages: [] } as never,
    })], ANY);
    expect(await readSide.reached(registered.position!, 5_000)).toBe(true);
    const unprojected = await store.append(`test-${randomUUID()}`, [event('TestNothingProjected', {})], ANY);
    expect(await readSide.reached(unprojected.position!, 5_000)).toBe(true);
    // Not started: it has read nothing.
    const idleDir = mkdtempSync(join(tmpdir(), 'sleutel-read-side-idle-'));
    const idle = ReadSide.open(idleDir, 5000);
    try {
      expect(await idle.reached(registered.position!, 50)).toBe(false);
    } finally {
      await idle.close();
      rmSync(idleDir, { recursive: true, force: true });
    }
  });
});

describe('ReadSide files', () => {
  it('creates the read models readable by their owner only, whatever the umask: their rows hold personal data', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sleutel-read-side-mode-'));
    const umask = process.umask(0o022);
    let readSide: ReadSide;
    try {
      readSide = ReadSide.open(dir, 5000);
    } finally {
      process.umask(umask);
    }
    try {
      await readSide.start(new InMemoryEventStore());
      const file = join(dir, 'read-models.sqlite');
      for (const path of [file, `${file}-wal`, `${file}-shm`]) expect({ path, mode: statSync(path).mode & 0o777 }).toEqual({ path, mode: 0o600 });
    } finally {
      await readSide.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
