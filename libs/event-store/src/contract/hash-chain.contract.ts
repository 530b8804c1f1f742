import { RecordedEvent } from '../event-envelope';
import { EventStore, NO_STREAM } from '../event-store.port';
import { chainHash, serialiseEvent } from '../hash-chain';
import { ContractFactory, useSubject } from './contract-subject';
import { sampleEvent, sampleEvents, uniqueCategory } from './sample-events';

export function describeHashChainContract(factory: ContractFactory): void {
  describe('per-stream hash chain', () => {
    const subject = useSubject(factory);

    it('links every event to the one before it and hashes what was stored', async () => {
      const { store } = subject();
      const streamId = `${uniqueCategory()}-1`;
      await store.append(streamId, sampleEvents(3), NO_STREAM);
      await store.append(streamId, [sampleEvent()], 2);
      await store.append(streamId, sampleEvents(2), 3);
      const events = await store.readStream(streamId);
      expect(events).toHaveLength(6);
      expect(events[0].chain.previousHash).toBeNull();
      events.slice(1).forEach((event, index) => expect(event.chain.previousHash).toBe(events[index].chain.hash));
      for (const event of events) expect(event.chain.hash).toBe(recomputed(event));
      expect(new Set(events.map((event) => event.chain.hash)).size).toBe(6);
    });

    it('keeps one chain per stream', async () => {
      const { store } = subject();
      const category = uniqueCategory();
      await store.append(`${category}-a`, sampleEvents(2), NO_STREAM);
      await store.append(`${category}-b`, [sampleEvent()], NO_STREAM);
      const [first] = await store.readStream(`${category}-b`);
      expect(first.chain.previousHash).toBeNull();
      expect(first.chain.hash).toBe(recomputed(first));
    });

    it('gives a different hash when the stored data differs', async () => {
      const { store } = subject();
      const [event] = await appendOne(store, `${uniqueCategory()}-1`);
      const tampered = { ...event, data: { ...event.data, sequence: 999 } };
      expect(recomputed(tampered)).not.toBe(event.chain.hash);
    });
  });
}

function recomputed(event: RecordedEvent): string {
  return chainHash(event.chain.previousHash, event.streamId, event.revision, event, serialiseEvent(event));
}

async function appendOne(store: EventStore, streamId: string): Promise<RecordedEvent[]> {
  await store.append(streamId, [sampleEvent()], NO_STREAM);
  return store.readStream(streamId);
}
