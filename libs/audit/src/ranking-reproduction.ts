import { fold, isStructurallyEqual, KEY_PERSON_CATEGORY, KeyPersonEvent, keyPersonDecider, KeyPersonState } from '@sleutel/domain';
import { EventStore, JsonObject, RecordedEvent } from '@sleutel/event-store';
import { EventCodec, isReadable, toDomainEvent } from '@sleutel/eventsourcing';
import { toCandidate } from '@sleutel/matcher';
import { Alternative, explain, ExclusionCounts, MatchingKeyPerson, MatchingNewcomer, rank, ScoringPolicy } from '@sleutel/matching';

/** The parts of a stored explanation that come from the whole ranking, not from the chosen pair alone. */
const RANKING_FIELDS = ['considered', 'excluded', 'bestAttainable', 'shareOfBest', 'alternatives'] as const;

export interface RankingReproduction {
  /** Every one of `considered`, `excluded`, `bestAttainable`, `shareOfBest` and `alternatives` equals the stored one, bit for bit. */
  readonly equal: boolean;
  /** Those of the fields above that differ from the stored explanation; empty when equal. */
  readonly differences: readonly string[];
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
 * best attainable score do not depend on the cut.
 */
export async function reproduceRanking(
  store: EventStore, codec: EventCodec, proposal: { readonly matchId: string; readonly keyPersonId: string; readonly logPosition: number; readonly explanation: JsonObject },
  newcomer: MatchingNewcomer, policy: ScoringPolicy, scoredAt: string,
): Promise<RankingReproduction> {
  const keyPersons = await keyPersonsAt(store, codec, proposal.logPosition);
  const chosen = keyPersons.get(proposal.keyPersonId);
  if (chosen !== undefined) keyPersons.set(proposal.keyPersonId, withoutReservation(chosen, proposal.matchId));
  const candidates = [...keyPersons].map(([id, state]) => toCandidate(id, state)).filter((candidate): candidate is MatchingKeyPerson => candidate !== null);
  const ranking = rank(newcomer, candidates, policy, scoredAt);
  const place = ranking.ranking.findIndex((candidate) => candidate.keyPersonId === proposal.keyPersonId);
  const explained = explain(ranking, proposal.keyPersonId);
  const reproduced = {
    considered: ranking.considered,
    excluded: ranking.excluded,
    bestAttainable: ranking.bestAttainable,
    shareOfBest: explained?.shareOfBest ?? null,
    alternatives: explained?.alternatives ?? [],
  };
  const differences = RANKING_FIELDS.filter((field) => explained === null || !isStructurallyEqual(reproduced[field], proposal.explanation[field]));
  return { equal: differences.length === 0, differences, place: place < 0 ? null : place + 1, feasible: ranking.ranking.length, ...reproduced };
}

/** The key person's place for this match, if held, does not count against them: it was taken after the scoring. */
export function withoutReservation(state: KeyPersonState, matchId: string): KeyPersonState {
  return { ...state, reservations: state.reservations.filter((reservation) => reservation.matchId !== matchId) };
}

/** Every key person folded from the log up to `position`, as a pool that had seen exactly that much. */
async function keyPersonsAt(store: EventStore, codec: EventCodec, position: number): Promise<Map<string, KeyPersonState>> {
  const streams = new Map<string, KeyPersonEvent[]>();
  const pageSize = 5000;
  let after: number | null = null;
  for (;;) {
    const page: RecordedEvent[] = await store.readAll({ after, limit: pageSize, filter: { streamPrefixes: [`${KEY_PERSON_CATEGORY}-`] } });
    const within = page.filter((event) => event.position <= position);
    for (const event of (await Promise.all(within.map((recorded) => codec.decode(recorded)))).filter((decoded) => isReadable(codec, decoded))) {
      const id = event.streamId.slice(KEY_PERSON_CATEGORY.length + 1);
      const events = streams.get(id) ?? [];
      events.push(toDomainEvent<KeyPersonEvent>(event));
      streams.set(id, events);
    }
    if (page.length < pageSize || within.length < page.length) break;
    after = page[page.length - 1].position;
  }
  return new Map([...streams].map(([id, events]) => [id, fold(keyPersonDecider, events)]));
}
