import { randomUUID } from 'node:crypto';
import { JsonObject, NewEvent } from '../event-envelope';

/**
 * Events for tests and benchmarks, shaped like the real thing: full envelope
 * metadata and a data payload of a few hundred bytes.
 */
export function sampleEvent(type = 'SampleRecorded', data: JsonObject = sampleData(), id: string = randomUUID()): NewEvent {
  const causationId = randomUUID();
  return {
    id,
    type,
    schemaVersion: 1,
    data,
    metadata: {
      actor: { id: 'coordinator-7f3c', role: 'coordinator' },
      command: 'RecordSample',
      correlationId: causationId,
      causationId,
      occurredAt: '2025-03-14T09:26:53.589Z',
      source: 'api',
      subject: { type: 'newcomer', id: 'a3f1c2d4-5b6e-4f70-8a9b-0c1d2e3f4a5b' },
    },
  };
}

export function sampleEvents(count: number, type = 'SampleRecorded'): NewEvent[] {
  return Array.from({ length: count }, (_, index) => sampleEvent(type, sampleData(index)));
}

/** About 300 bytes of JSON: together with the metadata an event serialises to roughly 600 bytes. */
export function sampleData(index = 0): JsonObject {
  return {
    newcomerId: 'a3f1c2d4-5b6e-4f70-8a9b-0c1d2e3f4a5b',
    sequence: index,
    displayName: 'Amina Yusuf',
    languages: ['ar', 'en', 'nl'],
    municipality: 'GM0363',
    interests: ['cooking', 'football', 'language-cafe'],
    availability: { weekdays: ['tue', 'thu'], evenings: true },
    notes: 'Prefers meeting near the library; arrived in the region last spring.',
  };
}

/** A stream category no other test uses, so tests can share one live server. */
export function uniqueCategory(): string {
  return `c${randomUUID().replace(/-/g, '')}`;
}
