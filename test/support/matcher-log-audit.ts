import {
  fold, isOpen, KEY_PERSON_CATEGORY, KeyPersonEvent, keyPersonDecider, KeyPersonState, MATCH_CATEGORY, Match, MatchEvent, matchDecider, MatchState,
  NEWCOMER_CATEGORY, NewcomerEvent, newcomerDecider, NewcomerState, parseStreamName,
} from '@sleutel/domain';
import { RecordedEvent } from '@sleutel/event-store';

/**
 * The whole log folded with the domain's own deciders, and the invariants of
 * SPEC §4 checked on it, each violation named by the subject that breaks it.
 * Used once the matcher is quiet: in between, a worker may be between its
 * steps and a settle job not yet run, which the checks below would flag.
 */
export interface LogAudit {
  readonly events: number;
  readonly newcomers: ReadonlyMap<string, NewcomerState>;
  readonly keyPersons: ReadonlyMap<string, KeyPersonState>;
  readonly matches: ReadonlyMap<string, Match>;
  /** Streams `match-<id>` that exist but hold no proposal (should not happen: a match stream starts with MatchProposed). */
  readonly unproposedMatchStreams: readonly string[];
  /** Streams the domain's own `evolve` refuses to fold (e.g. a second reservation while one is open). */
  readonly corruptStreams: readonly string[];
  readonly proposals: number;
  readonly deferralEvents: number;
  /** Newcomer id → ids of match streams for them that are open now. */
  readonly openMatchesByNewcomer: ReadonlyMap<string, readonly string[]>;
  readonly openMatchesByKeyPerson: ReadonlyMap<string, readonly string[]>;
  readonly violations: {
    readonly capacity: string[];
    readonly openMatchesPerKeyPerson: string[];
    readonly openMatchesPerNewcomer: string[];
    readonly newcomerDisagrees: string[];
    readonly uncovered: string[];
    readonly duplicateProposals: string[];
    readonly duplicateEventIds: string[];
    readonly duplicatePairs: string[];
    readonly danglingNewcomerReservations: string[];
    readonly danglingCapacityReservations: string[];
    readonly openMatchWithoutCapacity: string[];
  };
}

