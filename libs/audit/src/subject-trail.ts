import { keyPersonStream, matchStream, newcomerStream } from '@sleutel/domain';
import { EventStore, RecordedEvent } from '@sleutel/event-store';
import { AuditEvent, toAuditEvent } from './audit-event';
import { streamOf, TrailKind } from './audit-subject';

export interface TrailEntry extends AuditEvent {
  /**
   * Why this event is in the trail: the subject's own stream, another stream's event naming it, or another
   * stream's event that caused one in the trail without naming it (a key person's retirement that withdrew
   * the match).
   */
  readonly relation: 'own' | 'names-subject' | 'cause';
}

export interface SubjectTrail {
  readonly kind: TrailKind;
  readonly id: string;
  readonly streamId: string;
  readonly events: readonly TrailEntry[];
}

type Ids = { newcomerId?: unknown; keyPersonId?: unknown; matchId?: unknown; openMatchId?: unknown };

/** Whether an event names the match: its own, a reservation or release of it, or a withdrawal or erasure that ended it. */
const namesMatch = (event: RecordedEvent, matchId: string): boolean => {
  const data = event.data as Ids;
  return data.matchId === matchId || data.openMatchId === matchId;
};

/** The ids of the events that caused these (an API request's causation id names no event, and matches none). */
const causesOf = (events: readonly RecordedEvent[]): Set<string> => new Set(events.map((event) => event.metadata.causationId));

/**
 * Every event that concerns one subject (SPEC §6): its own stream, and the
 * events of other streams that name it — the match streams of every match it
 * took part in, and the other party's reservation and release of that match,
 * and the other party's event that ended it (a withdrawal or erasure naming
 * it, or a retirement that caused its withdrawal without naming it).
 * Found from the streams themselves, never from a read model, so the trail
 * does not depend on anything derived: a newcomer's stream names every match
 * it was reserved for, a key person's every match it gave a place to, and a
 * match's first event both parties.
 *
 * In log order, which is causal order: an event is appended only after the
 * command that caused it was decided on the events before it, so every cause
 * sits at a lower position than its effects. `causationId` and
 * `correlationId` in each event's metadata give the links themselves.
 * Null when the subject's own stream does not exist.
 */
export async function subjectTrail(store: EventStore, kind: TrailKind, id: string): Promise<SubjectTrail | null> {
  const streamId = streamOf(kind, id);
  const own = await store.readStream(streamId);
  if (own.length === 0) return null;
  const related = kind === 'matches' ? await matchParticipantsEvents(store, id, own) : await matchEvents(store, kind, id, own);
  const seen = new Set<string>();
  const events = [...own.map((event) => entry(event, 'own')), ...related.map(({ event, relation }) => entry(event, relation))]
    .filter((event) => (seen.has(event.id) ? false : (seen.add(event.id), true)))
    .sort((a, b) => a.position - b.position);
  return { kind, id, streamId, events };
}

type Related = { readonly event: RecordedEvent; readonly relation: 'names-subject' | 'cause' };

/**
 * For a newcomer or key person: each match's stream, and the other party's events about that match or that
 * caused an event of its stream (the newcomer's withdrawal, the key person's retirement).
 */
async function matchEvents(store: EventStore, kind: TrailKind, id: string, own: readonly RecordedEvent[]): Promise<Related[]> {
  const matches = new Map<string, string | null>();
  for (const event of own) {
    const data = event.data as Ids;
    if (typeof data.matchId !== 'string') continue;
    const other = kind === 'newcomers' ? data.keyPersonId : data.newcomerId;
    matches.set(data.matchId, typeof other === 'string' ? other : matches.get(data.matchId) ?? null);
  }
  const related: Related[] = [];
  for (const [matchId, otherId] of matches) {
    const match = await store.readStream(matchStream(matchId));
    related.push(...match.map((event) => ({ event, relation: 'names-subject' as const })));
    if (otherId === null) continue;
    const otherStream = kind === 'newcomers' ? keyPersonStream(otherId) : newcomerStream(otherId);
    related.push(...aboutMatch(await store.readStream(otherStream), matchId, causesOf(match)));
  }
  return related;
}

/** For a match: both parties' events that name it (reservations, releases, a withdrawal) or caused one of its events. */
async function matchParticipantsEvents(store: EventStore, matchId: string, own: readonly RecordedEvent[]): Promise<Related[]> {
  const { newcomerId, keyPersonId } = own[0].data as Ids;
  const causes = causesOf(own);
  const related: Related[] = [];
  if (typeof newcomerId === 'string') related.push(...aboutMatch(await store.readStream(newcomerStream(newcomerId)), matchId, causes));
  if (typeof keyPersonId === 'string') related.push(...aboutMatch(await store.readStream(keyPersonStream(keyPersonId)), matchId, causes));
  return related;
}

function aboutMatch(events: readonly RecordedEvent[], matchId: string, causes: ReadonlySet<string>): Related[] {
  return events.flatMap((event): Related[] => {
    if (namesMatch(event, matchId)) return [{ event, relation: 'names-subject' }];
    return causes.has(event.id) ? [{ event, relation: 'cause' }] : [];
  });
}

function entry(event: RecordedEvent, relation: TrailEntry['relation']): TrailEntry {
  return { ...toAuditEvent(event), relation };
}
