import { fold, KEY_PERSON_CATEGORY, KeyPersonEvent, keyPersonDecider, KeyPersonState } from '@sleutel/domain';
import { EventStore, JsonObject, RecordedEvent } from '@sleutel/event-store';
import { EventCodec, isReadable, toDomainEvent } from '@sleutel/eventsourcing';
import { toCandidate } from '@sleutel/matcher';
import { Alternative, explain, ExclusionCounts, MatchingKeyPerson, MatchingNewcomer, rank, ScoringPolicy, withBestAttainableAsRecorded } from '@sleutel/matching';
import { keyPersonsErasedAfter } from './erasures-in-log';
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
 * the recorded position (by the log's erasure events, nothing of theirs
 * decoded) are left out and counted, and the comparison says which
 * differences that accounts for.
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
 * Every key person folded from the log up to `position`, as a pool that had
 * seen exactly that much; those erased after it are not decoded but counted.
 */
async function keyPersonsAt(
  store: EventStore, codec: EventCodec, position: number, erasedAfter: ReadonlySet<string>,
): Promise<{ keyPersons: Map<string, KeyPersonState>; erasedSince: number }> {
  const streams = new Map<string, KeyPersonEvent[]>();
  const erasedKnown = new Set<string>();
  const pageSize = 5000;
  let after: number | null = null;
  for (;;) {
    const page: RecordedEvent[] = await store.readAll({ after, limit: pageSize, filter: { streamPrefixes: [`${KEY_PERSON_CATEGORY}-`] } });
    const within = page.filter((event) => event.position <= position);
    // Not decoded at all: a data key this process may still have cached opens nothing of theirs.
    const erased = within.filter((event) => erasedAfter.has(keyPersonIdOf(event)));
    for (const event of erased) erasedKnown.add(keyPersonIdOf(event));
    const kept = within.filter((event) => !erasedAfter.has(keyPersonIdOf(event)));
    for (const event of (await Promise.all(kept.map((recorded) => codec.decode(recorded)))).filter((decoded) => isReadable(codec, decoded))) {
      const id = keyPersonIdOf(event);
      const events = streams.get(id) ?? [];
      events.push(toDomainEvent<KeyPersonEvent>(event));
      streams.set(id, events);
    }
    if (page.length < pageSize || within.length < page.length) break;
    after = page[page.length - 1].position;
  }
  return { keyPersons: new Map([...streams].map(([id, events]) => [id, fold(keyPersonDecider, events)])), erasedSince: erasedKnown.size };
}

const keyPersonIdOf = (event: RecordedEvent): string => event.streamId.slice(KEY_PERSON_CATEGORY.length + 1);
