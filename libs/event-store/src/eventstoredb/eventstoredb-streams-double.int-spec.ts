import { EventStoreDBClient, MaxAppendSizeExceededError } from '@eventstore/db-client';
import { CheckpointedSubscription } from '../checkpointed-subscription';
import { EventCollector, settle } from '../contract/event-collector';
import { describeEventStoreContract } from '../contract/event-store.contract';
import { sampleEvent, sampleEvents, uniqueCategory } from '../contract/sample-events';
import { EventStoreUnavailableError } from '../event-store.errors';
import { NO_STREAM } from '../event-store.port';
import { InMemoryCheckpointStore } from '../in-memory/in-memory-checkpoint-store.adapter';
import { EventStoreDbEventStore, EventStoreDbEventStoreOptions } from './eventstoredb-event-store.adapter';
import { StreamsDouble } from './testing/streams-double/streams-double.server';

/**
 * The contract through the real `@eventstore/db-client` and real gRPC, against
 * a TEST DOUBLE of the Streams service (testing/streams-double): it checks the
 * adapter's mapping onto the client and the wire, not the server itself; the
 * live run in eventstoredb-event-store.int-spec.ts does that.
 */
function connect(double: StreamsDouble, options?: EventStoreDbEventStoreOptions): EventStoreDbEventStore {
  return new EventStoreDbEventStore(EventStoreDBClient.connectionString(double.connectionString), options);
}

describeEventStoreContract('EventStoreDbEventStore over gRPC on the Streams test double', async () => {
  const double = await StreamsDouble.start();
  const store = connect(double);
  return {
    store,
    checkpoints: new InMemoryCheckpointStore(),
    // A second client is a second gRPC connection, as a second machine would have.
    secondWriter: async () => connect(double),
    dispose: async () => {
      await store.close();
      await double.stop();
    },
  };
});

