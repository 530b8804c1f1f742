import { NO_STREAM } from '../event-store.port';
import { ContractFactory, useSubject } from './contract-subject';
import { eventsWithNumbersBetween } from './numbers-between-events';
import { sampleEvent, sampleEvents, uniqueCategory } from './sample-events';

export function describeReadContract(factory: ContractFactory): void {
  describe('reading streams and the global log', () => {
    const subject = useSubject(factory);

    it('reads a stream back with its envelope intact', async () => {
      const { store } = subject();
      const streamId = `${uniqueCategory()}-1`;
      const written = sampleEvents(3);
      const { position } = await store.append(streamId, written, NO_STREAM);
      const read = await store.readStream(streamId);
      expect(read.map(({ id, type, schemaVersion, data, metadata }) => ({ id, type, schemaVersion, data, metadata }))).toEqual(written);
      expect(read.map((event) => [event.streamId, event.revision])).toEqual([
        [streamId, 0],
        [streamId, 1],
        [streamId, 2],
      ]);
      expect(read[2].position).toBe(position);
      expect(read[0].position).toBeLessThan(read[1].position);
    });

    it('reads a stream from a revision, at most a number of events', async () => {
      const { store } = subject();
      const streamId = `${uniqueCategory()}-1`;
      const written = sampleEvents(5);
      await store.append(streamId, written, NO_STREAM);
      const slice = await store.readStream(streamId, { fromRevision: 1, maxCount: 2 });
      expect(slice.map((event) => event.id)).toEqual([written[1].id, written[2].id]);
      expect(await store.readStream(streamId, { fromRevision: 5 })).toEqual([]);
    });

    it('reads only the events of the types asked for, each at its own revision, and counts only those against maxCount', async () => {
      const { store } = subject();
      const streamId = `${uniqueCategory()}-1`;
      const [started, page, nextPage, solved] = [sampleEvent('RunStarted'), sampleEvent('RunPaged'), sampleEvent('RunPaged'), sampleEvent('RunSolved')];
      await store.append(streamId, [started, page, nextPage, solved], NO_STREAM);
      const all = await store.readStream(streamId);
      const withoutPages = await store.readStream(streamId, { eventTypes: ['RunStarted', 'RunSolved'] });
      expect(withoutPages).toEqual([all[0], all[3]]);
      expect(withoutPages.map((event) => event.revision)).toEqual([0, 3]);
      expect((await store.readStream(streamId, { eventTypes: ['RunSolved', 'RunStarted'], fromRevision: 1 })).map((event) => event.id)).toEqual([solved.id]);
      expect((await store.readStream(streamId, { eventTypes: ['RunPaged', 'RunSolved'], maxCount: 2 })).map((event) => event.id)).toEqual([page.id, nextPage.id]);
      // Exactly the type, not a prefix of it; an empty list is none.
      expect(await store.readStream(streamId, { eventTypes: ['Run'] })).toEqual([]);
      expect(await store.readStream(streamId, { eventTypes: [] })).toEqual([]);
      expect(await store.readStream(`${uniqueCategory()}-missing`, { eventTypes: ['RunStarted'] })).toEqual([]);
    });

    it('reads several streams at once, each as it reads alone, in the order asked for', async () => {
      const { store } = subject();
      const category = uniqueCategory();
      // Appended interleaved; asked for out of the order of their ids and of their appends, one twice, one missing.
      await store.append(`${category}-b`, [sampleEvent('Registered')], NO_STREAM);
      await store.append(`${category}-a`, sampleEvents(2), NO_STREAM);
      await store.append(`${category}-c`, [sampleEvent('Registered')], NO_STREAM);
      await store.append(`${category}-b`, [sampleEvent('Reserved'), sampleEvent('Released')], 0);
      const asked = [`${category}-c`, `${category}-missing`, `${category}-a`, `${category}-b`, `${category}-a`];
      const read = await store.readStreams(asked);
      expect(read).toEqual(await Promise.all(asked.map((streamId) => store.readStream(streamId))));
      expect(read.map((events) => events.map((event) => `${event.streamId.slice(-1)}${event.revision}`))).toEqual([['c0'], [], ['a0', 'a1'], ['b0', 'b1', 'b2'], ['a0', 'a1']]);
      expect(await store.readStreams([])).toEqual([]);
    });

    it('reads a missing stream as empty', async () => {
      const { store } = subject();
      expect(await store.readStream(`${uniqueCategory()}-missing`)).toEqual([]);
    });

    it('reads the global log in order after a position, with a limit', async () => {
      const { store } = subject();
      const category = uniqueCategory();
      const a = sampleEvents(2);
      const b = sampleEvents(2);
      const first = await store.append(`${category}-a`, [a[0]], NO_STREAM);
      await store.append(`${category}-b`, [b[0]], NO_STREAM);
      await store.append(`${category}-a`, [a[1]], 0);
      await store.append(`${category}-b`, [b[1]], 0);
      const ours = (await store.readAll({ after: first.position })).filter((event) => event.streamId.startsWith(category));
      expect(ours.map((event) => event.id)).toEqual([b[0].id, a[1].id, b[1].id]);
      const positions = ours.map((event) => event.position);
      expect([...positions].sort((x, y) => x - y)).toEqual(positions);
      expect(new Set(positions).size).toBe(3);
      const limited = await store.readAll({ after: first.position, limit: 2, filter: { streamPrefixes: [category] } });
      expect(limited.map((event) => event.id)).toEqual([b[0].id, a[1].id]);
    });

    it('reads the global log backwards, newest first, from the head or before an event, with a limit', async () => {
      const { store } = subject();
      const category = uniqueCategory();
      const a = sampleEvents(2);
      const b = sampleEvents(2);
      await store.append(`${category}-a`, [a[0]], NO_STREAM);
      await store.append(`${category}-b`, [b[0]], NO_STREAM);
      await store.append(`${category}-a`, [a[1]], 0);
      const last = await store.append(`${category}-b`, [b[1]], 0);
      const newest = await store.readAllBackwards({ limit: 3 });
      expect(newest.map((event) => event.id)).toEqual([b[1].id, a[1].id, b[0].id]);
      expect(newest[0].position).toBe(last.position);
      expect(newest[0]).toMatchObject({ streamId: `${category}-b`, revision: 1, type: b[1].type, data: b[1].data, metadata: b[1].metadata });
      // Before an event: strictly before it, paging on from the last one read.
      const next = await store.readAllBackwards({ before: newest[2].position, limit: 3 });
      expect(next[0].id).toBe(a[0].id);
      expect(next.every((event) => event.position < newest[2].position)).toBe(true);
      const positions = [...newest, ...next].map((event) => event.position);
      expect([...positions].sort((x, y) => y - x)).toEqual(positions);
      expect(await store.readAllBackwards({ before: newest[0].position, limit: 0 })).toEqual([]);
    });

    it('reads from the start after a position before the first event (-1: a reader that has handled nothing yet)', async () => {
      const { store } = subject();
      const category = uniqueCategory();
      const written = sampleEvents(2);
      await store.append(`${category}-1`, written, NO_STREAM);
      const filter = { streamPrefixes: [category] };
      const read = await store.readAll({ after: -1, filter });
      expect(read.map((event) => event.id)).toEqual(written.map((event) => event.id));
      expect(await store.readAll({ after: -1, limit: 1 })).toEqual(await store.readAll({ limit: 1 }));
    });

    it('reads the events after a number that is no event\'s position, between two events or beyond the head, as after the event before it', async () => {
      const { store } = subject();
      const { filter, events, between, beyond } = await eventsWithNumbersBetween(store);
      const [, second, third] = events;
      const ids = (read: readonly { id: string }[]) => read.map((event) => event.id);
      for (const number of between) {
        expect(ids(await store.readAll({ after: number, filter }))).toEqual([second.id, third.id]);
        expect(ids(await store.readAll({ after: number, limit: 1, filter }))).toEqual([second.id]);
      }
      for (const number of beyond) {
        expect(await store.readAll({ after: number, filter })).toEqual([]);
        expect(await store.readAll({ after: number, limit: 1, filter })).toEqual([]);
      }
    });

    it('matches the positions of stream reads and log reads', async () => {
      const { store } = subject();
      const streamId = `${uniqueCategory()}-1`;
      await store.append(streamId, sampleEvents(3), NO_STREAM);
      const fromStream = await store.readStream(streamId);
      const fromLog = await store.readAll({ after: fromStream[0].position - 1, filter: { streamPrefixes: [streamId] } });
      expect(fromLog.map((event) => [event.id, event.position])).toEqual(fromStream.map((event) => [event.id, event.position]));
    });

    it('filters the log by stream prefix, by event type, and by both', async () => {
      const { store } = subject();
      const newcomers = `${uniqueCategory()}-newcomer`;
      const matches = `${uniqueCategory()}-match`;
      const registered = sampleEvent('NewcomerRegistered');
      const moved = sampleEvent('NewcomerMoved');
      const proposed = sampleEvent('MatchProposed');
      const head = await store.headPosition();
      await store.append(`${newcomers}-1`, [registered, moved], NO_STREAM);
      await store.append(`${matches}-1`, [proposed], NO_STREAM);
      const ids = async (filter: { streamPrefixes?: string[]; eventTypes?: string[] }): Promise<string[]> =>
        (await store.readAll({ after: head, filter })).map((event) => event.id);
      expect(await ids({ streamPrefixes: [newcomers] })).toEqual([registered.id, moved.id]);
      expect(await ids({ streamPrefixes: [newcomers, matches] })).toEqual([registered.id, moved.id, proposed.id]);
      expect(await ids({ streamPrefixes: [newcomers, matches], eventTypes: ['NewcomerMoved', 'MatchProposed'] })).toEqual([
        moved.id,
        proposed.id,
      ]);
      expect(await ids({ streamPrefixes: [newcomers], eventTypes: ['MatchProposed'] })).toEqual([]);
      expect(await ids({ streamPrefixes: [] })).toEqual([]);
    });

    it('filters by exact event type, not by type prefix', async () => {
      const { store } = subject();
      const category = uniqueCategory();
      const type = `${category}Proposed`;
      const exact = sampleEvent(type);
      const longer = sampleEvent(`${type}V2`);
      const head = await store.headPosition();
      await store.append(`${category}-1`, [exact, longer], NO_STREAM);
      const read = await store.readAll({ after: head, filter: { eventTypes: [type] } });
      expect(read.map((event) => event.id)).toEqual([exact.id]);
    });

    it('reports the position of the last append as the head', async () => {
      const { store } = subject();
      const category = uniqueCategory();
      await store.append(`${category}-1`, sampleEvents(2), NO_STREAM);
      const last = await store.append(`${category}-2`, [sampleEvent()], NO_STREAM);
      expect(await store.headPosition()).toBe(last.position);
    });
  });
}
