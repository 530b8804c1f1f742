import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chainHash, NewEvent, NO_STREAM, SqliteEventStore } from '@sleutel/event-store';
import { parseAnchor, verifyHashChains } from './hash-chain-verifier';

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
    const whole = await verifyHashChains(store);
    expect(whole).toEqual({
      intact: true, streams: 2, events: 7, broken: [], gaps: [], gapsChecked: true,
      head: { position: 7, digest: expect.stringMatching(/^[0-9a-f]{64}$/), anchor: `7:${whole.head!.digest}` },
    });
    // One stream: its events judged, the log's positions and digest still over the whole log, whatever the page size.
    expect(await verifyHashChains(store, { streamId: 'newcomer-bb', pageSize: 2 })).toEqual({ ...whole, streams: 1, events: 4 });
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
    expect(result).toMatchObject({
      intact: false, streams: 2, events: 7, gaps: [], gapsChecked: true,
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

  it('notices a stream\'s newest event removed, by the hole it leaves in the log\'s positions', async () => {
    const store = SqliteEventStore.open(file);
    // newcomer-bb's last event (position 6): its chain is still whole without it.
    store.database.prepare("DELETE FROM events WHERE stream_id = 'newcomer-bb' AND revision = 3").run();
    const result = await verifyHashChains(store, { pageSize: 2 });
    expect(result).toMatchObject({ intact: false, broken: [], gaps: [{ afterPosition: 5, position: 7 }], events: 6 });
    await store.close();
  });

  it('notices the log\'s newest events removed, by the last position the store handed out', async () => {
    const store = SqliteEventStore.open(file);
    // newcomer-a's revision 2 (position 7, the log's last) and newcomer-bb's revision 3 (position 6): every chain
    // still whole, no hole between the rows left; but the store handed out position 7, so 6 and 7 are gone.
    store.database.prepare('DELETE FROM events WHERE position >= 6').run();
    const result = await verifyHashChains(store, { pageSize: 2 });
    expect(result).toMatchObject({ intact: false, broken: [], gaps: [{ afterPosition: 5, position: 8 }], events: 5, head: { position: 5 } });
    // Every event gone: the same, from the start.
    store.database.prepare('DELETE FROM events').run();
    expect(await verifyHashChains(store)).toMatchObject({ intact: false, events: 0, gaps: [{ afterPosition: 0, position: 8 }], head: null });
    await store.close();
  });

  it('notices an event put by hand at a position below 1, which reading the log in order passes by but reading its stream does not', async () => {
    const store = SqliteEventStore.open(file);
    const before = (await verifyHashChains(store)).head!;
    // newcomer-a's next revision with a correct link, and a stream of its own, at positions SQLite never hands out:
    // no hole between the rows and sqlite_sequence unchanged, yet `readStream` (trails, state as of, the aggregate
    // the next command loads) returns them as part of the stream.
    const tail = store.database.prepare("SELECT hash FROM events WHERE stream_id = 'newcomer-a' ORDER BY revision DESC LIMIT 1").pluck().get() as string;
    const insert = store.database.prepare(`INSERT INTO events (position, stream_id, revision, event_id, type, schema_version, data, metadata, previous_hash, hash)
      VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?, ?)`);
    for (const [position, stream, revision, previous] of [[0, 'newcomer-a', 3, tail], [-1, 'newcomer-ccc', 0, null]] as const) {
      const forged = event(stream, revision, 'forged');
      const stored = { data: JSON.stringify(forged.data), metadata: JSON.stringify(forged.metadata) };
      insert.run(position, stream, revision, forged.id, forged.type, stored.data, stored.metadata, previous, chainHash(previous, stream, revision, forged, stored));
    }
    expect((await store.readStream('newcomer-a')).map((recorded) => recorded.position)).toEqual([1, 2, 7, 0]);

    const result = await verifyHashChains(store, { pageSize: 2, anchor: parseAnchor(before.anchor)! });
    expect(result).toMatchObject({
      intact: false, streams: 3, events: 9, gaps: [],
      broken: [
        { streamId: 'newcomer-ccc', revision: 0, position: -1, reason: 'position-out-of-range' },
        { streamId: 'newcomer-a', revision: 3, position: 0, reason: 'position-out-of-range' },
      ],
      head: { position: 7 },
      // The digest folds them too, so an anchor written before shows them.
      anchor: { position: 7, matches: false },
    });
    // One stream: its own such event is named.
    expect(await verifyHashChains(store, { streamId: 'newcomer-a' })).toMatchObject({
      intact: false, streams: 1, events: 4, gaps: [], broken: [{ streamId: 'newcomer-a', revision: 3, position: 0, reason: 'position-out-of-range' }],
    });
    await store.close();
  });

  it('does not take an anchor for matching when an event of another stream than the one verified was changed before it', async () => {
    const store = SqliteEventStore.open(file);
    const before = (await verifyHashChains(store)).head!;
    // newcomer-bb's revision 2 changed, its stored hash left as it was.
    store.database.prepare("UPDATE events SET data = replace(data, 'Tampered-Target', 'Tampered-Changed') WHERE stream_id = 'newcomer-bb' AND revision = 2").run();
    const result = await verifyHashChains(store, { streamId: 'newcomer-a', anchor: parseAnchor(before.anchor)! });
    // newcomer-a's chain is whole, but the log up to the anchor is not what it was.
    expect(result).toMatchObject({ intact: false, broken: [], gaps: [], anchor: { position: 7, expected: before.digest, matches: false } });
    expect(result.head!.digest).not.toBe(before.digest);
    // The whole log: the change named, and the anchor not matching either.
    expect(await verifyHashChains(store, { anchor: parseAnchor(before.anchor)! })).toMatchObject({
      intact: false, broken: [{ streamId: 'newcomer-bb', revision: 2, reason: 'hash-mismatch' }], anchor: { matches: false },
    });
    await store.close();
  });

  it('takes an event appended while it reads for no cut', async () => {
    const store = SqliteEventStore.open(file);
    let appended = false;
    // After the last page: an append there is past what was read, not a removed event.
    const result = await verifyHashChains(store, {
      pageSize: 100,
      onProgress: () => {
        if (appended) return;
        appended = true;
        store.database.prepare(`INSERT INTO events (stream_id, revision, event_id, type, schema_version, data, metadata, previous_hash, hash)
          SELECT 'newcomer-c', 0, 'x', type, schema_version, data, metadata, NULL, hash FROM events WHERE position = 1`).run();
      },
    });
    expect(appended).toBe(true);
    expect(result).toMatchObject({ intact: true, gaps: [], head: { position: 7 } });
    await store.close();
  });

  it('notices, by an anchor written down before, an event rewritten with its stream\'s chain recomputed, and the log cut short', async () => {
    let store = SqliteEventStore.open(file);
    const before = (await verifyHashChains(store)).head!;
    // More events after the anchor change nothing before it.
    await store.append('newcomer-a', [event('newcomer-a', 3, 'fourth')], 2);
    const later = await verifyHashChains(store, { anchor: parseAnchor(before.anchor)! });
    expect(later).toMatchObject({ intact: true, anchor: { position: 7, expected: before.digest, found: before.digest, matches: true }, head: { position: 8 } });

    // Rewrite newcomer-bb's event at revision 1 and recompute the hashes of it and every later event of that stream.
    const rows = store.database.prepare("SELECT * FROM events WHERE stream_id = 'newcomer-bb' ORDER BY revision").all() as Record<string, string | number | null>[];
    const update = store.database.prepare('UPDATE events SET data = ?, previous_hash = ?, hash = ? WHERE position = ?');
    let previous = rows[0].hash as string;
    for (const row of rows.slice(1)) {
      const data = row.revision === 1 ? (row.data as string).replace('note 1', 'note X') : (row.data as string);
      const stored = { data, metadata: row.metadata as string };
      const hash = chainHash(previous, row.stream_id as string, row.revision as number, { id: row.event_id as string, type: row.type as string, schemaVersion: row.schema_version as number }, stored);
      update.run(data, previous, hash, row.position);
      previous = hash;
    }
    const rewritten = await verifyHashChains(store, { anchor: parseAnchor(before.anchor)! });
    // Every chain whole again: only the anchor shows it.
    expect(rewritten).toMatchObject({ intact: false, broken: [], gaps: [], anchor: { position: 7, matches: false } });
    expect(rewritten.anchor!.found).not.toBe(before.digest);
    await store.close();

    // The log cut back to before the anchor: no event there any more.
    store = SqliteEventStore.open(file);
    store.database.prepare('DELETE FROM events WHERE position >= 7').run();
    expect(await verifyHashChains(store, { anchor: parseAnchor(before.anchor)! })).toMatchObject({
      // The store handed out position 8 (the event appended after the anchor): the cut shows without the anchor too.
      intact: false, broken: [], gaps: [{ afterPosition: 6, position: 9 }], anchor: { position: 7, found: null, matches: false }, head: { position: 6 },
    });
    await store.close();
  });

  it('reads back only well-formed anchors', () => {
    const digest = 'ab'.repeat(32);
    expect(parseAnchor(`12:${digest}`)).toEqual({ position: 12, digest });
    for (const bad of [`0:${digest}`, `-1:${digest}`, `12:${digest.toUpperCase()}`, `12:${digest.slice(1)}`, digest, '12:', `1.5:${digest}`, ` 12:${digest}`]) {
      expect({ bad, parsed: parseAnchor(bad) }).toEqual({ bad, parsed: null });
    }
  });
});
