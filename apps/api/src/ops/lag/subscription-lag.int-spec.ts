import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventStoreDBClient } from '@eventstore/db-client';
import { keyPersonStream, KeyPersonCommand } from '@sleutel/domain';
import { InMemoryCheckpointStore, NewEvent, NO_STREAM } from '@sleutel/event-store';
import { EventStoreDbEventStore } from '@sleutel/event-store/eventstoredb';
import { CommandRunner, identityCodec } from '@sleutel/eventsourcing';
import { CandidatePool, MatcherJobs, MatchRequestRelay } from '@sleutel/matcher';
import { keyPersonAggregate, ReadSide } from '@sleutel/platform';
import { InProcessJobQueue } from '@sleutel/queue';
import { StreamsDouble } from '../../../../../libs/event-store/src/eventstoredb/testing/streams-double/streams-double.server';
import { fittingKeyPersonProfile, testContext } from '../../../../../libs/matcher/src/testing/fitting-people';
import { SubscriptionLag } from './subscription-lag';

/** Events none of the subscribers reads (another stream, another type): fewer than the 32 after which the server says how far it looked. */
const OTHERS = 10;

function other(): NewEvent {
  return {
    id: randomUUID(), type: 'SomethingElseNoted', schemaVersion: 1, data: { note: 'x' },
    metadata: { actor: { id: 't', role: 'admin' }, command: 'NoteSomethingElse', correlationId: 'c', causationId: 'c', occurredAt: new Date().toISOString(), source: 'cli' },
  };
}

/**
 * `sleutel_subscription_lag_events` and readiness on EventStoreDB, through the
 * real client on the Streams TEST DOUBLE, whose filtered subscriptions get a
 * checkpoint only every 32 events looked at, as the server's. After a
 * subscriber's last own event, events it does not read leave its position
 * where it was; they are not lag. Before, every event after the position
 * counted, so a quiet end of the log showed up to 31 events of lag for each
 * subscriber that was not there (and could fail readiness with a low
 * READY_MAX_LAG_EVENTS).
 */
describe('SubscriptionLag on EventStoreDB (the Streams test double), at a quiet end of the log', () => {
  let double: StreamsDouble;
  let store: EventStoreDbEventStore;
  let dir: string;
  let readSide: ReadSide;
  let pool: CandidatePool;
  let relay: MatchRequestRelay;
  let queue: InProcessJobQueue<MatcherJobs>;

  beforeAll(async () => {
    double = await StreamsDouble.start();
    store = new EventStoreDbEventStore(EventStoreDBClient.connectionString(double.connectionString));
    dir = mkdtempSync(join(tmpdir(), 'sleutel-lag-esdb-'));
  });
  afterAll(async () => {
    await relay?.stop();
    await queue?.close();
    await pool?.stop();
    await readSide?.close();
    await store.close();
    await double.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('counts only the events each subscriber reads: none after it handled its last own one', async () => {
    readSide = ReadSide.open(dir, 10_000);
    await readSide.start(store);
    pool = new CandidatePool();
    await pool.start(store);
    queue = new InProcessJobQueue<MatcherJobs>({ logger: { warn: () => undefined, error: () => undefined } });
    relay = new MatchRequestRelay(store, new InMemoryCheckpointStore(), queue);
    await relay.start();
    const subscribers = SubscriptionLag.subscribersOf({ readSide, relay, pool });
    expect(subscribers.map((subscriber) => subscriber.name)).toEqual(['projections', 'match-request-relay', 'candidate-pool']);

    // A key person: an event every one of them reads. Then wait until each has handled it.
    const keyPersonId = randomUUID();
    await new CommandRunner(store, identityCodec).run(keyPersonAggregate, keyPersonStream(keyPersonId), (_, at): KeyPersonCommand[] => [
      { type: 'RegisterKeyPerson', data: { keyPersonId, at, profile: fittingKeyPersonProfile } },
    ], testContext());
    const [registered] = await store.readStream(keyPersonStream(keyPersonId));
    for (const subscriber of subscribers) {
      while ((subscriber.position() ?? -1) < registered.position) await new Promise((resolve) => setTimeout(resolve, 10));
    }

    // Then events none of them reads, at the end of the log.
    for (let i = 0; i < OTHERS; i += 1) await store.append(`other-${randomUUID()}`, [other()], NO_STREAM);

    const lags = await Promise.all(subscribers.map((subscriber) => SubscriptionLag.measure(store, subscriber, 1_000)));
    expect(lags.map(({ subscriber, events }) => ({ subscriber, events }))).toEqual([
      { subscriber: 'projections', events: 0 },
      { subscriber: 'match-request-relay', events: 0 },
      { subscriber: 'candidate-pool', events: 0 },
    ]);

    // What they do read is lag until they have it: from the start, the registration alone.
    const lagging = { ...subscribers[0], position: () => null };
    expect((await SubscriptionLag.measure(store, lagging, 1_000)).events).toBe(1);
  });
});
