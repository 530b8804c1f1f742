import { NewcomerCommand, NewcomerState, newcomerStream } from '@sleutel/domain';
import { InMemoryEventStore } from '@sleutel/event-store';
import { CommandContext, CommandRunner, EventCodec } from '@sleutel/eventsourcing';
import { InMemoryKeyStore, MasterKey } from '@sleutel/privacy';
import { amalInput, NEWCOMER_ID } from '../../domain/src/newcomer/newcomer.fixtures';
import { newcomerAggregate } from './aggregates';
import { platformEventCodec } from './platform.module';

const context = (commandId: string): CommandContext => ({ actor: { id: 'w-1', role: 'intake' }, source: 'api', correlationId: 'c', causationId: 'r', commandId });

/**
 * A change decided before an erasure and sealed after it: the codec refuses to
 * seal for an erased person, and the runner decides again on the stream as it
 * now is, so the answer is the erasure's (410), not a failure to seal (500).
 */
describe('a command that races an erasure', () => {
  const stream = newcomerStream(NEWCOMER_ID);
  let store: InMemoryEventStore;
  let keys: InMemoryKeyStore;
  let codec: EventCodec;
  let runner: CommandRunner;

  beforeEach(async () => {
    store = new InMemoryEventStore();
    keys = new InMemoryKeyStore(MasterKey.generate());
    codec = platformEventCodec(keys);
    runner = new CommandRunner(store, codec);
    await runner.run(newcomerAggregate, stream, (_, at): NewcomerCommand[] => [{ type: 'RegisterNewcomer', data: { newcomerId: NEWCOMER_ID, at, profile: amalInput } }], context('register'));
  });

  /** As the erasure endpoint does it: the erasure event, then the key destroyed. */
  const erase = async (): Promise<void> => {
    await runner.run(newcomerAggregate, stream, (_, at): NewcomerCommand[] => [{ type: 'EraseNewcomer', data: { newcomerId: NEWCOMER_ID, at, basis: 'data-subject-request' } }], context('erase'));
    await keys.destroy({ type: 'newcomer', id: NEWCOMER_ID });
  };

  /** The codec, with the erasure run between the decision and the sealing of the first event it is given. */
  const erasingBeforeFirstSeal = (): EventCodec => {
    let erased = false;
    return {
      ...codec,
      encode: async (event, streamId) => {
        if (!erased) {
          erased = true;
          await erase();
        }
        return codec.encode(event, streamId);
      },
    };
  };
  const notes = (_: NewcomerState, at: string): NewcomerCommand[] => [{ type: 'ChangeNewcomerNotes', data: { newcomerId: NEWCOMER_ID, at, notes: 'Written as she was erased' } }];

  it('answers that the newcomer is erased, and appends nothing of the change', async () => {
    await expect(new CommandRunner(store, erasingBeforeFirstSeal()).run(newcomerAggregate, stream, notes, context('notes')))
      .rejects.toMatchObject({ code: 'NEWCOMER.ERASED', kind: 'gone' });
    expect((await store.readStream(stream)).map((event) => event.type)).toEqual(['NewcomerRegistered', 'NewcomerErased']);
  });

  it('answers a stale revision when the caller named one (If-Match)', async () => {
    await expect(new CommandRunner(store, erasingBeforeFirstSeal()).run(newcomerAggregate, stream, notes, context('notes'), { expectedRevision: 0 }))
      .rejects.toMatchObject({ name: 'StaleRevisionError' });
  });

  it('passes on a sealing failure on a stream that has not moved: a bug or an outage, not a race', async () => {
    let attempts = 0;
    const failing: EventCodec = { ...codec, encode: async () => { attempts += 1; throw new Error('the key store is unreachable'); } };
    await expect(new CommandRunner(store, failing).run(newcomerAggregate, stream, notes, context('notes'))).rejects.toThrow('the key store is unreachable');
    expect(attempts).toBe(1);
  });
});