export function auditLog(log: readonly RecordedEvent[]): LogAudit {
  const streams = new Map<string, RecordedEvent[]>();
  const eventIds = new Map<string, number>();
  for (const event of log) {
    let stream = streams.get(event.streamId);
    if (!stream) streams.set(event.streamId, (stream = []));
    stream.push(event);
    eventIds.set(event.id, (eventIds.get(event.id) ?? 0) + 1);
  }

  const newcomers = new Map<string, NewcomerState>();
  const keyPersons = new Map<string, KeyPersonState>();
  const matches = new Map<string, Match>();
  const unproposedMatchStreams: string[] = [];
  const corruptStreams: string[] = [];
  for (const [streamId, events] of streams) {
    const parsed = parseStreamName(streamId);
    if (parsed === null) continue;
    const domainEvents = events.map(({ type, data }) => ({ type, data }));
    try {
      if (parsed.category === NEWCOMER_CATEGORY) newcomers.set(parsed.id, fold(newcomerDecider, domainEvents as unknown as NewcomerEvent[]));
      else if (parsed.category === KEY_PERSON_CATEGORY) keyPersons.set(parsed.id, fold(keyPersonDecider, domainEvents as unknown as KeyPersonEvent[]));
      else if (parsed.category === MATCH_CATEGORY) {
        const state: MatchState = fold(matchDecider, domainEvents as unknown as MatchEvent[]);
        if (state.status === 'unproposed') unproposedMatchStreams.push(parsed.id);
        else matches.set(parsed.id, state);
      }
    } catch (error) {
      corruptStreams.push(`${streamId}: ${error instanceof Error ? error.message : String(error)} (${events.map((event) => event.type).join(' → ')})`);
    }
  }

  const openMatchesByNewcomer = new Map<string, string[]>();
  const openMatchesByKeyPerson = new Map<string, string[]>();
  for (const [matchId, match] of matches) {
    if (!isOpen(match.status)) continue;
    push(openMatchesByNewcomer, match.newcomerId, matchId);
    push(openMatchesByKeyPerson, match.keyPersonId, matchId);
  }

  const capacity: string[] = [];
  const openMatchesPerKeyPerson: string[] = [];
  const danglingCapacityReservations: string[] = [];
  const openMatchWithoutCapacity: string[] = [];
  for (const [id, keyPerson] of keyPersons) {
    const limit = keyPerson.profile?.capacity ?? 0;
    const held = keyPerson.reservations.length;
    if (held > limit) {
      capacity.push(`key person ${id}: ${held} reservations over capacity ${limit} (matches ${keyPerson.reservations.map((r) => r.matchId).join(', ')})`);
    }
    const open = openMatchesByKeyPerson.get(id) ?? [];
    if (open.length > limit) openMatchesPerKeyPerson.push(`key person ${id}: ${open.length} open matches over capacity ${limit} (${open.join(', ')})`);
    for (const reservation of keyPerson.reservations) {
      const match = matches.get(reservation.matchId);
      if (!match || !isOpen(match.status)) {
        danglingCapacityReservations.push(
          `key person ${id} holds a place for match ${reservation.matchId} (newcomer ${reservation.newcomerId}) whose stream is ${match ? match.status : 'empty'}`,
        );
      }
    }
    for (const matchId of open) {
      if (!keyPerson.reservations.some((reservation) => reservation.matchId === matchId)) {
        openMatchWithoutCapacity.push(`open match ${matchId} of key person ${id} holds no place in the key person's capacity`);
      }
    }
  }
  for (const [keyPersonId, open] of openMatchesByKeyPerson) {
    if (!keyPersons.has(keyPersonId)) openMatchWithoutCapacity.push(`open matches ${open.join(', ')} name key person ${keyPersonId}, who has no stream`);
  }

  const openMatchesPerNewcomer: string[] = [];
  const newcomerDisagrees: string[] = [];
  const uncovered: string[] = [];
  const danglingNewcomerReservations: string[] = [];
  for (const [id, newcomer] of newcomers) {
    const open = openMatchesByNewcomer.get(id) ?? [];
    if (open.length > 1) {
      openMatchesPerNewcomer.push(`newcomer ${id}: ${open.length} open matches (${open.map((m) => `${m} with ${matches.get(m)!.keyPersonId} ${matches.get(m)!.status}`).join(', ')})`);
    }
    const held = newcomer.openMatch;
    const heldMatch = held ? matches.get(held.matchId) : undefined;
    if (held && !heldMatch) {
      danglingNewcomerReservations.push(`newcomer ${id} is reserved for match ${held.matchId} with key person ${held.keyPersonId} (since ${held.reservedAt}) but nothing was proposed`);
    } else if (held && heldMatch && !isOpen(heldMatch.status)) {
      newcomerDisagrees.push(`newcomer ${id} still holds match ${held.matchId}, which is ${heldMatch.status}`);
    }
    for (const matchId of open) {
      if (held?.matchId !== matchId) newcomerDisagrees.push(`newcomer ${id}: match ${matchId} is open but the newcomer holds ${held ? held.matchId : 'none'}`);
    }
    const proposed = held !== null && heldMatch !== undefined && isOpen(heldMatch.status);
    // lastDeferral is cleared by every reservation, so set and no match held means: deferred after the last release.
    const deferred = held === null && newcomer.lastDeferral !== null;
    if (newcomer.status === 'active' && !proposed && !deferred) {
      const events = streams.get(`${NEWCOMER_CATEGORY}-${id}`)!.map((event) => event.type).join(' → ');
      uncovered.push(`newcomer ${id} has neither an open proposal nor a recorded reason (${events})`);
    }
  }

  const duplicateProposals: string[] = [];
  const duplicatePairs: string[] = [];
  const proposalsByMatch = new Map<string, number>();
  const pairs = new Map<string, string[]>();
  let proposals = 0;
  let deferralEvents = 0;
  for (const event of log) {
    if (event.type === 'NewcomerMatchingDeferred') deferralEvents++;
    if (event.type !== 'MatchProposed') continue;
    proposals++;
    const { matchId, newcomerId, keyPersonId } = event.data as { matchId: string; newcomerId: string; keyPersonId: string };
    proposalsByMatch.set(matchId, (proposalsByMatch.get(matchId) ?? 0) + 1);
    // A second MatchProposed on the same stream is reported as a duplicate proposal above; here, distinct matches of one pair.
    if (!pairs.get(`${newcomerId}|${keyPersonId}`)?.includes(matchId)) push(pairs, `${newcomerId}|${keyPersonId}`, matchId);
  }
  for (const [matchId, count] of proposalsByMatch) if (count > 1) duplicateProposals.push(`match ${matchId}: ${count} MatchProposed events`);
  for (const [pair, matchIds] of pairs) {
    if (matchIds.length < 2) continue;
    const [newcomerId, keyPersonId] = pair.split('|');
    const fates = matchIds.map((matchId) => `${matchId} ${matches.get(matchId)?.status ?? '?'}${describeClosing(matches.get(matchId))}`);
    duplicatePairs.push(`newcomer ${newcomerId} and key person ${keyPersonId} proposed ${matchIds.length} times: ${fates.join('; ')}`);
  }
  const duplicateEventIds = [...eventIds].filter(([, count]) => count > 1).map(([id, count]) => `event id ${id} appears ${count} times`);

  return {
    events: log.length,
    newcomers,
    keyPersons,
    matches,
    unproposedMatchStreams,
    corruptStreams,
    proposals,
    deferralEvents,
    openMatchesByNewcomer,
    openMatchesByKeyPerson,
    violations: {
      capacity, openMatchesPerKeyPerson, openMatchesPerNewcomer, newcomerDisagrees, uncovered, duplicateProposals, duplicateEventIds, duplicatePairs,
      danglingNewcomerReservations, danglingCapacityReservations, openMatchWithoutCapacity,
    },
  };
}

function describeClosing(match: Match | undefined): string {
  if (!match?.closing) return '';
  return 'reason' in match.closing ? ` (${match.closing.reason})` : '';
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
