import { RecordedEvent } from '../event-envelope';
import { NO_STREAM } from '../event-store.port';
import { ContractFactory, useSubject } from './contract-subject';
import { EventCollector, settle } from './event-collector';
import { eventsWithNumbersBetween } from './numbers-between-events';
import { sampleEvent, sampleEvents, uniqueCategory } from './sample-events';

export function describeSubscriptionContract(factory: ContractFactory): void {
  describe('catch-up subscription', () => {
    const subject = useSubject(factory);

    it('delivers history, then continues live, in order and without duplicates', async () => {
      const { store } = subject();
      const category = uniqueCategory();
      const head = await store.headPosition();
      const history = sampleEvents(3);
      await store.append(`${category}-1`, history, NO_STREAM);
      const collector = new EventCollector();
      const subscription = store.subscribe({ after: head, filter: { streamPrefixes: [category] }, onEvent: collector.handle });
      await collector.waitForCount(3);
      const live = sampleEvents(2);
      await store.append(`${category}-2`, [live[0]], NO_STREAM);
      await store.append(`${category}-1`, [live[1]], 2);
      await collector.waitForCount(5);
      await settle();
      await subscription.stop();
      expect(collector.ids).toEqual([...history, ...live].map((event) => event.id));
      const positions = collector.events.map((event) => event.position);
      expect([...positions].sort((x, y) => x - y)).toEqual(positions);

      await store.append(`${category}-1`, [sampleEvent()], 3);
      await settle();
      expect(collector.events).toHaveLength(5);
    });

    it('starts strictly after the given position', async () => {
      const { store } = subject();
      const category = uniqueCategory();
      const written = sampleEvents(4);
      await store.append(`${category}-1`, written, NO_STREAM);
      const [, second] = await store.readStream(`${category}-1`);
      const collector = new EventCollector();
      const subscription = store.subscribe({ after: second.position, onEvent: collector.handle });
      await collector.waitForCount(2);
      await settle();
      await subscription.stop();
      const ours = collector.events.filter((event) => event.streamId.startsWith(category));
      expect(ours.map((event) => event.id)).toEqual([written[2].id, written[3].id]);
    });

    it('starts after a number that is no event\'s position, between two events or beyond the head, with exactly the events after it', async () => {
      const { store } = subject();
      const { category, filter, between, beyond } = await eventsWithNumbersBetween(store);
      const numbers = [...between, ...beyond];
      const collectors = numbers.map(() => new EventCollector());
      const subscriptions = numbers.map((after, index) => store.subscribe({ after, filter, onEvent: collectors[index].handle }));
      let log: RecordedEvent[] = [];
      const after = (number: number) => log.filter((event) => event.position > number).map((event) => event.id);
      try {
        for (const [index, event] of sampleEvents(2).entries()) await store.append(`${category}-live-${index}`, [event], NO_STREAM);
        log = await store.readAll({ after: -1, filter });
        for (const [index, number] of numbers.entries()) await collectors[index].waitForCount(after(number).length);
        await settle();
      } finally {
        for (const subscription of subscriptions) await subscription.stop();
      }
      expect(collectors.map((collector) => collector.ids)).toEqual(numbers.map(after));
    });

    it('delivers only the event types asked for', async () => {
      const { store } = subject();
      const category = uniqueCategory();
      const wanted = `${category}Wanted`;
      const head = await store.headPosition();
      const collector = new EventCollector();
      const subscription = store.subscribe({ after: head, filter: { eventTypes: [wanted] }, onEvent: collector.handle });
      const events = [sampleEvent(wanted), sampleEvent(`${category}Other`), sampleEvent(wanted)];
      await store.append(`${category}-1`, events, NO_STREAM);
      await collector.waitForCount(2);
      await settle();
      await subscription.stop();
      expect(collector.ids).toEqual([events[0].id, events[2].id]);
    });

    it('waits for each handler before delivering the next event', async () => {
      const { store } = subject();
      const category = uniqueCategory();
      const head = await store.headPosition();
      let inFlight = 0;
      let maxInFlight = 0;
      const collector = new EventCollector();
      const subscription = store.subscribe({
        after: head,
        filter: { streamPrefixes: [category] },
        onEvent: async (event) => {
          inFlight += 1;
          maxInFlight = Math.max(maxInFlight, inFlight);
          await settle(5);
          collector.handle(event);
          inFlight -= 1;
        },
      });
      await store.append(`${category}-1`, sampleEvents(5), NO_STREAM);
      await collector.waitForCount(5);
      await subscription.stop();
      expect(maxInFlight).toBe(1);
    });

    it('stops and reports when the handler fails', async () => {
      const { store } = subject();
      const category = uniqueCategory();
      const head = await store.headPosition();
      const failure = new Error('handler broke');
      const errors: Error[] = [];
      const handled: string[] = [];
      const written = sampleEvents(3);
      const subscription = store.subscribe({
        after: head,
        filter: { streamPrefixes: [category] },
        onEvent: (event) => {
          if (event.id === written[1].id) throw failure;
          handled.push(event.id);
        },
        onError: (error) => errors.push(error),
      });
      await store.append(`${category}-1`, written, NO_STREAM);
      await settle(300);
      await subscription.stop();
      expect(errors).toEqual([failure]);
      expect(handled).toEqual([written[0].id]);
    });
  });
}
