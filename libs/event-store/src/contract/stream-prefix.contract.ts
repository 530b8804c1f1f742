import { NO_STREAM } from '../event-store.port';
import { isStreamPrefixReader, StreamPrefixReader } from '../stream-prefix-reader';
import { ContractFactory, useSubject } from './contract-subject';
import { sampleEvent, uniqueCategory } from './sample-events';

/**
 * `StreamPrefixReader`, for the adapters that have it (SQLite, in-memory):
 * the same events as the log filtered by stream prefix, stream by stream.
 */
export function describeStreamPrefixContract(factory: ContractFactory): void {
  describe('reading the streams of a category through the index of streams', () => {
    const subject = useSubject(factory);
    const reader = (): StreamPrefixReader => {
      const { store } = subject();
      if (!isStreamPrefixReader(store)) throw new Error('this adapter reads no streams by prefix');
      return store;
    };

    it('reads every stream whose id starts with the prefix, stream by stream, each in revision order, and nothing else', async () => {
      const { store } = subject();
      const category = uniqueCategory();
      const head = await store.headPosition();
      // Appended interleaved, and next to ids just outside the prefix on either side.
      await store.append(`${category}-b`, [sampleEvent('Registered')], NO_STREAM);
      await store.append(`${category}-a`, [sampleEvent('Registered')], NO_STREAM);
      await store.append(`${category}.a`, [sampleEvent('Registered')], NO_STREAM);
      await store.append(`${category}`, [sampleEvent('Registered')], NO_STREAM);
      await store.append(`${category}-b`, [sampleEvent('Reserved'), sampleEvent('Erased')], 0);
      await store.append(`${category}-a`, [sampleEvent('Reserved')], 0);
      const read = await reader().readStreamsByPrefix(`${category}-`, { limit: 100 });
      expect(read.map((event) => [event.streamId, event.revision, event.type])).toEqual([
        [`${category}-a`, 0, 'Registered'], [`${category}-a`, 1, 'Reserved'],
        [`${category}-b`, 0, 'Registered'], [`${category}-b`, 1, 'Reserved'], [`${category}-b`, 2, 'Erased'],
      ]);
      // The very events the log gives, envelope and all.
      const fromLog = await store.readAll({ after: head, filter: { streamPrefixes: [`${category}-`] } });
      expect([...read].sort((x, y) => x.position - y.position)).toEqual(fromLog);
    });

    it('goes on after a stream and revision, after or up to a position, and for some types only', async () => {
      const { store } = subject();
      const category = uniqueCategory();
      await store.append(`${category}-a`, [sampleEvent('Registered'), sampleEvent('Reserved')], NO_STREAM);
      const { position: middle } = await store.append(`${category}-b`, [sampleEvent('Registered')], NO_STREAM);
      await store.append(`${category}-b`, [sampleEvent('Erased')], 0);
      await store.append(`${category}-a`, [sampleEvent('Erased')], 1);
      const read = (options: Parameters<StreamPrefixReader['readStreamsByPrefix']>[1]) =>
        reader().readStreamsByPrefix(`${category}-`, options).then((events) => events.map((event) => `${event.streamId.slice(-1)}${event.revision}`));
      expect(await read({ limit: 2 })).toEqual(['a0', 'a1']);
      expect(await read({ after: { streamId: `${category}-a`, revision: 1 }, limit: 2 })).toEqual(['a2', 'b0']);
      expect(await read({ after: { streamId: `${category}-a`, revision: 2 }, limit: 10 })).toEqual(['b0', 'b1']);
      expect(await read({ upToPosition: middle, limit: 10 })).toEqual(['a0', 'a1', 'b0']);
      expect(await read({ eventTypes: ['Erased'], limit: 10 })).toEqual(['a2', 'b1']);
      expect(await read({ eventTypes: ['Erased'], upToPosition: middle, limit: 10 })).toEqual([]);
      expect(await read({ afterPosition: middle, limit: 10 })).toEqual(['a2', 'b1']);
      expect(await read({ afterPosition: middle, eventTypes: ['Registered', 'Erased'], limit: 1 })).toEqual(['a2']);
      expect(await read({ afterPosition: middle, upToPosition: middle, limit: 10 })).toEqual([]);
      expect(await read({ eventTypes: [], limit: 10 })).toEqual([]);
      expect(await reader().readStreamsByPrefix(`${uniqueCategory()}-`, { limit: 10 })).toEqual([]);
    });
  });

}
