import { DuplicateEventIdError, WrongExpectedRevisionError } from '../event-store.errors';
import { ANY, NO_STREAM, STREAM_EXISTS } from '../event-store.port';
import { ContractFactory, useSubject } from './contract-subject';
import { sampleEvent, sampleEvents, uniqueCategory } from './sample-events';

export function describeAppendContract(factory: ContractFactory): void {
  describe('append with an expected revision', () => {
    const subject = useSubject(factory);
    const stream = (): string => `${uniqueCategory()}-1`;

    it('creates a stream with no-stream and reports the last revision and position', async () => {
      const { store } = subject();
      const streamId = stream();
      const result = await store.append(streamId, sampleEvents(3), NO_STREAM);
      const events = await store.readStream(streamId);
      expect(result.nextRevision).toBe(2);
      expect(events.map((event) => event.revision)).toEqual([0, 1, 2]);
      expect(result.position).toBe(events[2].position);
      expect(await store.headPosition()).toBe(result.position);
    });

    it('refuses no-stream when the stream exists, naming stream and revisions', async () => {
      const { store } = subject();
      const streamId = stream();
      await store.append(streamId, sampleEvents(2), NO_STREAM);
      const error = await store.append(streamId, [sampleEvent()], NO_STREAM).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(WrongExpectedRevisionError);
      expect(error).toMatchObject({ streamId, expected: NO_STREAM, actual: 1, code: 'EVENT_STORE.WRONG_EXPECTED_REVISION' });
    });

    it('refuses stream-exists on a missing stream and accepts it on an existing one', async () => {
      const { store } = subject();
      const streamId = stream();
      const error = await store.append(streamId, [sampleEvent()], STREAM_EXISTS).catch((caught: unknown) => caught);
      expect(error).toMatchObject({ streamId, expected: STREAM_EXISTS, actual: NO_STREAM });
      expect(error).toBeInstanceOf(WrongExpectedRevisionError);
      await store.append(streamId, [sampleEvent()], NO_STREAM);
      const result = await store.append(streamId, [sampleEvent()], STREAM_EXISTS);
      expect(result.nextRevision).toBe(1);
    });

    it('appends at the exact current revision and refuses a stale one without writing', async () => {
      const { store } = subject();
      const streamId = stream();
      await store.append(streamId, sampleEvents(2), NO_STREAM);
      const result = await store.append(streamId, [sampleEvent()], 1);
      expect(result.nextRevision).toBe(2);
      const error = await store.append(streamId, [sampleEvent()], 1).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(WrongExpectedRevisionError);
      expect(error).toMatchObject({ streamId, expected: 1, actual: 2 });
      expect(await store.readStream(streamId)).toHaveLength(3);
    });

    it('refuses an exact revision on a missing stream', async () => {
      const { store } = subject();
      const streamId = stream();
      const error = await store.append(streamId, [sampleEvent()], 0).catch((caught: unknown) => caught);
      expect(error).toMatchObject({ streamId, expected: 0, actual: NO_STREAM });
      expect(await store.readStream(streamId)).toEqual([]);
    });

    it('appends with any whether or not the stream exists', async () => {
      const { store } = subject();
      const streamId = stream();
      expect((await store.append(streamId, [sampleEvent()], ANY)).nextRevision).toBe(0);
      expect((await store.append(streamId, sampleEvents(2), ANY)).nextRevision).toBe(2);
    });

    it('appends a conflicting batch of many events not at all', async () => {
      const { store } = subject();
      const streamId = stream();
      await store.append(streamId, [sampleEvent()], NO_STREAM);
      const head = await store.headPosition();
      await expect(store.append(streamId, sampleEvents(200), NO_STREAM)).rejects.toBeInstanceOf(WrongExpectedRevisionError);
      expect(await store.readStream(streamId)).toHaveLength(1);
      expect(await store.headPosition()).toBe(head);
    });

    it('appends none of a batch when one of its later ids is already used', async () => {
      const { store } = subject();
      const category = uniqueCategory();
      const taken = sampleEvent();
      await store.append(`${category}-other`, [taken], NO_STREAM);
      const batch = [sampleEvent(), taken, sampleEvent()];
      await expect(store.append(`${category}-1`, batch, NO_STREAM)).rejects.toThrow(DuplicateEventIdError);
      expect(await store.readStream(`${category}-1`)).toEqual([]);
    });

    it('rejects an empty batch and a batch that repeats an id', async () => {
      const { store } = subject();
      const streamId = stream();
      const event = sampleEvent();
      await expect(store.append(streamId, [], ANY)).rejects.toBeInstanceOf(RangeError);
      await expect(store.append(streamId, [event, event], ANY)).rejects.toBeInstanceOf(DuplicateEventIdError);
      expect(await store.readStream(streamId)).toEqual([]);
    });
  });
}
