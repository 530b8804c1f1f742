import { EventStoreDBClient } from '@eventstore/db-client';
import { describeEventStoreContract } from '../contract/event-store.contract';
import { InMemoryCheckpointStore } from '../in-memory/in-memory-checkpoint-store.adapter';
import { EventStoreDbEventStore } from './eventstoredb-event-store.adapter';

/**
 * Runs the contract against a live server, e.g.
 *   EVENTSTORE_CONNECTION_STRING='esdb://localhost:2113?tls=false' npx jest libs/event-store
 * Without a server the block is reported as skipped, by name (the one skip the project allows).
 */
const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;
const describeLive = connectionString ? describe : describe.skip;

describeLive('EventStoreDB contract (skipped: EVENTSTORE_CONNECTION_STRING not set)', () => {
  const connect = (): EventStoreDbEventStore =>
    new EventStoreDbEventStore(EventStoreDBClient.connectionString(connectionString ?? ''));

  describeEventStoreContract('EventStoreDbEventStore', async () => {
    const store = connect();
    return {
      store,
      checkpoints: new InMemoryCheckpointStore(),
      // A second client is a second connection, as a second machine would have.
      secondWriter: async () => connect(),
      dispose: () => store.close(),
    };
  });
});

/**
 * Runs with or without a server, so the file always reports, and the skipped
 * block above shows up by name in the results.
 */
describe('EventStoreDbEventStore without a server', () => {
  it('takes a connection string and closes without ever connecting', async () => {
    const store = EventStoreDbEventStore.connect('esdb://localhost:2113?tls=false');
    await expect(store.close()).resolves.toBeUndefined();
  });
});
