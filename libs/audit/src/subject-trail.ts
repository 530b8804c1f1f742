import { keyPersonStream, matchStream, newcomerStream } from '@sleutel/domain';
import { EventStore, RecordedEvent } from '@sleutel/event-store';
import { AuditEvent, toAuditEvent } from './audit-event';
import { streamOf, TrailKind } from './audit-subject';

export interface TrailEntry extends AuditEvent {
  /** Why this event is in the trail: the subject's own stream, or another stream naming it. */
  readonly relation: 'own' | 'names-subject';
}

export interface SubjectTrail {
  readonly kind: TrailKind;
  readonly id: string;
  readonly streamId: string;
  readonly events: readonly TrailEntry[];
}

type Ids = { newcomerId?: unknown; keyPersonId?: unknown; matchId?: unknown };

/**
 * Every event that concerns one subject (SPEC §6): its own stream, and the
 * events of other streams that name it — the match streams of every match it
 * took part in, and the other party's reservation and release of that match.
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
  const events = [...own.map((event) => entry(event, 'own')), ...related.map((event) => entry(event, 'names-subject'))]
    .filter((event) => (seen.has(event.id) ? false : (seen.add(event.id), true)))
    .sort((a, b) => a.position - b.position);
  return { kind, id, streamId, events };
}

/** For a newcomer or key person: each match's stream, and the other party's events about that match. */
async function matchEvents(store: EventStore, kind: TrailKind, id: string, own: readonly RecordedEvent[]): Promise<RecordedEvent[]> {
  const matches = new Map<string, string | null>();
  for (const event of own) {
    const data = event.data as Ids;
    if (typeof data.matchId !== 'string') continue;
    const other = kind === 'newcomers' ? data.keyPersonId : data.newcomerId;
    matches.set(data.matchId, typeof other === 'string' ? other : matches.get(data.matchId) ?? null);
  }
  const related: RecordedEvent[] = [];
  for (const [matchId, otherId] of matches) {
    related.push(...(await store.readStream(matchStream(matchId))));
    if (otherId === null) continue;
    const otherStream = kind === 'newcomers' ? keyPersonStream(otherId) : newcomerStream(otherId);
    related.push(...(await store.readStream(otherStream)).filter((event) => (event.data as Ids).matchId === matchId));
  }
  return related;
}

/** For a match: both parties' events that name it (reservations, releases). */
async function matchParticipantsEvents(store: EventStore, matchId: string, own: readonly RecordedEvent[]): Promise<RecordedEvent[]> {
  const { newcomerId, keyPersonId } = own[0].data as Ids;
  const related: RecordedEvent[] = [];
  if (typeof newcomerId === 'string') related.push(...(await store.readStream(newcomerStream(newcomerId))));
  if (typeof keyPersonId === 'string') related.push(...(await store.readStream(keyPersonStream(keyPersonId))));
  return related.filter((event) => (event.data as Ids).matchId === matchId);
}

function entry(event: RecordedEvent, relation: TrailEntry['relation']): TrailEntry {
  return { ...toAuditEvent(event), relation };
}
