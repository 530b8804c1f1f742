import { CheckpointStore } from './checkpoint-store.port';
import { CheckpointedSubscription } from './checkpointed-subscription';
import { sampleEvents } from './contract/sample-events';
import { EventStore, NO_STREAM, SubscribeOptions } from './event-store.port';
import { InMemoryCheckpointStore } from './in-memory/in-memory-checkpoint-store.adapter';
import { InMemoryEventStore } from './in-memory/in-memory-event-store.adapter';

/** Counts saves, to see batching at work. */
class CountingCheckpointStore implements CheckpointStore {
  readonly saves: number[] = [];
  private readonly inner = new InMemoryCheckpointStore();

  load(subscriber: string): Promise<number | null> {
    return this.inner.load(subscriber);
  }

  async save(subscriber: string, position: number): Promise<void> {
    this.saves.push(position);
    await this.inner.save(subscriber, position);
  }
}

describe('CheckpointedSubscription', () => {
  it('saves after every event by default', async () => {
    const store = new InMemoryEventStore();
    const checkpoints = new CountingCheckpointStore();
    await store.append('newcomer-1', sampleEvents(3), NO_STREAM);
    const subscription = await CheckpointedSubscription.start({ store, checkpoints, subscriber: 's', handle: () => undefined });
    await subscription.waitForPosition(3, 2000);
    await subscription.stop();
    expect(checkpoints.saves).toEqual([1, 2, 3]);
  });

  it('saves in batches when asked, and still saves the last position once caught up', async () => {
    const store = new InMemoryEventStore();
    const checkpoints = new CountingCheckpointStore();
    await store.append('newcomer-1', sampleEvents(250), NO_STREAM);
    const subscription = await CheckpointedSubscription.start({
      store,
      checkpoints,
      subscriber: 's',
      checkpointEvery: 100,
      handle: () => undefined,
    });
    expect(await subscription.waitForPosition(250, 2000)).toBe(true);
    await subscription.stop();
    expect(checkpoints.saves).toEqual([100, 200, 250]);
  });

  it('reaches positions its filter leaves out', async () => {
    const store = new InMemoryEventStore();
    const handled: string[] = [];
    const subscription = await CheckpointedSubscription.start({
      store,
      checkpoints: new InMemoryCheckpointStore(),
      subscriber: 's',
      filter: { streamPrefixes: ['match-'] },
      handle: (event) => {
        handled.push(event.streamId);
      },
    });
    const { position } = await store.append('newcomer-1', sampleEvents(2), NO_STREAM);
    expect(await subscription.waitForPosition(position, 2000)).toBe(true);
    await subscription.stop();
    expect(handled).toEqual([]);
  });

  it('releases waiters with false when stopped', async () => {
    const store = new InMemoryEventStore();
    const subscription = await CheckpointedSubscription.start({
      store,
      checkpoints: new InMemoryCheckpointStore(),
      subscriber: 's',
      handle: () => undefined,
    });
    const waiting = subscription.waitForPosition(10, 10_000);
    await subscription.stop();
    expect(await waiting).toBe(false);
    expect(await subscription.waitForPosition(10, 10_000)).toBe(false);
  });

  it('stops each subscription that failed before subscribing again, so none is left open in the store through an outage', async () => {
    const store = new InMemoryEventStore();
    await store.append('newcomer-1', sampleEvents(1), NO_STREAM);
    // The store as the subscription sees it, counting the subscriptions it hands out that are not stopped yet.
    let open = 0;
    const counting: EventStore = Object.assign(Object.create(store) as EventStore, {
      subscribe: (options: SubscribeOptions) => {
        const subscription = store.subscribe(options);
        open += 1;
        let stopped = false;
        return { stop: async () => { if (!stopped) { stopped = true; open -= 1; } await subscription.stop(); } };
      },
    });
    let failures = 0;
    const subscription = await CheckpointedSubscription.start({
      store: counting, checkpoints: new InMemoryCheckpointStore(), subscriber: 's', retry: { initialDelayMs: 1, maxDelayMs: 1 },
      handle: () => { failures += 1; throw new Error('the queue is unreachable'); },
    });
    while (failures < 50) await new Promise((resolve) => setTimeout(resolve, 2));
    expect(open).toBeLessThanOrEqual(1);
    await subscription.stop();
    expect(open).toBe(0);
    await store.close();
  });
});
