import { WrongExpectedRevisionError } from '../event-store.errors';
import { ANY, EventStore, NO_STREAM } from '../event-store.port';
import { ContractFactory, ContractSubject, useSubject } from './contract-subject';
import { sampleEvent, sampleEvents, uniqueCategory } from './sample-events';

export function describeConcurrencyContract(factory: ContractFactory): void {
  describe('concurrent writers', () => {
    const subject = useSubject(factory);

    it('lets exactly one of two writers with the same expected revision win', async () => {
      await withTwoWriters(subject(), async (first, second) => {
        const streamId = `${uniqueCategory()}-1`;
        await first.append(streamId, [sampleEvent()], NO_STREAM);
        const mine = sampleEvent();
        const theirs = sampleEvent();
        const outcomes = await Promise.allSettled([first.append(streamId, [mine], 0), second.append(streamId, [theirs], 0)]);
        const won = outcomes.filter((outcome) => outcome.status === 'fulfilled');
        const lost = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason as unknown] : []));
        expect(won).toHaveLength(1);
        expect(lost).toHaveLength(1);
        expect(lost[0]).toBeInstanceOf(WrongExpectedRevisionError);
        expect(lost[0]).toMatchObject({ streamId, expected: 0, actual: 1 });
        const winner = outcomes[0].status === 'fulfilled' ? mine : theirs;
        const events = await first.readStream(streamId);
        expect(events.map((event) => event.id).slice(1)).toEqual([winner.id]);
      });
    });

    it('lets exactly one of two writers create a stream', async () => {
      await withTwoWriters(subject(), async (first, second) => {
        const streamId = `${uniqueCategory()}-1`;
        const outcomes = await Promise.allSettled([
          first.append(streamId, sampleEvents(3), NO_STREAM),
          second.append(streamId, sampleEvents(3), NO_STREAM),
        ]);
        expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
        expect(await first.readStream(streamId)).toHaveLength(3);
      });
    });

    it('serialises writers using any into one unbroken stream of whole batches', async () => {
      await withTwoWriters(subject(), async (first, second) => {
        const streamId = `${uniqueCategory()}-1`;
        const batches = Array.from({ length: 6 }, () => sampleEvents(2));
        await Promise.all(batches.map((batch, index) => (index % 2 === 0 ? first : second).append(streamId, batch, ANY)));
        const events = await first.readStream(streamId);
        expect(events.map((event) => event.revision)).toEqual([...Array(12).keys()]);
        events.slice(1).forEach((event, index) => expect(event.chain.previousHash).toBe(events[index].chain.hash));
        for (const batch of batches) {
          const at = events.findIndex((event) => event.id === batch[0].id);
          expect(events[at + 1].id).toBe(batch[1].id);
        }
      });
    });
  });
}

async function withTwoWriters(
  subject: ContractSubject,
  body: (first: EventStore, second: EventStore) => Promise<void>,
): Promise<void> {
  const second = subject.secondWriter === undefined ? subject.store : await subject.secondWriter();
  try {
    await body(subject.store, second);
  } finally {
    if (second !== subject.store) await second.close();
  }
}
