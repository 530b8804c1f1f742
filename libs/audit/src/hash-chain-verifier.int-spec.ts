import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NewEvent, NO_STREAM, SqliteEventStore } from '@sleutel/event-store';
import { verifyHashChains } from './hash-chain-verifier';

const metadata = {
  actor: { id: 'w-1', role: 'intake' }, command: 'C', correlationId: 'c', causationId: 'c', occurredAt: '2026-01-01T00:00:00.000Z', source: 'api' as const,
};
const event = (stream: string, index: number, note: string): NewEvent => ({
  id: `00000000-0000-4000-8000-${stream.length.toString().padStart(4, '0')}${index.toString().padStart(8, '0')}`,
  type: 'NewcomerNotesChanged', schemaVersion: 1, data: { newcomerId: stream, notes: note }, metadata,
});

/** SPEC §6: one byte changed on disk is found, and named by stream and revision. */
describe('hash-chain verification of a SQLite file', () => {
  let directory: string;
  let file: string;
  beforeEach(async () => {
    directory = mkdtempSync(join(tmpdir(), 'sleutel-verify-'));
    file = join(directory, 'events.sqlite');
    const store = SqliteEventStore.open(file);
    await store.append('newcomer-a', [event('newcomer-a', 0, 'first'), event('newcomer-a', 1, 'second')], NO_STREAM);
    await store.append('newcomer-bb', [0, 1, 2, 3].map((i) => event('newcomer-bb', i, i === 2 ? 'Tampered-Target note' : `note ${i}`)), NO_STREAM);
    await store.append('newcomer-a', [event('newcomer-a', 2, 'third')], 1);
    // Closing the last connection checkpoints the WAL into the main file and removes it.
    await store.close();
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  it('finds a clean store intact', async () => {
    const store = SqliteEventStore.open(file);
    expect(await verifyHashChains(store)).toEqual({ intact: true, streams: 2, events: 7, broken: [] });
    expect(await verifyHashChains(store, { streamId: 'newcomer-bb', pageSize: 2 })).toEqual({ intact: true, streams: 1, events: 4, broken: [] });
    await store.close();
  });

  it('names the stream and revision of an event one byte of which was changed in the file', async () => {
    const bytes = readFileSync(file);
    const at = bytes.indexOf('Tampered-Target');
    expect(at).toBeGreaterThan(0);
    expect(bytes.indexOf('Tampered-Target', at + 1)).toBe(-1);
    bytes[at] = 'X'.charCodeAt(0);
    writeFileSync(file, bytes);

    const store = SqliteEventStore.open(file);
    const result = await verifyHashChains(store, { pageSize: 3 });
    expect(result).toEqual({
      intact: false, streams: 2, events: 7,
      broken: [{ streamId: 'newcomer-bb', revision: 2, position: expect.any(Number), reason: 'hash-mismatch' }],
    });
    expect((await verifyHashChains(store, { streamId: 'newcomer-a' })).intact).toBe(true);
    await store.close();
  });

  it('notices an event removed from the middle of a stream, and a hash rewritten to match its change', async () => {
    const store = SqliteEventStore.open(file);
    store.database.prepare("DELETE FROM events WHERE stream_id = 'newcomer-a' AND revision = 1").run();
    const rehash = store.database.prepare("SELECT position FROM events WHERE stream_id = 'newcomer-bb' AND revision = 1").pluck().get() as number;
    store.database.prepare("UPDATE events SET hash = 'f00d' WHERE position = ?").run(rehash);
    const result = await verifyHashChains(store);
    // In log order: the rewritten hash (position 4) comes before the event after the gap (position 7).
    expect(result.broken).toEqual([
      { streamId: 'newcomer-bb', revision: 1, position: rehash, reason: 'hash-mismatch' },
      { streamId: 'newcomer-a', revision: 2, position: expect.any(Number), reason: 'revision-gap' },
    ]);
    await store.close();
  });
});
