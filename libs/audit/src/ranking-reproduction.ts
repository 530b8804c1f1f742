import { KEY_PERSON_CATEGORY, KeyPersonErased, KeyPersonEvent, keyPersonDecider, KeyPersonState } from '@sleutel/domain';
import { EventStore, isStreamPrefixReader, JsonObject, RecordedEvent, StreamCursor } from '@sleutel/event-store';
import { EventCodec, isReadable, toDomainEvent } from '@sleutel/eventsourcing';
import { toCandidate } from '@sleutel/matcher';
import { Alternative, explain, ExclusionCounts, MatchingKeyPerson, MatchingNewcomer, rank, ScoringPolicy, withBestAttainableAsRecorded } from '@sleutel/matching';
import { erasureIn } from '@sleutel/privacy';
import { compareRanking, RankingField } from './ranking-comparison';

export interface RankingReproduction {
  /** Every one of `considered`, `excluded`, `bestAttainable`, `shareOfBest` and `alternatives` equals the stored one, bit for bit. */
  readonly equal: boolean;
  /** Those of the fields above that differ from the stored explanation; empty when equal. */
  readonly differences: readonly RankingField[];
  /**
   * Key persons the matcher's pool held at the recorded position whose
   * personal data was erased since: they can no longer be read, so the
   * ranking computed again leaves them out. 0 when none.
   */
  readonly erasedSince: number;
  /**
   * Those of `differences` that leaving out the key persons erased since does
   * not account for (see `compareRanking`); every difference when none was
   * erased. Empty when the ranking holds as far as the log still allows it
   * to be checked; anything here is what tampering would look like.
   */
  readonly unexplained: readonly RankingField[];
  /** Present whenever `equal` is false: what accounts for the differences, or that nothing does. */
  readonly reason?: string;
  /** The proposed key person's place in the ranking computed again, 1 for the best; null when not in it (infeasible). */
  readonly place: number | null;
  /** How many key persons passed every hard constraint. */
  readonly feasible: number;
  readonly considered: number;
  readonly excluded: ExclusionCounts;
  readonly bestAttainable: number;
  readonly shareOfBest: number | null;
  readonly alternatives: readonly Alternative[];
}

/**
 * Ranks the newcomer again against every key person as the matcher's pool
 * held them at the recorded log position: each key-person stream folded up to
 * that position with the domain's own `evolve`, the place reserved for this
 * very match not counted (taken after the scoring, or discounted by the
 * matcher when it scored a resumed proposal). The matching library's
 * brute-force `rank` gives what the matcher's index gives (a property test
 * holds the two equal), uncut; the matcher explained a ranking cut to a few
 * more than the candidates it tries, of which the alternatives, counts and
 * best attainable score do not depend on the cut. Key persons erased since
 * the recorded position (by the erasure events in their streams, nothing of
 * theirs decoded) are left out and counted, and the comparison says which
 * differences that accounts for. What it reads of the log is the key
 * persons' streams alone, through the store's index of streams where it has
 * one (`keyPersonEvents`).
 */
export async function reproduceRanking(
  store: EventStore, codec: EventCodec, proposal: { readonly matchId: string; readonly keyPersonId: string; readonly logPosition: number; readonly explanation: JsonObject },
  newcomer: MatchingNewcomer, policy: ScoringPolicy, scoredAt: string,
): Promise<RankingReproduction> {
  const erasedAfter = await keyPersonsErasedAfter(store, proposal.logPosition);
  const { keyPersons, erasedSince } = await keyPersonsAt(store, codec, proposal.logPosition, erasedAfter);
  const chosen = keyPersons.get(proposal.keyPersonId);
  if (chosen !== undefined) keyPersons.set(proposal.keyPersonId, withoutReservation(chosen, proposal.matchId));
  const candidates = [...keyPersons].map(([id, state]) => toCandidate(id, state)).filter((candidate): candidate is MatchingKeyPerson => candidate !== null);
  // Explanations recorded until 2026-11-30 computed the best attainable ignoring the newcomer's dates: held to that rule.
  const ranking = withBestAttainableAsRecorded(rank(newcomer, candidates, policy, scoredAt), proposal.explanation, newcomer, policy, scoredAt);
  const place = ranking.ranking.findIndex((candidate) => candidate.keyPersonId === proposal.keyPersonId);
  const explained = explain(ranking, proposal.keyPersonId);
  const reproduced = {
    considered: ranking.considered,
    excluded: ranking.excluded,
    bestAttainable: ranking.bestAttainable,
    shareOfBest: explained?.shareOfBest ?? null,
    alternatives: explained?.alternatives ?? [],
  };
  const comparison = compareRanking(proposal.explanation, explained === null ? null : reproduced, { count: erasedSince, ids: erasedAfter });
  return {
    equal: comparison.equal,
    differences: comparison.differences,
    erasedSince,
    unexplained: comparison.unexplained,
    ...(comparison.reason === undefined ? {} : { reason: comparison.reason }),
    place: place < 0 ? null : place + 1,
    feasible: ranking.ranking.length,
    ...reproduced,
  };
}

