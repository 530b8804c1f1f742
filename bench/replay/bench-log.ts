/**
 * A realistic log of a given size, written quickly: straight through the
 * SQLite store (so every event is enveloped, serialised and hash-chained like
 * a real one), one append per stream story, with fsync off while generating.
 * Per newcomer: registration, a notes change, a deferral, a reservation, the
 * key person's capacity reservation and a proposal (with a full explanation)
 * that is approved and accepted by both; key persons are registered first
 * and change languages and capacity once.
 */
import { derivedId } from '@sleutel/domain';
import { EventMetadata, NewEvent, NO_STREAM, SqliteEventStore } from '@sleutel/event-store';
import { generateKeyPerson, generateNewcomer } from '@sleutel/seed';

const PROFILES = 500;
const KEY_PERSON_EVENTS = 3;
const NEWCOMER_STORY_EVENTS = 10;

export async function writeBenchLog(store: SqliteEventStore, events: number): Promise<number> {
  store.database.pragma('synchronous = OFF');
  const keyPersons = Math.max(1, Math.round(events / 40));
  const newcomers = Math.ceil((events - keyPersons * KEY_PERSON_EVENTS) / NEWCOMER_STORY_EVENTS);
  const keyProfiles = Array.from({ length: PROFILES }, (_, index) => generateKeyPerson('bench', index).profile);
  const newcomerProfiles = Array.from({ length: PROFILES }, (_, index) => generateNewcomer('bench', index).profile);
  const keyPersonIds = Array.from({ length: keyPersons }, (_, index) => derivedId(`bench|key-person|${index}`));
  const revisions = new Map<string, number>();
  let written = 0;
  const append = async (stream: string, batch: NewEvent[]) => {
    const current = revisions.get(stream);
    await store.append(stream, batch, current === undefined ? NO_STREAM : current);
    revisions.set(stream, (current ?? -1) + batch.length);
    written += batch.length;
  };
  let sequence = 0;
  const event = (type: string, data: Record<string, unknown>, command: string, actor: EventMetadata['actor'], subject?: { type: string; id: string }): NewEvent => ({
    id: derivedId(`bench|event|${sequence++}`),
    type,
    schemaVersion: 1,
    data: data as NewEvent['data'],
    metadata: {
      actor, command, correlationId: derivedId(`bench|correlation|${sequence >> 3}`), causationId: `request:${sequence}`,
      occurredAt: new Date(Date.UTC(2026, 0, 1) + sequence * 1000).toISOString(), source: actor.role === 'system' ? 'worker' : 'api',
      ...(subject ? { subject } : {}),
    },
  });
  const coordinator = { id: 'coordinator-1', role: 'coordinator' };
  const intake = { id: 'intake-1', role: 'intake' };
  const worker = { id: 'matcher', role: 'system' };

  for (const [index, id] of keyPersonIds.entries()) {
    const profile = keyProfiles[index % PROFILES];
    const subject = { type: 'key-person', id };
    await append(`key-person-${id}`, [
      event('KeyPersonRegistered', { keyPersonId: id, registeredAt: '2026-01-01T00:00:00.000Z', profile }, 'RegisterKeyPerson', coordinator, subject),
      event('KeyPersonLanguagesChanged', { keyPersonId: id, languages: profile.languages }, 'ChangeKeyPersonLanguages', coordinator, subject),
      event('KeyPersonCapacityChanged', { keyPersonId: id, capacity: 20 }, 'ChangeKeyPersonCapacity', coordinator, subject),
    ]);
  }
  for (let index = 0; index < newcomers && written < events; index++) {
    const id = derivedId(`bench|newcomer|${index}`);
    const matchId = derivedId(`bench|match|${index}`);
    const keyPersonId = keyPersonIds[index % keyPersons];
    const profile = newcomerProfiles[index % PROFILES];
    const subject = { type: 'newcomer', id };
    const ids = { matchId, newcomerId: id, keyPersonId };
    await append(`newcomer-${id}`, [
      event('NewcomerRegistered', { newcomerId: id, registeredAt: '2026-01-02T00:00:00.000Z', profile }, 'RegisterNewcomer', intake, subject),
      event('NewcomerNotesChanged', { newcomerId: id, notes: 'Prefers mornings.' }, 'ChangeNewcomerNotes', intake, subject),
      event('NewcomerMatchingDeferred', { newcomerId: id, policyVersion: 1, considered: 40, excluded: { 'no-shared-language': 31 }, deferredAt: '2026-01-02T00:00:00.000Z' }, 'RecordNewcomerUnmatched', worker, subject),
      event('NewcomerMatchReserved', { newcomerId: id, matchId, keyPersonId, reservedAt: '2026-01-03T00:00:00.000Z' }, 'ReserveNewcomerForMatch', worker, subject),
    ].slice(0, events - written));
    if (written >= events) break;
    await append(`key-person-${keyPersonId}`, [
      event('KeyPersonCapacityReserved', { keyPersonId, matchId, newcomerId: id, reservedAt: '2026-01-03T00:00:00.000Z' }, 'ReserveKeyPersonCapacity', worker, { type: 'key-person', id: keyPersonId }),
    ]);
    const match = { type: 'match', id: matchId };
    await append(`match-${matchId}`, [
      event('MatchProposed', { ...ids, score: 0.8125, policyVersion: 1, logPosition: written, expiresAt: '2026-01-10T00:00:00.000Z', explanation: EXPLANATION, proposedAt: '2026-01-03T00:00:00.000Z' }, 'ProposeMatch', worker, match),
      event('MatchApproved', { ...ids, approvedBy: 'coordinator-1', expiresAt: '2026-01-17T00:00:00.000Z', approvedAt: '2026-01-04T00:00:00.000Z' }, 'ApproveMatch', coordinator, match),
      event('MatchPartyAccepted', { ...ids, party: 'newcomer', acceptedAt: '2026-01-05T00:00:00.000Z' }, 'AcceptMatch', coordinator, match),
      event('MatchPartyAccepted', { ...ids, party: 'key-person', acceptedAt: '2026-01-05T00:00:00.000Z' }, 'AcceptMatch', coordinator, match),
      event('MatchAccepted', { ...ids, acceptedAt: '2026-01-05T00:00:00.000Z' }, 'AcceptMatch', coordinator, match),
    ].slice(0, events - written));
  }
  store.database.pragma('synchronous = FULL');
  return written;
}