describe('EventStoreDbEventStore on the Streams test double', () => {
  let double: StreamsDouble;
  let stores: EventStoreDbEventStore[];
  const open = (options?: EventStoreDbEventStoreOptions): EventStoreDbEventStore => {
    const store = connect(double, options);
    stores.push(store);
    return store;
  };

  beforeEach(async () => {
    double = await StreamsDouble.start();
    stores = [];
  });

  afterEach(async () => {
    await Promise.all(stores.map((store) => store.close()));
    await double.stop();
  });

  it('appends through the older client-streaming Append when the server does not list BatchAppend', async () => {
    await double.stop();
    double = await StreamsDouble.start({ batchAppend: false });
    const store = open();
    const streamId = `${uniqueCategory()}-1`;
    const batch = sampleEvents(2);
    const first = await store.append(streamId, batch, NO_STREAM);
    await expect(store.append(streamId, [sampleEvent()], NO_STREAM)).rejects.toMatchObject({ expected: NO_STREAM, actual: 1 });
    expect(await store.append(streamId, batch, NO_STREAM)).toEqual(first);
    expect((await store.readStream(streamId)).map((event) => event.id)).toEqual(batch.map((event) => event.id));
  });

  it.each([true, false])('refuses, as the server does, an append over its maximum append size, writing nothing (BatchAppend: %s)', async (batchAppend) => {
    await double.stop();
    double = await StreamsDouble.start({ batchAppend, maxAppendSize: 8192 });
    const store = open();
    const streamId = `${uniqueCategory()}-1`;
    // About 1 KB each with the metadata the adapter adds: 3 fit, 30 do not.
    await store.append(streamId, sampleEvents(3), NO_STREAM);
    const refused = store.append(streamId, sampleEvents(30), 2);
    await expect(refused).rejects.toBeInstanceOf(MaxAppendSizeExceededError);
    await expect(refused).rejects.toMatchObject({ maxAppendSize: 8192 });
    expect(await store.readStream(streamId)).toHaveLength(3);
  });

  it.each([
    ['read', 'not-leader'],
    ['read', 'deadline-exceeded'],
    ['append', 'not-leader'],
    ['append', 'commit-timeout'],
    ['append', 'deadline-exceeded'],
  ] as const)('answers with the retryable EventStoreUnavailableError when the node refuses a call (%s) as %s, and the retry goes through', async (call, fault) => {
    await double.stop();
    double = await StreamsDouble.start({ batchAppend: false });
    const store = open();
    const streamId = `${uniqueCategory()}-1`;
    const first = sampleEvents(1);
    await store.append(streamId, first, NO_STREAM);
    const batch = sampleEvents(2);
    double.failNext(call, fault);
    // A cluster's failover, a quorum slow to acknowledge: the client reconnects or the node catches up; retry shortly (503).
    await expect(store.append(streamId, batch, 0)).rejects.toBeInstanceOf(EventStoreUnavailableError);
    expect(await store.append(streamId, batch, 0)).toMatchObject({ nextRevision: 2 });
    double.failNext('read', fault);
    await expect(store.readStream(streamId)).rejects.toBeInstanceOf(EventStoreUnavailableError);
    expect((await store.readStream(streamId)).map((event) => event.id)).toEqual([...first, ...batch].map((event) => event.id));
  });

  it('says whether an append refused so may have landed: not after a node refused to lead, maybe after a commit timeout or a deadline', async () => {
    // Faults are set on unary appends; without the event-id guard the batch's own append is the only write, so the fault hits it.
    await double.stop();
    double = await StreamsDouble.start({ batchAppend: false });
    const store = open({ guardEventIds: false });
    const outcomes: Record<string, string> = {};
    for (const fault of ['not-leader', 'commit-timeout', 'deadline-exceeded'] as const) {
      const streamId = `${uniqueCategory()}-1`;
      double.failNext('append', fault);
      const refused = await store.append(streamId, sampleEvents(1), NO_STREAM).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(EventStoreUnavailableError);
      outcomes[fault] = (refused as EventStoreUnavailableError).outcome;
    }
    expect(outcomes).toEqual({ 'not-leader': 'unchanged', 'commit-timeout': 'unknown', 'deadline-exceeded': 'unknown' });
    // A read that fails changed nothing.
    double.failNext('read', 'deadline-exceeded');
    await expect(store.readStream(`${uniqueCategory()}-1`)).rejects.toMatchObject({ outcome: 'unchanged' });
  });

  it('subscribes again after the server drops the subscription, without gaps or repeats', async () => {
    const store = open({ resubscribe: { initialDelayMs: 5, maxDelayMs: 20, maxAttempts: 10 } });
    const streamId = `${uniqueCategory()}-1`;
    const collector = new EventCollector();
    const errors: Error[] = [];
    const subscription = store.subscribe({ onEvent: collector.handle, onError: (error) => errors.push(error) });
    try {
      const before = sampleEvents(3);
      await store.append(streamId, before, NO_STREAM);
      await collector.waitForCount(3);
      double.dropSubscriptions();
      const after = sampleEvents(2);
      await store.append(streamId, after, 2);
      await collector.waitForCount(5);
      await settle();
      expect(collector.ids).toEqual([...before, ...after].map((event) => event.id));
      expect(errors).toEqual([]);
    } finally {
      await subscription.stop();
    }
  });

  it('reads the log across pages without repeating the event where a page starts', async () => {
    const store = open({ guardEventIds: false });
    const head = await store.headPosition();
    const written = sampleEvents(1100);
    await store.append(`${uniqueCategory()}-1`, written, NO_STREAM);
    const read = await store.readAll({ after: head });
    expect(read.map((event) => event.id)).toEqual(written.map((event) => event.id));
  });

  it('asks the server for no more of the log than a read with a limit needs', async () => {
    // An audit replay re-reads each sealed event by itself (limit 1): each such read fetched a page of 1000.
    const store = open({ guardEventIds: false });
    const head = await store.headPosition();
    const written = sampleEvents(300);
    await store.append(`${uniqueCategory()}-1`, written, NO_STREAM);
    const { position } = (await store.readAll({ after: head, limit: 1 }))[0];
    const before = { ...double.reads };
    const [second] = await store.readAll({ after: position, limit: 1 });
    const three = await store.readAll({ after: position, limit: 3 });
    expect({ second: second.id, three: three.map((event) => event.id) }).toEqual({ second: written[1].id, three: written.slice(1, 4).map((event) => event.id) });
    // The event at the read's start comes back too (a forward read includes it), so one more than asked for.
    expect({ reads: double.reads.allReads - before.allReads, sent: double.reads.allRecordsSent - before.allRecordsSent }).toEqual({ reads: 2, sent: 2 + 4 });
  });

  it('reads after a number no record starts at from the record before it, not from the log\'s start', async () => {
    // `GET /audit/events?after=` with a cursor it did not hand out: one past the end read the whole log to answer nothing.
    const store = open({ guardEventIds: false });
    const category = uniqueCategory();
    const written = sampleEvents(2000);
    for (let index = 0; index < written.length; index += 500) await store.append(`${category}-${index}`, written.slice(index, index + 500), NO_STREAM);
    const [last, beforeLast] = await store.readAllBackwards({ limit: 2 });
    const filter = { streamPrefixes: [category] };
    const before = { ...double.reads };
    expect(await store.readAll({ after: last.position + 1, filter })).toEqual([]);
    expect(await store.readAll({ after: last.position + 1_000_000 })).toEqual([]);
    expect((await store.readAll({ after: beforeLast.position + 1, filter })).map((event) => event.id)).toEqual([last.id]);
    expect((await store.readAll({ after: last.position - 1, limit: 1 })).map((event) => event.id)).toEqual([last.id]);
    // A record or two each past the end; a few pages of 16 backwards and the rest forwards between the last two.
    const sent = double.reads.allRecordsSent - before.allRecordsSent;
    expect(sent).toBeLessThan(written.length / 20);
  });

  it('subscribes after a number no record starts at from the record before it, not from the log\'s start', async () => {
    // A checkpoint another adapter wrote, a cursor a client made up: the subscription sent the whole log again from its start.
    const store = open({ guardEventIds: false });
    const category = uniqueCategory();
    const written = sampleEvents(2000);
    for (let index = 0; index < written.length; index += 500) await store.append(`${category}-${index}`, written.slice(index, index + 500), NO_STREAM);
    const [last, beforeLast, third] = await store.readAllBackwards({ limit: 3 });
    const before = { ...double.reads };
    const between = new EventCollector();
    const beyond = new EventCollector();
    const subscriptions = [
      store.subscribe({ after: third.position + 1, filter: { streamPrefixes: [category] }, onEvent: between.handle }),
      store.subscribe({ after: last.position + 1, onEvent: beyond.handle }),
    ];
    const live = sampleEvent();
    try {
      await between.waitForCount(2);
      await settle();
      await store.append(`${category}-live`, [live], NO_STREAM);
      await between.waitForCount(3);
      await beyond.waitForCount(1);
      await settle();
    } finally {
      for (const subscription of subscriptions) await subscription.stop();
    }
    expect({ between: between.ids, beyond: beyond.ids }).toEqual({ between: [beforeLast.id, last.id, live.id], beyond: [live.id] });
    // Reads that look for where to start, and what the subscriptions sent: a few pages of 16 backwards, a few records each.
    const sent = double.reads.allRecordsSent - before.allRecordsSent + double.reads.subscriptionRecordsSent - before.subscriptionRecordsSent;
    expect(sent).toBeLessThan(written.length / 20);
  });

  it('resumes after a checkpoint the server took at a page start, which is no event position', async () => {
    const store = open({ guardEventIds: false });
    const checkpoints = new InMemoryCheckpointStore();
    const category = uniqueCategory();
    for (let index = 0; index < 40; index += 1) await store.append(`other-${index}`, [sampleEvent()], NO_STREAM);
    const handled: string[] = [];
    const start = (): Promise<CheckpointedSubscription> =>
      CheckpointedSubscription.start({
        store,
        checkpoints,
        subscriber: 'projection:double',
        filter: { streamPrefixes: [category] },
        handle: (event) => {
          handled.push(event.id);
        },
      });
    const first = await start();
    const deadline = Date.now() + 5000;
    while (first.position === null && Date.now() < deadline) await settle(5);
    await first.stop();
    const saved = await checkpoints.load('projection:double');
    const recordStarts = Array.from({ length: double.log.length }, (_, index) => double.log.recordAt(index)?.position);
    expect(saved).not.toBeNull();
    expect(recordStarts).not.toContain(BigInt(saved ?? -1));

    const match = sampleEvent();
    const { position } = await store.append(`${category}-1`, [match], NO_STREAM);
    const second = await start();
    const reached = await second.waitForPosition(position, 5000);
    expect(reached).toBe(true);
    await second.stop();
    expect(handled).toEqual([match.id]);
    expect(second.lastError).toBeNull();
  });
});
