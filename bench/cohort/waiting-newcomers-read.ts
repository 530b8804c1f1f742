/**
 * The cohort run's read of the waiting newcomers (`waitingNewcomers`), timed
 * beside the same read one stream at a time, as the run did it before
 * (`EventStore.readStreams`, `CommandRunner.loadMany`): on the API's own
 * store and directory, each read with a key cache of its own, empty, as a
 * run finds it when nobody has read those newcomers in the last minute.
 */
import { INestApplication } from '@nestjs/common';
import { isWaitingForMatch, newcomerStream } from '@sleutel/domain';
import { EventStore } from '@sleutel/event-store';
import { CommandRunner } from '@sleutel/eventsourcing';
import { toMatchingNewcomer, waitingNewcomers } from '@sleutel/matcher';
import { MatchingNewcomer } from '@sleutel/matching';
import { APP_CONFIG, AppConfigType, newcomerAggregate, openKeyStore, platformEventCodec, ReadSide } from '@sleutel/platform';

type Directory = ReadSide['directory'];

/** The read as it was: every listed newcomer's stream loaded on its own. */
async function oneByOne(runner: CommandRunner, directory: Directory): Promise<MatchingNewcomer[]> {
  const waiting: MatchingNewcomer[] = [];
  for (let after = -1; ;) {
    const page = directory.waitingNewcomers(after, 500);
    if (page.length === 0) return waiting;
    for (const { id } of page) {
      const { state } = await runner.load(newcomerAggregate, newcomerStream(id));
      const newcomer = isWaitingForMatch(state) ? toMatchingNewcomer(id, state) : null;
      if (newcomer !== null) waiting.push(newcomer);
    }
    after = page[page.length - 1].registeredPosition;
  }
}

export interface WaitingNewcomersTimes {
  readonly newcomers: number;
  /** Milliseconds, the median of `rounds`. */
  readonly batched: number;
  readonly oneByOne: number;
}

/** Both reads `rounds` times, taking turns; throws when they disagree. */
export async function timeWaitingNewcomersRead(app: INestApplication, store: EventStore, rounds = 3): Promise<WaitingNewcomersTimes> {
  const config = app.get<AppConfigType>(APP_CONFIG);
  const { directory } = app.get(ReadSide);
  const timed = async (read: (runner: CommandRunner) => Promise<MatchingNewcomer[]>): Promise<{ ms: number; read: MatchingNewcomer[] }> => {
    const keys = await openKeyStore(config);
    try {
      const runner = new CommandRunner(store, platformEventCodec(keys));
      const started = performance.now();
      const newcomers = await read(runner);
      return { ms: performance.now() - started, read: newcomers };
    } finally {
      await keys.close();
    }
  };
  const batched: number[] = [];
  const single: number[] = [];
  let newcomers = 0;
  for (let round = 0; round < rounds; round++) {
    const before = await timed((runner) => oneByOne(runner, directory));
    const now = await timed((runner) => waitingNewcomers(runner, directory, null));
    if (JSON.stringify(now.read) !== JSON.stringify(before.read)) throw new Error('The waiting newcomers read a page at a time differ from those read one by one');
    single.push(before.ms);
    batched.push(now.ms);
    newcomers = now.read.length;
  }
  return { newcomers, batched: median(batched), oneByOne: median(single) };
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