const EXPLANATION = {
  keyPersonId: '7d4e1c2a-9b3f-4e8d-a6c5-1f2e3d4c5b6a',
  components: [
    { name: 'language', raw: { value: 1, newcomerLevel: 'native', keyPersonLevel: 'native', code: 'apc' }, weight: 30, contribution: 0.3 },
    { name: 'expertise', raw: { value: 0.5, covered: ['health'], missing: ['housing'] }, weight: 25, contribution: 0.125 },
    { name: 'availability', raw: { value: 0.75, overlapMinutes: 180, waived: false }, weight: 15, contribution: 0.1125 },
    { name: 'proximity', raw: { value: 0.9, km: 2.5 }, weight: 15, contribution: 0.135 },
    { name: 'load', raw: { value: 1, load: 0, capacity: 3 }, weight: 5, contribution: 0.05 },
    { name: 'waiting', raw: { value: 0.01, days: 1 }, weight: 10, contribution: 0.001 },
  ],
  score: 0.8125, shareOfBest: 0.87, bestAttainable: 0.93, policyVersion: 1, considered: 40,
  excluded: { 'no-shared-language': 31, 'no-availability-overlap': 4 },
  alternatives: [{ keyPersonId: '5c4b3a29-1807-4f6e-9d5c-4b3a29180706', score: 0.71, gap: 0.1025 }],
};
