import { randomUUID } from 'node:crypto';
import { EventStoreDBClient } from '@eventstore/db-client';
import { NewEvent, NO_STREAM } from '@sleutel/event-store';
import { EventStoreDbEventStore } from '@sleutel/event-store/eventstoredb';
import { StreamsDouble } from '../../event-store/src/eventstoredb/testing/streams-double/streams-double.server';
import { verifyHashChains } from './hash-chain-verifier';
import { LogDigestFollower } from './log-digest-follower';

/**
 * Verification and log anchors on EventStoreDB, through the real client and
 * real gRPC against the Streams TEST DOUBLE: the adapter hands out what the
 * chain was computed over, so the auditor's checks work on the production
 * store too. Positions there are byte offsets, so holes are not looked for.
 */
describe('hash-chain verification on EventStoreDB (Streams test double)', () => {
  let double: StreamsDouble;
  let store: EventStoreDbEventStore;

  beforeEach(async () => {
    double = await StreamsDouble.start();
    store = new EventStoreDbEventStore(EventStoreDBClient.connectionString(double.connectionString));
  });
  afterEach(async () => {
    await store.close();
    await double.stop();
  });

  const note = (text: string, extra: Record<string, unknown> = {}): NewEvent => ({
    id: randomUUID(), type: 'NewcomerNotesChanged', schemaVersion: 1,
    data: { notes: text, ...extra } as NewEvent['data'],
    metadata: { actor: { id: 'intake-1', role: 'intake' }, command: 'ChangeNotes', correlationId: 'c', causationId: 'c', occurredAt: '2026-11-29T10:00:00.000Z', source: 'api' },
  });

  it('finds every chain whole, with a head digest that log anchors agree with', async () => {
    await store.append('newcomer-a', [note('één'), note('two', { weight: 0.1, nested: { emoji: '🙂', escaped: '"\\\u0001' } })], NO_STREAM);
    await store.append('newcomer-b', [note('three')], NO_STREAM);
    await store.append('newcomer-a', [note('four')], 1);
    const result = await verifyHashChains(store, { pageSize: 2 });
    expect(result).toMatchObject({ intact: true, streams: 2, events: 4, broken: [], gaps: [], gapsChecked: false });
    expect(result.head!.position).toBe(await store.headPosition());
    expect(await new LogDigestFollower(store, 2).catchUp()).toEqual(result.head);
    expect((await verifyHashChains(store, { anchor: result.head! })).anchor).toMatchObject({ matches: true });
  });

  it('sees a value changed on the server as a broken hash of that event', async () => {
    await store.append('newcomer-a', [note('one'), note('two'), note('three')], NO_STREAM);
    await store.append('newcomer-b', [note('other')], NO_STREAM);
    const before = await verifyHashChains(store);
    double.log.tamper('newcomer-a', 1, new TextEncoder().encode(JSON.stringify({ notes: 'rewritten' })));
    const after = await verifyHashChains(store, { anchor: before.head! });
    // The change left the stored hash alone: recomputing it is what catches it, in the chain and in the digest the
    // anchor is checked against (which folds the recomputed hashes, so a verification of another stream sees it too).
    expect(after).toMatchObject({
      intact: false, broken: [{ streamId: 'newcomer-a', revision: 1, reason: 'hash-mismatch' }], anchor: { matches: false },
    });
    expect(await verifyHashChains(store, { streamId: 'newcomer-b', anchor: before.head! })).toMatchObject({ intact: false, streams: 1, broken: [], anchor: { matches: false } });
  });
});
