/**
 * Test fixtures: a Tigrinya-speaking newcomer free on Tuesday evenings and a
 * key person who fits her, so that any number of each pair up feasibly; and
 * the command context the specs write with.
 */
import { randomUUID } from 'node:crypto';
import { CommandContext } from '@sleutel/eventsourcing';
import { amalInput } from '../../../domain/src/newcomer/newcomer.fixtures';
import { yonasInput } from '../../../domain/src/key-person/key-person.fixtures';

export const fittingNewcomerProfile = {
  ...amalInput,
  languages: [{ code: 'tir', level: 'native' as const }],
  origin: { country: 'ER' },
  availability: { slots: [{ day: 'tue' as const, start: '18:00', end: '21:00' }] },
  preferences: { keyPersonGender: 'any' as const, genderRequired: false, sameOrigin: 'no-preference' as const, remoteOk: false },
};

/** Yonas with one place. */
export const fittingKeyPersonProfile = { ...yonasInput, capacity: 1 };

export const testContext = (): CommandContext => ({
  actor: { id: 'test', role: 'coordinator' }, source: 'cli', correlationId: 'c', causationId: 'c', commandId: randomUUID(),
});
