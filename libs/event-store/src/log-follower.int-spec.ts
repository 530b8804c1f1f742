import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sampleEvents } from './contract/sample-events';
import { NO_STREAM } from './event-store.port';
import { InMemoryEventStore } from './in-memory/in-memory-event-store.adapter';
import { SqliteEventStore } from './sqlite/sqlite-event-store.adapter';
import { EventStore } from './event-store.port';
import { leftRunning } from './testing/left-running';

let directory: string;

beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), 'sleutel-log-follower-'));
});

afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

/**
 * A subscription catching up on a long log must let the rest of the process
 * run between its pages: the stores that page their log read synchronously,
 * so a catch-up that never yielded held the event loop until it reached the
 * head (an API rebuilding its read models answered nothing, /health/live
 * included, for the whole rebuild).
 */
describe.each([
  ['SqliteEventStore', (): EventStore => SqliteEventStore.open(join(directory, `${Math.random()}.sqlite`), { subscriptionPageSize: 100 })],
  ['InMemoryEventStore', (): EventStore => new InMemoryEventStore()],
])('%s: a catch-up subscription', (_, open) => {
  it('lets callbacks waiting in the event loop run while it reads history', async () => {
    const store = open();
    const total = 1200;
    for (let batch = 0; batch < total / 100; batch++) await store.append(`sample-${batch}`, sampleEvents(100), NO_STREAM);

    let handled = 0;
    const seenByOthers: number[] = [];
    let caughtUp!: () => void;
    const reachedHead = new Promise<void>((resolve) => {
      caughtUp = resolve;
    });
    const subscription = store.subscribe({
      after: null,
      onEvent: async () => {
        handled++;
        if (handled === total) caughtUp();
      },
    });
    // Another piece of work queued on the event loop (a request, a probe), asking again each turn until the catch-up ends.
    const probe = () => {
      seenByOthers.push(handled);
      if (handled < total) setImmediate(probe);
    };
    setImmediate(probe);
    await reachedHead;
    await subscription.stop();
    await store.close();

    // It ran while history was still being read, not only before the first page and after the last.
    expect(seenByOthers.filter((count) => count > 0 && count < total).length).toBeGreaterThan(0);
  });
});

/**
 * A stopped subscription must not keep its poll's timer: it held every
 * process that closed its store open for up to the poll interval (a minute
 * at most, SQLITE_POLL_INTERVAL_MS), and Jest's workers after the suites.
 */
describe.each([
  ['SqliteEventStore', (): EventStore => SqliteEventStore.open(join(directory, `${Math.random()}.sqlite`), { pollIntervalMs: 60_000 })],
  ['InMemoryEventStore', (): EventStore => new InMemoryEventStore()],
])('%s: a stopped subscription', (_, open) => {
  it('leaves no timer running while it waited for the next poll', async () => {
    const store = open();
    await store.append('sample-0', sampleEvents(3), NO_STREAM);
    // Half a second of grace: well short of the in-memory store's poll (1 s), far short of SQLite's here (60 s).
    const left = await leftRunning(async () => {
      let caughtUp!: () => void;
      const reachedHead = new Promise<void>((resolve) => {
        caughtUp = resolve;
      });
      const subscription = store.subscribe({ after: null, onEvent: async () => undefined, onProgress: async () => caughtUp() });
      await reachedHead;
      // Past its last look at the log, into its wait for the next poll.
      await new Promise((resolve) => setImmediate(resolve));
      await subscription.stop();
    }, 500);
    await store.close();
    expect(left).toEqual([]);
  });
});
