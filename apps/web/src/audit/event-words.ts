import type { TFunction } from 'i18next';
import type { AuditEvent, TrailEvent } from './audit.types';
import { subjectOfStream, TrailKind } from './subjects';

type AuditT = TFunction<'audit'>;

/** An event type in words (`MatchProposed` → "Proposal made"); a type this console does not know shows as stored. */
export function eventTypeWords(t: AuditT, type: string): string {
  return t(`eventTypes.${type}`, { defaultValue: type });
}

/** Who did it, in words: "intake-7 (intake)", the matcher as "matcher (system)". */
export function actorWords(t: AuditT, event: AuditEvent): string {
  const { actor } = event.metadata;
  return t('event.actor', { id: actor.id, role: t(`roles.${actor.role}`, { defaultValue: actor.role }) });
}

export function sourceWords(t: AuditT, source: string): string {
  return t(`sources.${source}`, { defaultValue: source });
}

export type RelationReason = 'own' | 'match' | 'otherParty' | 'party';

/**
 * Why an event is in a subject's trail: the subject's own stream, a match it
 * took part in, or the other party's booking about that match (for a match's
 * trail: a party's own event about it).
 */
export function relationReason(event: TrailEvent, trailKind: TrailKind): RelationReason {
  if (event.relation === 'own') return 'own';
  if (subjectOfStream(event.streamId)?.kind === 'matches') return 'match';
  return trailKind === 'matches' ? 'party' : 'otherParty';
}

/** Everything a text search over an event should find: words, type, actor, command, ids and data. */
export function searchableText(t: AuditT, event: AuditEvent): string {
  const { metadata } = event;
  return [
    eventTypeWords(t, event.type),
    event.type,
    event.streamId,
    event.id,
    metadata.actor.id,
    metadata.actor.role,
    metadata.command,
    metadata.correlationId,
    metadata.causationId,
    metadata.source,
    JSON.stringify(event.data),
  ]
    .join('\n')
    .toLowerCase();
}
