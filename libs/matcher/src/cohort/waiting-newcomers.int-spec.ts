import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { isWaitingForMatch, NewcomerCommand, newcomerStream } from '@sleutel/domain';
import { CommandRunner } from '@sleutel/eventsourcing';
import { MatchingNewcomer } from '@sleutel/matching';
import { newcomerAggregate, platformEventCodec, ReadSide } from '@sleutel/platform';
import { CachingKeyStore, InMemoryKeyStore, MasterKey } from '@sleutel/privacy';
import { toMatchingNewcomer } from '../matching-newcomer.mapper';
import { fittingNewcomerProfile, testContext as context } from '../testing/fitting-people';
import { ParkedLog } from '../testing/parked-log';
import { waitingNewcomers } from './waiting-newcomers';

const UTRECHT = 'GM0344';
const AMSTERDAM = 'GM0363';

/**
 * The newcomers a cohort run collects, their streams read a page at a time
 * (`EventStore.readStreams`) and opened side by side, against the same
 * newcomers loaded one by one as the run loaded them before. The log is one
 * SQLite file whose read side is parked (`ParkedLog`): after it has read
 * everyone's registration, one newcomer is erased (her key destroyed) and
 * one moves to another municipality, which only their streams say.
 */
describe('waitingNewcomers, read a page of streams at a time', () => {
  let log: ParkedLog;
  let keys: CachingKeyStore;
  let runner: CommandRunner;
  let readSide: ReadSide;

  beforeEach(async () => {
    log = new ParkedLog();
    keys = new CachingKeyStore(new InMemoryKeyStore(MasterKey.generate()));
    runner = new CommandRunner(log.store, platformEventCodec(keys));
    readSide = ReadSide.open(join(log.dir, 'worker'), 5000);
  });
  afterEach(async () => {
    await readSide.close();
    await log.close();
  });

  const register = async (municipality: string, birthYear: number): Promise<string> => {
    const id = randomUUID();
    await runner.run(newcomerAggregate, newcomerStream(id), (_, at): NewcomerCommand[] => [
      { type: 'RegisterNewcomer', data: { newcomerId: id, at, profile: { ...fittingNewcomerProfile, municipality, postcodeArea: null, birthYear } } },
    ], context());
    return id;
  };

  /** The run's collecting as it was: every listed newcomer's stream loaded on its own. */
  async function oneByOne(municipalities: readonly string[] | null): Promise<MatchingNewcomer[]> {
    const waiting: MatchingNewcomer[] = [];
    for (const { id } of readSide.directory.waitingNewcomers(-1, 1000)) {
      const { state } = await runner.load(newcomerAggregate, newcomerStream(id));
      const newcomer = isWaitingForMatch(state) ? toMatchingNewcomer(id, state) : null;
      if (newcomer !== null && (municipalities === null || municipalities.includes(newcomer.municipality))) waiting.push(newcomer);
    }
    return waiting;
  }

  it('collects the same newcomers as loading each stream on its own, leaving out the erased and those outside the scope', async () => {
    // Each with a birth year of her own, so that a state read for one newcomer and paired with another would show.
    const ids: string[] = [];
    for (let index = 0; index < 8; index++) ids.push(await register(index % 3 === 2 ? AMSTERDAM : UTRECHT, 1970 + index));
    const [, erased, , , moved] = ids;
    await readSide.start(log.followed, platformEventCodec(keys));
    await log.readOn();
    await readSide.waitFor((await log.store.headPosition())!);
    expect(readSide.directory.waitingNewcomers(-1, 1000).map(({ id }) => id)).toEqual(ids);

    await runner.run(newcomerAggregate, newcomerStream(erased), (_, at): NewcomerCommand[] => [
      { type: 'EraseNewcomer', data: { newcomerId: erased, at, basis: 'data-subject-request' } },
    ], context());
    await keys.destroy({ type: 'newcomer', id: erased });
    await runner.run(newcomerAggregate, newcomerStream(moved), (_, at): NewcomerCommand[] => [
      { type: 'ChangeNewcomerResidence', data: { newcomerId: moved, at, municipality: AMSTERDAM } },
    ], context());
    // The directory has not read either: it still lists both, as waiting, where they were.
    expect(readSide.directory.waitingNewcomers(-1, 1000).map(({ id }) => id)).toEqual(ids);

    // Pages of three: the streams of a page are read together, and pages end between the newcomers of interest.
    const all = await waitingNewcomers(runner, readSide.directory, null, 3);
    expect(all).toEqual(await oneByOne(null));
    expect(all.map(({ id }) => id)).toEqual(ids.filter((id) => id !== erased));
    expect(all.map(({ birthYear }) => birthYear)).toEqual([1970, 1972, 1973, 1974, 1975, 1976, 1977]);

    const utrecht = await waitingNewcomers(runner, readSide.directory, [UTRECHT], 3);
    expect(utrecht).toEqual(await oneByOne([UTRECHT]));
    expect(utrecht.map(({ id }) => id)).toEqual([ids[0], ids[3], ids[6], ids[7]]);
    expect(await waitingNewcomers(runner, readSide.directory, [AMSTERDAM], 3)).toEqual(await oneByOne([AMSTERDAM]));
    expect((await waitingNewcomers(runner, readSide.directory, [AMSTERDAM])).map(({ id }) => id)).toEqual([ids[2], moved, ids[5]]);
  });
});
