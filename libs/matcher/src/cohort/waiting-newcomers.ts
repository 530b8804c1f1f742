import { isWaitingForMatch, newcomerStream } from '@sleutel/domain';
import { CommandRunner } from '@sleutel/eventsourcing';
import { MatchingNewcomer } from '@sleutel/matching';
import { newcomerAggregate, ReadSide } from '@sleutel/platform';
import { toMatchingNewcomer } from '../matching-newcomer.mapper';

/** Newcomers the directory lists per page, whose streams are then read together. */
export const WAITING_PAGE = 500;

/**
 * The newcomers a cohort run collects: active, without an open match, of
 * `municipalities` (all when null). The directory only says whose streams to
 * read; each is decided on the newcomer's own stream, as the log holds it, so
 * one erased, matched or moved since the directory last read the log is left
 * out. A page's streams are read in one go and opened side by side: one by
 * one, a query and a key lookup each, they took most of a 9,501-newcomer run's
 * collecting stage.
 */
export async function waitingNewcomers(
  runner: CommandRunner,
  directory: Pick<ReadSide['directory'], 'waitingNewcomers'>,
  municipalities: readonly string[] | null,
  pageSize = WAITING_PAGE,
): Promise<MatchingNewcomer[]> {
  const scope = municipalities === null ? null : new Set(municipalities);
  const waiting: MatchingNewcomer[] = [];
  for (let after = -1; ;) {
    const page = directory.waitingNewcomers(after, pageSize);
    if (page.length === 0) return waiting;
    const loaded = await runner.loadMany(newcomerAggregate, page.map(({ id }) => newcomerStream(id)));
    for (const [index, { id }] of page.entries()) {
      const { state } = loaded[index];
      if (!isWaitingForMatch(state)) continue;
      const newcomer = toMatchingNewcomer(id, state);
      if (newcomer !== null && (scope === null || scope.has(newcomer.municipality))) waiting.push(newcomer);
    }
    after = page[page.length - 1].registeredPosition;
  }
}
