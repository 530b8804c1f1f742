import { CheckpointStore } from './checkpoint-store.port';
import { CheckpointedSubscription } from './checkpointed-subscription';
import { sampleEvents } from './contract/sample-events';
import { NO_STREAM } from './event-store.port';
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
});
