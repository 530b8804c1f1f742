import { RecordedEvent as EsdbRecordedEvent } from '@eventstore/db-client';
import { sampleEvent } from '../contract/sample-events';
import { chainHash, serialiseEvent } from '../hash-chain';
import { linkBatch } from '../linked-batch';
import { fromEsdbEvent, toEsdbEventData } from './eventstoredb-event-mapping';

/** What the server would hand back for an event the adapter wrote (JSON round trip included). */
function asRecorded(streamId: string, revision: number, data: ReturnType<typeof toEsdbEventData>): EsdbRecordedEvent {
  return {
    streamId,
    id: data.id,
    isJson: true,
    revision: BigInt(revision),
    type: data.type,
    created: new Date(),
    data: JSON.parse(JSON.stringify(data.data)) as Record<string, unknown>,
    metadata: JSON.parse(JSON.stringify(data.metadata)) as Record<string, unknown>,
  };
}

describe('EventStoreDB event mapping', () => {
  it('round-trips the envelope and keeps the chain hash verifiable', () => {
    const event = sampleEvent();
    const [linked] = linkBatch('newcomer-1', 'f'.repeat(64), 4, [event]);
    const recorded = fromEsdbEvent(asRecorded('newcomer-1', 4, toEsdbEventData(linked)), 1234);
    expect(recorded).toEqual({ ...event, streamId: 'newcomer-1', revision: 4, position: 1234, chain: linked.chain });
    expect(recorded && chainHash('f'.repeat(64), 'newcomer-1', 4, recorded, serialiseEvent(recorded))).toBe(linked.chain.hash);
  });

  it('puts correlation and causation where EventStoreDB projections look for them', () => {
    const event = sampleEvent();
    const [linked] = linkBatch('newcomer-1', null, 0, [event]);
    expect(toEsdbEventData(linked).metadata).toMatchObject({
      $correlationId: event.metadata.correlationId,
      $causationId: event.metadata.causationId,
    });
  });

  it('ignores system events and events other writers put there', () => {
    const [linked] = linkBatch('newcomer-1', null, 0, [sampleEvent()]);
    const ours = asRecorded('newcomer-1', 0, toEsdbEventData(linked));
    expect(fromEsdbEvent({ ...ours, type: '$metadata' }, 1)).toBeNull();
    expect(fromEsdbEvent({ ...ours, streamId: '$stats-1' }, 1)).toBeNull();
    expect(fromEsdbEvent({ ...ours, metadata: { foreign: true } }, 1)).toBeNull();
  });
});
