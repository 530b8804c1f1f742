import { DuplicateEventIdError } from '../event-store.errors';
import { ANY, NO_STREAM } from '../event-store.port';
import { ContractFactory, useSubject } from './contract-subject';
import { sampleEvent, sampleEvents, uniqueCategory } from './sample-events';

export function describeIdempotencyContract(factory: ContractFactory): void {
  describe('idempotency by event id', () => {
    const subject = useSubject(factory);

    it('returns the original result for a replayed batch and appends nothing', async () => {
      const { store } = subject();
      const streamId = `${uniqueCategory()}-1`;
      await store.append(streamId, [sampleEvent()], NO_STREAM);
      const batch = sampleEvents(3);
      const original = await store.append(streamId, batch, 0);
      const head = await store.headPosition();
      const replayed = await store.append(streamId, batch, 0);
      expect(replayed).toEqual(original);
      expect(await store.readStream(streamId)).toHaveLength(4);
      expect(await store.headPosition()).toBe(head);
    });

    it('recognises a replay after the stream has moved on', async () => {
      const { store } = subject();
      const streamId = `${uniqueCategory()}-1`;
      const create = sampleEvents(2);
      const original = await store.append(streamId, create, NO_STREAM);
      await store.append(streamId, [sampleEvent()], 1);
      expect(await store.append(streamId, create, NO_STREAM)).toEqual(original);
      expect(await store.readStream(streamId)).toHaveLength(3);
    });

    it('recognises a replay appended with any', async () => {
      const { store } = subject();
      const streamId = `${uniqueCategory()}-1`;
      const batch = sampleEvents(2);
      const original = await store.append(streamId, batch, ANY);
      expect(await store.append(streamId, batch, ANY)).toEqual(original);
      expect(await store.readStream(streamId)).toHaveLength(2);
    });

    it('refuses an id already used in another stream', async () => {
      const { store } = subject();
      const category = uniqueCategory();
      const event = sampleEvent();
      await store.append(`${category}-a`, [event], NO_STREAM);
      const error = await store.append(`${category}-b`, [event], NO_STREAM).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(DuplicateEventIdError);
      expect(error).toMatchObject({ eventId: event.id, code: 'EVENT_STORE.DUPLICATE_EVENT_ID' });
      expect(await store.readStream(`${category}-b`)).toEqual([]);
    });

    it('refuses an id used at another place of the same stream', async () => {
      const { store } = subject();
      const streamId = `${uniqueCategory()}-1`;
      const first = sampleEvent();
      await store.append(streamId, [first, sampleEvent()], NO_STREAM);
      await expect(store.append(streamId, [first], 1)).rejects.toBeInstanceOf(DuplicateEventIdError);
      expect(await store.readStream(streamId)).toHaveLength(2);
    });

    it('refuses a no-stream batch whose id sits later in the stream', async () => {
      const { store } = subject();
      const streamId = `${uniqueCategory()}-1`;
      const [first, second] = sampleEvents(2);
      await store.append(streamId, [first, second], NO_STREAM);
      await expect(store.append(streamId, [second], NO_STREAM)).rejects.toBeInstanceOf(DuplicateEventIdError);
    });

    it('refuses a batch that repeats only part of an earlier one', async () => {
      const { store } = subject();
      const streamId = `${uniqueCategory()}-1`;
      const [first, second] = sampleEvents(2);
      await store.append(streamId, [first, second], NO_STREAM);
      await expect(store.append(streamId, [first, sampleEvent()], NO_STREAM)).rejects.toBeInstanceOf(DuplicateEventIdError);
      expect((await store.readStream(streamId)).map((event) => event.id)).toEqual([first.id, second.id]);
    });
  });
}
