import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppendSignal } from '../append-signal';
import { CheckpointedSubscription } from '../checkpointed-subscription';
import { EventCollector } from '../contract/event-collector';
import { sampleData, sampleEvent, sampleEvents, uniqueCategory } from '../contract/sample-events';
import { describeEventStoreContract } from '../contract/event-store.contract';
import { describeStreamPrefixContract } from '../contract/stream-prefix.contract';
import { RecordedEvent } from '../event-envelope';
import { EventStoreUnavailableError } from '../event-store.errors';
import { NO_STREAM } from '../event-store.port';
import { ProjectionEvent } from '../projection-reader';
import { chainHash } from '../hash-chain';
import { SqliteCheckpointStore } from './sqlite-checkpoint-store.adapter';
import { SqliteEventStore } from './sqlite-event-store.adapter';
import { streamRangeSql } from './sqlite-event-log.statements';
import { runChildWriters } from './testing/child-writers';

let directory: string;

beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), 'sleutel-event-store-'));
});

afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

/** A database file of its own per test, in a directory the store has to create. */
function freshFile(): string {
  return join(directory, randomUUID(), 'events.sqlite');
}

const fresh = async () => {
  const file = freshFile();
  const store = SqliteEventStore.open(file);
  const checkpoints = new SqliteCheckpointStore(file);
  return {
    store,
    checkpoints,
    secondWriter: async () => SqliteEventStore.open(file),
    dispose: async () => {
      await store.close();
      checkpoints.close();
    },
  };
};
describeEventStoreContract('SqliteEventStore', fresh);

