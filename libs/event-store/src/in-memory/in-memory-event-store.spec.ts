import { describeEventStoreContract } from '../contract/event-store.contract';
import { sampleEvents } from '../contract/sample-events';
import { describeStreamPrefixContract } from '../contract/stream-prefix.contract';
import { NO_STREAM } from '../event-store.port';
import { InMemoryCheckpointStore } from './in-memory-checkpoint-store.adapter';
import { InMemoryEventStore } from './in-memory-event-store.adapter';

const fresh = async () => {
  const store = new InMemoryEventStore();
  return { store, checkpoints: new InMemoryCheckpointStore(), dispose: () => store.close() };
};
describeEventStoreContract('InMemoryEventStore', fresh);
describe('InMemoryEventStore as a StreamPrefixReader', () => describeStreamPrefixContract(fresh));

describe('InMemoryEventStore', () => {
  it('has no head while the log is empty', async () => {
    expect(await new InMemoryEventStore().headPosition()).toBeNull();
  });

  it('keeps what it stored safe from callers that mutate what they read', async () => {
    const store = new InMemoryEventStore();
    await store.append('newcomer-1', sampleEvents(1), NO_STREAM);
    const [read] = await store.readStream('newcomer-1');
    (read.data as { sequence: number }).sequence = 42;
    const [again] = await store.readStream('newcomer-1');
    expect(again.data.sequence).toBe(0);
  });

  it('hands out the stored strings that were hashed', async () => {
    const store = new InMemoryEventStore();
    const [event] = sampleEvents(1);
    await store.append('newcomer-1', [event], NO_STREAM);
    const [row] = await store.readStoredRows(null, 10);
    expect(row.data).toBe(JSON.stringify(event.data));
    expect(row.metadata).toBe(JSON.stringify(event.metadata));
  });
});
