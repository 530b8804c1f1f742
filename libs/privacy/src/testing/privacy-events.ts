import { EventMetadata, JsonObject, NewEvent, RecordedEvent } from '@sleutel/event-store';
import { randomUUID } from 'node:crypto';
import { DataSubject } from '../data-subject';

/** The metadata the command runner writes, for one subject (or none). */
export function metadataFor(subject: { type: string; id: string } | null): EventMetadata {
  return {
    actor: { id: 'worker-1', role: 'intake' },
    command: 'RegisterNewcomer',
    correlationId: 'correlation-1',
    causationId: 'request-1',
    occurredAt: '2026-11-30T09:15:00.000Z',
    source: 'api',
    ...(subject === null ? {} : { subject }),
  };
}

export function eventFor(subject: { type: string; id: string } | null, data: JsonObject, type = 'NewcomerRegistered'): NewEvent {
  return { id: randomUUID(), type, schemaVersion: 1, data, metadata: metadataFor(subject) };
}

/** The event as the store hands it back: through JSON, in the subject's stream. */
export function recorded(event: NewEvent, streamId: string = streamOf(event)): RecordedEvent {
  const stored = JSON.parse(JSON.stringify(event)) as NewEvent;
  return { ...stored, streamId, revision: 0, position: 1, chain: { previousHash: null, hash: 'h' } };
}

const streamOf = (event: NewEvent): string => {
  const subject = event.metadata.subject;
  return subject === undefined ? 'scoring-policy' : `${subject.type}-${subject.id}`;
};

export const newcomerSubject = (id: string = randomUUID()): DataSubject => ({ type: 'newcomer', id });
export const keyPersonSubject = (id: string = randomUUID()): DataSubject => ({ type: 'key-person', id });