/** The key person's place for this match, if held, does not count against them: it was taken after the scoring. */
export function withoutReservation(state: KeyPersonState, matchId: string): KeyPersonState {
  return { ...state, reservations: state.reservations.filter((reservation) => reservation.matchId !== matchId) };
}

/**
 * Key-person events read, decoded and folded at a time. A page's events are
 * what a reproduction holds at once besides the states; at 5,000 they lived
 * long enough to be promoted out of V8's young generation, and collecting
 * them took 30% of a reproduction's CPU time on a 54,000-event log (13% at
 * 1,000; `bench/reads.bench.ts`).
 */
const PAGE = 1000;
const KEY_PERSON_PREFIX = `${KEY_PERSON_CATEGORY}-`;
const KEY_PERSON_ERASED: readonly KeyPersonErased['type'][] = ['KeyPersonErased'];

/**
 * The events of every key person's stream, at `upToPosition` or before, or
 * only those of `eventTypes`, page by page. Through the store's index of
 * streams where it has one (SQLite: the key persons' rows alone, however
 * long the rest of the log, and of those only the ones within the positions
 * asked); else the log filtered by stream prefix (EventStoreDB), which gives
 * the same events in log order: through `upToPosition`, or after
 * `afterPosition` for the types asked.
 */
async function* keyPersonEvents(
  store: EventStore, options: { readonly upToPosition: number } | { readonly eventTypes: readonly string[]; readonly afterPosition: number }, pageSize = PAGE,
): AsyncGenerator<RecordedEvent[]> {
  const upToPosition = 'upToPosition' in options ? options.upToPosition : undefined;
  const eventTypes = 'eventTypes' in options ? options.eventTypes : undefined;
  const afterPosition = 'afterPosition' in options ? options.afterPosition : undefined;
  if (isStreamPrefixReader(store)) {
    let after: StreamCursor | null = null;
    for (;;) {
      const page = await store.readStreamsByPrefix(KEY_PERSON_PREFIX, { after, limit: pageSize, afterPosition, upToPosition, eventTypes });
      yield page;
      if (page.length < pageSize) return;
      after = { streamId: page[page.length - 1].streamId, revision: page[page.length - 1].revision };
    }
  }
  let after = afterPosition ?? null;
  for (;;) {
    const page = await store.readAll({ after, limit: pageSize, filter: { streamPrefixes: [KEY_PERSON_PREFIX], ...(eventTypes === undefined ? {} : { eventTypes }) } });
    const within = upToPosition === undefined ? page : page.filter((event) => event.position <= upToPosition);
    yield within;
    if (page.length < pageSize || within.length < page.length) return;
    after = page[page.length - 1].position;
  }
}

/**
 * The key persons whose erasure their stream records after `position`, read
 * as stored (erasure events keep their ids in clear): where the erasure
 * command appends it, as the proposal's own two people's erasures are read.
 */
async function keyPersonsErasedAfter(store: EventStore, position: number): Promise<Set<string>> {
  const erased = new Set<string>();
  for await (const page of keyPersonEvents(store, { eventTypes: KEY_PERSON_ERASED, afterPosition: position })) {
    for (const event of page) {
      const erasure = erasureIn(event);
      if (erasure !== null) erased.add(erasure.subject.id);
    }
  }
  return erased;
}

/**
 * Every key person folded from the log up to `position`, as a pool that had
 * seen exactly that much; those erased after it are not decoded but counted.
 * Folded as the events arrive, a page at a time, with the domain's own
 * `evolve` (what `fold` reduces with, in the same order: a stream's events
 * come in revision order, whichever read gives them): what is held is a
 * state per key person and one page of events, never every key person's
 * events up to the position. Exported for its spec; `pageSize` only there.
 */
export async function keyPersonsAt(
  store: EventStore, codec: EventCodec, position: number, erasedAfter: ReadonlySet<string>, pageSize = PAGE,
): Promise<{ keyPersons: Map<string, KeyPersonState>; erasedSince: number }> {
  const keyPersons = new Map<string, KeyPersonState>();
  const erasedKnown = new Set<string>();
  for await (const page of keyPersonEvents(store, { upToPosition: position }, pageSize)) {
    // Not decoded at all: a data key this process may still have cached opens nothing of theirs.
    for (const event of page) if (erasedAfter.has(keyPersonIdOf(event))) erasedKnown.add(keyPersonIdOf(event));
    const kept = page.filter((event) => !erasedAfter.has(keyPersonIdOf(event)));
    for (const event of (await Promise.all(kept.map((recorded) => codec.decode(recorded)))).filter((decoded) => isReadable(codec, decoded))) {
      const id = keyPersonIdOf(event);
      keyPersons.set(id, keyPersonDecider.evolve(keyPersons.get(id) ?? keyPersonDecider.initialState(), toDomainEvent<KeyPersonEvent>(event)));
    }
  }
  return { keyPersons, erasedSince: erasedKnown.size };
}

const keyPersonIdOf = (event: RecordedEvent): string => event.streamId.slice(KEY_PERSON_CATEGORY.length + 1);
