import { UnavailableError } from '@eventstore/db-client';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CheckpointedSubscription } from '../checkpointed-subscription';
import { EventCollector } from '../contract/event-collector';
import { RecordedEvent } from '../event-envelope';
import { sampleEvents } from '../contract/sample-events';
import { describeEventStoreContract } from '../contract/event-store.contract';
import { NO_STREAM } from '../event-store.port';
import { InMemoryCheckpointStore } from '../in-memory/in-memory-checkpoint-store.adapter';
import { EventStoreDbEventStore } from './eventstoredb-event-store.adapter';
import { StandInEventStoreDb } from './testing/stand-in-eventstoredb';

/**
 * The adapter's own logic against an in-process stand-in for the server; the
 * same contract runs against a real server in eventstoredb-event-store.int-spec.ts.
 */
describeEventStoreContract('EventStoreDbEventStore on a stand-in server', async () => {
  const server = new StandInEventStoreDb();
  const store = new EventStoreDbEventStore(server.client());
  return {
    store,
    checkpoints: new InMemoryCheckpointStore(),
    secondWriter: async () => new EventStoreDbEventStore(server.client()),
    dispose: () => store.close(),
  };
});

describe('EventStoreDbEventStore when the connection drops', () => {
  it('subscribes again from the last delivered event, without gaps or repeats', async () => {
    const server = new StandInEventStoreDb();
    const store = new EventStoreDbEventStore(server.client(), {
      resubscribe: { initialDelayMs: 5, maxDelayMs: 10, maxAttempts: 5 },
    });
    const collector = new EventCollector();
    const errors: Error[] = [];
    const subscription = store.subscribe({ onEvent: collector.handle, onError: (error) => errors.push(error) });
    try {
      const before = sampleEvents(3);
      await store.append('newcomer-1', before, NO_STREAM);
      await collector.waitForCount(3);
      server.dropSubscriptions(new UnavailableError());
      const after = sampleEvents(2);
      await store.append('newcomer-1', after, 2);
      await collector.waitForCount(5);
      expect(collector.ids).toEqual([...before, ...after].map((event) => event.id));
      expect(errors).toEqual([]);
    } finally {
      await subscription.stop();
      await store.close();
    }
  });

  it('keeps subscribing again after every drop the server came back from, however many there are', async () => {
    const server = new StandInEventStoreDb();
    // Three failed attempts in a row are an outage; three drops with deliveries in between are not.
    const store = new EventStoreDbEventStore(server.client(), {
      resubscribe: { initialDelayMs: 5, maxDelayMs: 10, maxAttempts: 3 },
    });
    const collector = new EventCollector();
    const errors: Error[] = [];
    const subscription = store.subscribe({ onEvent: collector.handle, onError: (error) => errors.push(error) });
    try {
      const written = sampleEvents(6);
      for (const [revision, event] of written.entries()) {
        await store.append('newcomer-1', [event], revision === 0 ? NO_STREAM : revision - 1);
        await collector.waitForCount(revision + 1);
        server.dropSubscriptions(new UnavailableError());
      }
      const last = sampleEvents(1);
      await store.append('newcomer-1', last, written.length - 1);
      await collector.waitForCount(written.length + 1);
      expect(collector.ids).toEqual([...written, ...last].map((event) => event.id));
      expect(errors).toEqual([]);
    } finally {
      await subscription.stop();
      await store.close();
    }
  });

  it('reports an error once the server stays away', async () => {
    const server = new StandInEventStoreDb();
    const store = new EventStoreDbEventStore(server.client(), {
      resubscribe: { initialDelayMs: 1, maxDelayMs: 2, maxAttempts: 3 },
    });
    const errors: Error[] = [];
    const dropping = setInterval(() => server.dropSubscriptions(new UnavailableError()), 1);
    const subscription = store.subscribe({ onEvent: () => undefined, onError: (error) => errors.push(error) });
    try {
      const deadline = Date.now() + 2000;
      while (errors.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
      expect(errors).toHaveLength(1);
      expect(errors[0]).toBeInstanceOf(UnavailableError);
    } finally {
      clearInterval(dropping);
      await subscription.stop();
      await store.close();
    }
  });
});

describe('EventStoreDbEventStore filtered subscriptions', () => {
  const fastStart = async (server: StandInEventStoreDb, handle: (event: RecordedEvent) => Promise<void> | void) => {
    const store = new EventStoreDbEventStore(server.client());
    const subscription = await CheckpointedSubscription.start({
      store,
      checkpoints: new InMemoryCheckpointStore(),
      subscriber: 'projection:matches',
      filter: { streamPrefixes: ['match-'] },
      handle,
    });
    return { store, subscription };
  };

  it('moves past events the filter leaves out, from the server checkpoints', async () => {
    const server = new StandInEventStoreDb();
    const handled: string[] = [];
    const { store, subscription } = await fastStart(server, (event) => {
      handled.push(event.id);
    });
    try {
      const appended = [];
      for (let index = 0; index < 40; index += 1) appended.push(await store.append(`newcomer-${index}`, sampleEvents(1), NO_STREAM));
      expect(await subscription.waitForPosition(appended[20].position, 2000)).toBe(true);
      expect(handled).toEqual([]);
    } finally {
      await subscription.stop();
      await store.close();
    }
  });

  it('never reports progress past an event whose handler has not finished', async () => {
    const server = new StandInEventStoreDb();
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const { store, subscription } = await fastStart(server, () => released);
    try {
      const match = await store.append('match-1', sampleEvents(1), NO_STREAM);
      for (let index = 0; index < 40; index += 1) await store.append(`newcomer-${index}`, sampleEvents(1), NO_STREAM);
      expect(await subscription.waitForPosition(match.position, 200)).toBe(false);
      release();
      expect(await subscription.waitForPosition(match.position, 2000)).toBe(true);
    } finally {
      release();
      await subscription.stop();
      await store.close();
    }
  });
});

describe('EventStoreDbEventStore subscriptions over a long life', () => {
  it('keeps nothing of the events it has delivered: what a live subscription holds does not grow with them', async () => {
    // In a process of its own, so that nothing else on the heap moves between its two measurements.
    const { stdout } = await promisify(execFile)(process.execPath, [
      '--expose-gc', '-r', 'ts-node/register/transpile-only', join(__dirname, 'testing', 'subscription-heap.child.ts'), '60000',
    ], { cwd: join(__dirname, '..', '..', '..', '..') });
    const { delivered, heldBytes } = JSON.parse(stdout) as { delivered: number; heldBytes: number };
    expect(delivered).toBe(60_000);
    // 122 MB while every wait for the next item left a reaction, holding that item, on one promise of the whole life.
    expect(heldBytes).toBeLessThan(5e6);
  }, 120_000);
});
