import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NewEvent, NO_STREAM, SqliteEventStore, StoredEventRow, StoredRowReader } from '@sleutel/event-store';
import { verifyHashChains } from './hash-chain-verifier';
import { LogDigestFollower } from './log-digest-follower';

const metadata = {
  actor: { id: 'w-1', role: 'intake' }, command: 'C', correlationId: 'c', causationId: 'c', occurredAt: '2026-01-01T00:00:00.000Z', source: 'api' as const,
};
let sequence = 0;
const note = (stream: string, text: string): NewEvent => ({
  id: `00000000-0000-4000-8000-${(sequence++).toString().padStart(12, '0')}`,
  type: 'NewcomerNotesChanged', schemaVersion: 1, data: { newcomerId: stream, notes: text }, metadata,
});

/** The digest kept current by the follower is the one verify computes over the whole log, after every growth. */
describe('LogDigestFollower on a SQLite file', () => {
  let directory: string;
  let store: SqliteEventStore;
  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'sleutel-anchor-'));
    store = SqliteEventStore.open(join(directory, 'events.sqlite'));
  });
  afterEach(async () => {
    await store.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('is null for an empty log, then equals verify\'s head after each growth, folding only what is new', async () => {
    // The store as verify reads it, noting which positions each read starts after.
    const startsAfter: (number | null)[] = [];
    const reader: StoredRowReader = {
      densePositions: true,
      readStoredRows: (after: number | null, limit: number): Promise<StoredEventRow[]> => {
        startsAfter.push(after);
        return store.readStoredRows(after, limit);
      },
    };
    const follower = new LogDigestFollower(reader, 3);
    expect(await follower.catchUp()).toBeNull();

    await store.append('newcomer-a', [note('newcomer-a', 'one'), note('newcomer-a', 'two')], NO_STREAM);
    await store.append('newcomer-b', [0, 1, 2, 3, 4].map((i) => note('newcomer-b', `n${i}`)), NO_STREAM);
    const first = await follower.catchUp();
    expect(first).toEqual((await verifyHashChains(store)).head);
    expect(first?.position).toBe(7);

    startsAfter.length = 0;
    await store.append('newcomer-a', [note('newcomer-a', 'three')], 1);
    const second = await follower.catchUp();
    expect(second).toEqual((await verifyHashChains(store)).head);
    expect(second?.anchor).not.toBe(first?.anchor);
    expect(startsAfter).toEqual([7]);

    // Nothing new: the same head, one read.
    startsAfter.length = 0;
    expect(await follower.catchUp()).toEqual(second);
    expect(startsAfter).toEqual([8]);
    // And an anchor it gave is one verify accepts later.
    const [position, digest] = first!.anchor.split(':');
    expect((await verifyHashChains(store, { anchor: { position: Number(position), digest } })).anchor).toMatchObject({ matches: true });
  });

  it('lets the rest of the process run between its pages while it folds a long log', async () => {
    for (let stream = 0; stream < 10; stream++) {
      await store.append(`newcomer-${stream}`, [0, 1, 2, 3, 4].map((i) => note(`newcomer-${stream}`, `n${i}`)), NO_STREAM);
    }
    let pagesRead = 0;
    const follower = new LogDigestFollower({ densePositions: true, readStoredRows: (after, limit) => (pagesRead++, store.readStoredRows(after, limit)) }, 5);
    // Work waiting in the event loop (a request, a probe) notes how far the fold got each time it runs.
    const seenByOthers: number[] = [];
    let folding = true;
    const probe = () => {
      seenByOthers.push(pagesRead);
      if (folding) setImmediate(probe);
    };
    setImmediate(probe);
    const head = await follower.catchUp();
    folding = false;
    expect(head?.position).toBe(50);
    // Eleven pages (the last one empty): the probe ran while some, not all, had been read.
    expect(seenByOthers.some((pages) => pages > 0 && pages < pagesRead)).toBe(true);
  });

  it('shares one fold between callers that ask at once', async () => {
    await store.append('newcomer-a', [note('newcomer-a', 'one')], NO_STREAM);
    let reads = 0;
    const follower = new LogDigestFollower({ densePositions: true, readStoredRows: (after, limit) => (reads++, store.readStoredRows(after, limit)) });
    const [a, b] = await Promise.all([follower.catchUp(), follower.catchUp()]);
    expect(a).toEqual(b);
    expect(reads).toBe(1);
  });
});
