/** Valid key person data for specs: the SPEC §9 example body and the events it yields. */
import { KeyPersonCommand } from './key-person.commands';
import {
  KeyPersonCapacityReleased, KeyPersonCapacityReserved, KeyPersonReservationBarred, KeyPersonPaused, KeyPersonRegistered, KeyPersonRetired,
} from './key-person.events';
import { KeyPersonProfile, KeyPersonProfileInput } from './key-person.profile';

export const KEY_PERSON_ID = '7d4e1c2a-9b3f-4e8d-a6c5-1f2e3d4c5b6a';
export const REGISTERED_AT = '2026-11-30T09:15:00.000Z';
export const LATER = '2026-12-02T14:00:00.000Z';

export const yonasInput: KeyPersonProfileInput = {
  displayName: 'Yonas Tesfay',
  contact: { phone: '+31687654321' },
  gender: 'male',
  municipality: 'GM0344',
  postcodeArea: '3512',
  travelRadiusKm: 15,
  remoteOnly: false,
  languages: [
    { code: 'tir', level: 'native' },
    { code: 'nld', level: 'fluent' },
  ],
  origin: { country: 'ER' },
  expertise: ['health', 'work'],
  capacity: 3,
  maxHoursPerMonth: 30,
  availability: { slots: [{ day: 'tue', start: '18:00', end: '21:00' }] },
  engagement: 'volunteer',
};

export const yonasProfile: KeyPersonProfile = {
  ...yonasInput,
  contact: { phone: '+31687654321' },
  postcodeArea: '3512',
  travelRadiusKm: 15,
  remoteOnly: false,
  availability: { slots: [{ day: 'tue', start: '18:00', end: '21:00' }], from: null, until: null },
};

export const registered: KeyPersonRegistered = {
  type: 'KeyPersonRegistered',
  data: { keyPersonId: KEY_PERSON_ID, registeredAt: REGISTERED_AT, profile: yonasProfile },
};

export const paused: KeyPersonPaused = { type: 'KeyPersonPaused', data: { keyPersonId: KEY_PERSON_ID, pausedAt: LATER, reason: null } };
export const retired: KeyPersonRetired = { type: 'KeyPersonRetired', data: { keyPersonId: KEY_PERSON_ID, retiredAt: LATER, reason: null } };

export const registerYonas: KeyPersonCommand = {
  type: 'RegisterKeyPerson',
  data: { keyPersonId: KEY_PERSON_ID, at: REGISTERED_AT, profile: yonasInput },
};

export const NEWCOMER_ID = '0b6c4f7e-3d1a-4c55-9a0e-5d8f7f0b2a11';
export const MATCH_IDS = [
  '3f2a9c1e-6b7d-4e0f-8a1b-2c3d4e5f6a7b',
  '9e8d7c6b-5a4f-4e3d-9c2b-1a0f9e8d7c6b',
  '1a2b3c4d-5e6f-4a0b-8c1d-2e3f4a5b6c7d',
  '7f6e5d4c-3b2a-4190-8f7e-6d5c4b3a2910',
] as const;

export const capacityReserved = (matchId: string = MATCH_IDS[0]): KeyPersonCapacityReserved => ({
  type: 'KeyPersonCapacityReserved',
  data: { keyPersonId: KEY_PERSON_ID, matchId, newcomerId: NEWCOMER_ID, reservedAt: LATER },
});

export const capacityReleased = (matchId: string = MATCH_IDS[0]): KeyPersonCapacityReleased => ({
  type: 'KeyPersonCapacityReleased',
  data: { keyPersonId: KEY_PERSON_ID, matchId, releasedAt: LATER },
});

export const reservationBarred = (matchId: string = MATCH_IDS[0]): KeyPersonReservationBarred => ({
  type: 'KeyPersonReservationBarred',
  data: { keyPersonId: KEY_PERSON_ID, matchId, barredAt: LATER },
});
