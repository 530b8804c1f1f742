import { CheckpointedSubscription } from '../checkpointed-subscription';
import { RecordedEvent } from '../event-envelope';
import { NO_STREAM } from '../event-store.port';
import { ContractFactory, useSubject } from './contract-subject';
import { settle } from './event-collector';
import { sampleEvents, uniqueCategory } from './sample-events';

export function describeCheckpointedSubscriptionContract(factory: ContractFactory): void {
  describe('checkpointed subscription', () => {
    const subject = useSubject(factory);

    it('continues after its checkpoint when restarted, without gaps or repeats', async () => {
      const { store, checkpoints } = subject();
      const category = uniqueCategory();
      const subscriber = `contract:${category}`;
      const handled: string[] = [];
      const start = (): Promise<CheckpointedSubscription> =>
        CheckpointedSubscription.start({
          store,
          checkpoints,
          subscriber,
          filter: { streamPrefixes: [category] },
          handle: (event: RecordedEvent) => {
            handled.push(event.id);
          },
        });

      const first = await start();
      const before = sampleEvents(3);
      const firstAppend = await store.append(`${category}-1`, before, NO_STREAM);
      expect(await first.waitForPosition(firstAppend.position, 10_000)).toBe(true);
      await first.stop();
      expect(await checkpoints.load(subscriber)).toBe(firstAppend.position);

      const whileStopped = sampleEvents(2);
      await store.append(`${category}-1`, whileStopped.slice(0, 1), 2);
      const lastAppend = await store.append(`${category}-2`, whileStopped.slice(1), NO_STREAM);
      const second = await start();
      expect(await second.waitForPosition(lastAppend.position, 10_000)).toBe(true);
      await settle();
      await second.stop();

      expect(handled).toEqual([...before, ...whileStopped].map((event) => event.id));
      expect(await checkpoints.load(subscriber)).toBe(lastAppend.position);
    });

    it('retries a failed event from its checkpoint and handles every event once', async () => {
      const { store, checkpoints } = subject();
      const category = uniqueCategory();
      const written = sampleEvents(3);
      const handled: string[] = [];
      const attempts: number[] = [];
      let failuresLeft = 2;
      const subscription = await CheckpointedSubscription.start({
        store,
        checkpoints,
        subscriber: `contract:${category}`,
        filter: { streamPrefixes: [category] },
        retry: { initialDelayMs: 10, maxDelayMs: 20 },
        onError: (_error, attempt) => attempts.push(attempt),
        handle: (event) => {
          if (event.id === written[1].id && failuresLeft > 0) {
            failuresLeft -= 1;
            throw new Error('projection briefly unavailable');
          }
          handled.push(event.id);
        },
      });
      const { position } = await store.append(`${category}-1`, written, NO_STREAM);
      expect(await subscription.waitForPosition(position, 10_000)).toBe(true);
      await subscription.stop();
      expect(handled).toEqual(written.map((event) => event.id));
      expect(attempts).toEqual([1, 2]);
      expect(subscription.lastError).toBeNull();
    });

    it('has reached a position past its last own event without hearing of the events it skips, and waits for its own before it', async () => {
      // At a quiet end of a log filtered on the server (EventStoreDB) it hears of them from a checkpoint every 32 only.
      const { store, checkpoints } = subject();
      const category = uniqueCategory();
      const handled: string[] = [];
      const subscription = await CheckpointedSubscription.start({
        store,
        checkpoints,
        subscriber: `contract:${category}`,
        filter: { streamPrefixes: [category] },
        handle: (event) => {
          handled.push(event.id);
        },
      });
      const [own, later] = sampleEvents(2);
      const first = await store.append(`${category}-1`, [own], NO_STREAM);
      expect(await subscription.waitForPosition(first.position, 10_000)).toBe(true);
      const skipped = await store.append(`${uniqueCategory()}-1`, sampleEvents(1), NO_STREAM);
      expect(await subscription.waitForPosition(skipped.position, 0)).toBe(true);
      await store.append(`${category}-1`, [later], 0);
      const after = await store.append(`${uniqueCategory()}-1`, sampleEvents(1), NO_STREAM);
      expect(await subscription.waitForPosition(after.position, 10_000)).toBe(true);
      expect(handled).toEqual([own.id, later.id]);
      await subscription.stop();
    });

    it('reports a position it has not reached as not reached when the wait times out', async () => {
      const { store, checkpoints } = subject();
      const category = uniqueCategory();
      const subscription = await CheckpointedSubscription.start({
        store,
        checkpoints,
        subscriber: `contract:${category}`,
        filter: { streamPrefixes: [category] },
        handle: () => undefined,
      });
      const head = (await store.headPosition()) ?? 0;
      const started = Date.now();
      expect(await subscription.waitForPosition(head + 1_000_000_000, 100)).toBe(false);
      expect(Date.now() - started).toBeGreaterThanOrEqual(90);
      await subscription.stop();
    });
  });
}