describe('SqliteEventStore as a StreamPrefixReader', () => {
  describeStreamPrefixContract(fresh);

  it('reads a range of streams by the (stream_id, revision) index in its order, whatever the conditions, never through the log', () => {
    const store = SqliteEventStore.open(freshFile());
    try {
      for (const bounded of [true, false]) {
        for (const [afterPosition, upToPosition] of [[false, false], [true, false], [false, true], [true, true]]) {
          for (const typeCount of [-1, 0, 1, 3]) {
            const shape = { bounded, afterPosition, upToPosition, typeCount };
            const sql = streamRangeSql(shape);
            const params = Array.from({ length: (sql.match(/\?/g) ?? []).length }, () => 1);
            const plan = (store.database.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((step) => step.detail);
            expect({ shape, plan }).toEqual({ shape, plan: [expect.stringMatching(/^SEARCH events USING INDEX sqlite_autoindex_events_2 \(stream_id>\?( AND stream_id<\?)?\)$/)] });
          }
        }
      }
    } finally {
      void store.close();
    }
  });
});

describe('SqliteEventStore on a file', () => {
  it('creates the directory and runs in WAL mode with synchronous=FULL', async () => {
    const file = freshFile();
    const store = SqliteEventStore.open(file);
    try {
      expect(existsSync(file)).toBe(true);
      expect(store.database.pragma('journal_mode', { simple: true })).toBe('wal');
      // 2 is FULL (0 OFF, 1 NORMAL, 3 EXTRA).
      expect(store.database.pragma('synchronous', { simple: true })).toBe(2);
      expect(store.database.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0);
    } finally {
      await store.close();
    }
  });

  it('creates the file, its WAL and its shared-memory file readable by their owner only, whatever the umask', async () => {
    const file = freshFile();
    const umask = process.umask(0o022);
    let store: SqliteEventStore;
    try {
      store = SqliteEventStore.open(file);
    } finally {
      process.umask(umask);
    }
    try {
      await store.append(`${uniqueCategory()}-1`, sampleEvents(1), NO_STREAM);
      for (const path of [file, `${file}-wal`, `${file}-shm`]) expect({ path, mode: statSync(path).mode & 0o777 }).toEqual({ path, mode: 0o600 });
    } finally {
      await store.close();
    }
  });

  it('has no head while the log is empty', async () => {
    const store = SqliteEventStore.open(freshFile());
    try {
      expect(await store.headPosition()).toBeNull();
    } finally {
      await store.close();
    }
  });

  it('keeps events, hashes and checkpoints across closing and reopening the file', async () => {
    const file = freshFile();
    const written = sampleEvents(3);
    const first = SqliteEventStore.open(file);
    const firstCheckpoints = new SqliteCheckpointStore(file);
    const appended = await first.append('newcomer-1', written, NO_STREAM);
    const before = await first.readStream('newcomer-1');
    await firstCheckpoints.save('projection:overview', appended.position);
    await first.close();
    firstCheckpoints.close();

    const reopened = SqliteEventStore.open(file);
    const reopenedCheckpoints = new SqliteCheckpointStore(file);
    try {
      expect(await reopened.readStream('newcomer-1')).toEqual(before);
      expect(await reopenedCheckpoints.load('projection:overview')).toBe(appended.position);
      const next = await reopened.append('newcomer-1', [sampleEvent()], 2);
      const [, , , added] = await reopened.readStream('newcomer-1');
      expect(next.position).toBeGreaterThan(appended.position);
      expect(added.chain.previousHash).toBe(before[2].chain.hash);
    } finally {
      await reopened.close();
      reopenedCheckpoints.close();
    }
  });

  it('stores the serialised strings verbatim so the hash can be recomputed from them', async () => {
    const store = SqliteEventStore.open(freshFile());
    try {
      const [event] = sampleEvents(1);
      await store.append('newcomer-1', [event], NO_STREAM);
      const [row] = await store.readStoredRows(null, 10);
      expect(row.data).toBe(JSON.stringify(event.data));
      expect(row.metadata).toBe(JSON.stringify(event.metadata));
      expect(row.hash).toBe(chainHash(null, 'newcomer-1', 0, event, { data: row.data, metadata: row.metadata }));
    } finally {
      await store.close();
    }
  });

  it('hands projections the events readAll gives, without ids or hashes, and reads the metadata only when asked for', async () => {
    const store = SqliteEventStore.open(freshFile());
    try {
      await store.append('newcomer-1', [sampleEvent('Kept'), sampleEvent('Skipped'), sampleEvent('Kept')], NO_STREAM);
      await store.append('match-1', [sampleEvent('Kept')], NO_STREAM);
      const filter = { eventTypes: ['Kept'] };
      const all = await store.readAll({ filter });
      const [first, ...rest] = await store.readForProjections(null, 2, filter);
      const next = await store.readForProjections(rest[0].position, 10, filter);

      const fields = ({ streamId, revision, position, type, schemaVersion, data }: RecordedEvent | ProjectionEvent) => ({ streamId, revision, position, type, schemaVersion, data });
      expect([first, ...rest, ...next].map(fields)).toEqual(all.map(fields));
      expect(first).not.toHaveProperty('id');
      expect(first).not.toHaveProperty('chain');
      expect(first.metadata).toEqual(all[0].metadata);
      expect(await store.readForProjections(null, 10, { eventTypes: [] })).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('delivers to a subscription the events another connection appends', async () => {
    const file = freshFile();
    const reader = SqliteEventStore.open(file);
    const writer = SqliteEventStore.open(file);
    const collector = new EventCollector();
    const subscription = reader.subscribe({ onEvent: collector.handle });
    try {
      const written = sampleEvents(3);
      await writer.append('newcomer-1', written, NO_STREAM);
      await collector.waitForCount(3, 2000);
      expect(collector.ids).toEqual(written.map((event) => event.id));
    } finally {
      await subscription.stop();
      await reader.close();
      await writer.close();
    }
  });

  it('lets a checkpointed subscriber wait past events its filter leaves out', async () => {
    const file = freshFile();
    const store = SqliteEventStore.open(file);
    const checkpoints = new SqliteCheckpointStore(file);
    const subscription = await CheckpointedSubscription.start({
      store,
      checkpoints,
      subscriber: 'projection:matches',
      filter: { streamPrefixes: ['match-'] },
      handle: () => undefined,
    });
    let position = 0;
    try {
      ({ position } = await store.append('newcomer-1', sampleEvents(2), NO_STREAM));
      expect(await subscription.waitForPosition(position, 2000)).toBe(true);
    } finally {
      await subscription.stop();
      await store.close();
    }
    expect(await checkpoints.load('projection:matches')).toBe(position);
    checkpoints.close();
  });
});

describe('SqliteEventStore group commit', () => {
  /** How many times the store has committed appends (its append signal moves once per commit). */
  const commitsOf = (store: SqliteEventStore): number => (store as unknown as { appended: AppendSignal }).appended.ticket;

  it('commits concurrent appends in one transaction, each with its own revision check and answer', async () => {
    const store = SqliteEventStore.open(freshFile());
    try {
      await store.append('sample-taken', [sampleEvent()], NO_STREAM);
      const before = commitsOf(store);
      const outcomes = await Promise.allSettled([
        store.append('sample-a', sampleEvents(2), NO_STREAM),
        store.append('sample-taken', [sampleEvent()], NO_STREAM),
        store.append('sample-b', [sampleEvent()], NO_STREAM),
        store.append('sample-a', [sampleEvent()], 1),
      ]);
      expect(commitsOf(store) - before).toBe(1);
      expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
      expect(outcomes[1]).toMatchObject({ reason: { name: 'WrongExpectedRevisionError' } });
      expect(outcomes[0]).toMatchObject({ value: { nextRevision: 1, position: 3 } });
      expect(outcomes[3]).toMatchObject({ value: { nextRevision: 2, position: 5 } });
      expect((await store.readStream('sample-taken')).length).toBe(1);
      const log = await store.readAll();
      expect(log.map((event) => event.streamId)).toEqual(['sample-taken', 'sample-a', 'sample-a', 'sample-b', 'sample-a']);
      // Dense: the append rolled back in the middle of the group left no hole (audit verify reads a hole as a removed event).
      expect(log.map((event) => event.position)).toEqual([1, 2, 3, 4, 5]);
      const streamA = await store.readStream('sample-a');
      streamA.slice(1).forEach((event, index) => expect(event.chain.previousHash).toBe(streamA[index].chain.hash));
    } finally {
      await store.close();
    }
  });

  it('fails the whole group when SQLite rolls back the whole transaction itself (an I/O error, a full disk): nothing is committed outside it', async () => {
    const store = SqliteEventStore.open(freshFile());
    try {
      await store.append('sample-taken', [sampleEvent()], NO_STREAM);
      // RAISE(ROLLBACK) ends the whole transaction, as SQLITE_IOERR or SQLITE_FULL may; a savepoint cannot contain it.
      store.database.exec(`CREATE TEMP TRIGGER poison BEFORE INSERT ON events WHEN NEW.stream_id = 'sample-poison' BEGIN SELECT RAISE(ROLLBACK, 'injected'); END`);
      const outcomes = await Promise.allSettled([
        store.append('sample-a', [sampleEvent()], NO_STREAM),
        store.append('sample-poison', [sampleEvent()], NO_STREAM),
        store.append('sample-c', [sampleEvent()], NO_STREAM),
      ]);
      // Every caller told it failed, and so nothing of theirs in the log: an answer never contradicts what is stored.
      expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected', 'rejected']);
      expect((await store.readAll()).map((event) => event.streamId)).toEqual(['sample-taken']);
      // Their retries commit.
      store.database.exec('DROP TRIGGER poison');
      await store.append('sample-a', [sampleEvent()], NO_STREAM);
      await store.append('sample-c', [sampleEvent()], NO_STREAM);
      expect((await store.readAll()).map((event) => event.position)).toEqual([1, 2, 3]);
    } finally {
      await store.close();
    }
  });

  it('refuses appends on a full disk as a retryable EventStoreUnavailableError that says so, commits none of the group, and takes them once there is room', async () => {
    const store = SqliteEventStore.open(freshFile());
    try {
      await store.append('sample-taken', [sampleEvent()], NO_STREAM);
      // SQLITE_FULL from SQLite itself: the file may not grow by a page (a disk without space gives the same code).
      const pages = store.database.pragma('page_count', { simple: true }) as number;
      store.database.pragma(`max_page_count = ${pages}`);
      const large = (index: number) => sampleEvent('SampleRecorded', { ...sampleData(index), padding: 'x'.repeat(20_000) });
      const outcomes = await Promise.allSettled([
        store.append('sample-a', [large(1)], NO_STREAM),
        store.append('sample-b', [large(2)], NO_STREAM),
      ]);
      for (const outcome of outcomes) {
        expect(outcome).toMatchObject({
          status: 'rejected',
          reason: { name: 'EventStoreUnavailableError', reason: 'disk-full', outcome: 'unchanged', retryAfterSeconds: 30, message: expect.stringContaining('SQLITE_FULL') },
        });
      }
      expect((outcomes[0] as PromiseRejectedResult).reason).toBeInstanceOf(EventStoreUnavailableError);
      expect((await store.readAll()).map((event) => event.streamId)).toEqual(['sample-taken']);
      // Each caller's refusal counted (/metrics), whether the group was refused whole or append by append.
      expect(store.writesRefused()).toBe(2);

      store.database.pragma('max_page_count = 1073741823');
      await store.append('sample-a', [large(1)], NO_STREAM);
      await store.append('sample-b', [large(2)], NO_STREAM);
      expect((await store.readAll()).map((event) => event.position)).toEqual([1, 2, 3]);
      expect([store.writesRefused(), store.writeFailure()]).toEqual([2, null]);
    } finally {
      await store.close();
    }
  });

  it('gives back the positions of an append rolled back after its first insert, in the count of positions handed out too', async () => {
    const store = SqliteEventStore.open(freshFile());
    try {
      const taken = sampleEvent();
      await store.append('sample-taken', [taken], NO_STREAM);
      const outcomes = await Promise.allSettled([
        store.append('sample-a', [sampleEvent()], NO_STREAM),
        // Its first event is inserted, its second's id is another stream's: the savepoint rolls back both.
        store.append('sample-b', [sampleEvent(), { ...sampleEvent(), id: taken.id }], NO_STREAM),
        store.append('sample-c', [sampleEvent()], NO_STREAM),
      ]);
      expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect((await store.readAll()).map((event) => event.position)).toEqual([1, 2, 3]);
      // What audit verify compares the log's last position with: a higher count would read as the log cut short.
      expect(await store.highestPositionIssued()).toBe(3);
    } finally {
      await store.close();
    }
  });

  it('commits every append on its own with maxAppendsPerCommit 1', async () => {
    const store = SqliteEventStore.open(freshFile(), { maxAppendsPerCommit: 1 });
    try {
      const before = commitsOf(store);
      await Promise.all(Array.from({ length: 5 }, (_, index) => store.append(`sample-${index}`, [sampleEvent()], NO_STREAM)));
      expect(commitsOf(store) - before).toBe(5);
    } finally {
      await store.close();
    }
  });

  it('answers appends waiting at close before closing', async () => {
    const store = SqliteEventStore.open(freshFile());
    const appended = store.append('sample-late', [sampleEvent()], NO_STREAM);
    await store.close();
    await expect(appended).resolves.toMatchObject({ nextRevision: 0 });
  });
});

describe('SqliteEventStore shared by processes', () => {
  const childTimeoutMs = 60_000;

  it('lets exactly one of two processes win an append at the same expected revision', async () => {
    const file = freshFile();
    const store = SqliteEventStore.open(file);
    try {
      await store.append('key-person-1', [sampleEvent()], NO_STREAM);
      const results = await runChildWriters([
        ['race', file, 'key-person-1', '0'],
        ['race', file, 'key-person-1', '0'],
      ]);
      const winners = results.filter((result) => result.outcome === 'won');
      expect(winners).toHaveLength(1);
      expect(results.filter((result) => result.outcome === 'conflict')).toEqual([{ outcome: 'conflict', actual: 1 }]);
      const events = await store.readStream('key-person-1');
      expect(events.map((event) => event.id)).toEqual([events[0].id, winners[0].outcome === 'won' ? winners[0].eventId : '']);
    } finally {
      await store.close();
    }
  }, childTimeoutMs);

  it('keeps one unbroken chain when processes race with optimistic concurrency', async () => {
    const file = freshFile();
    const store = SqliteEventStore.open(file);
    try {
      const results = await runChildWriters([
        ['loop', file, 'key-person-1', '150'],
        ['loop', file, 'key-person-1', '150'],
      ]);
      const events = await store.readStream('key-person-1');
      expect(results.every((result) => result.outcome === 'done')).toBe(true);
      expect(events.map((event) => event.revision)).toEqual([...Array(300).keys()]);
      // Every lost race was rolled back without leaving a hole in the positions.
      expect((await store.readAll()).map((event) => event.position)).toEqual([...Array(300).keys()].map((index) => index + 1));
      events.slice(1).forEach((event, index) => expect(event.chain.previousHash).toBe(events[index].chain.hash));
    } finally {
      await store.close();
    }
  }, childTimeoutMs);
});
