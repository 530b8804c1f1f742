/** Valid key person data for specs: the SPEC §9 example body and the events it yields. */
import { KeyPersonCommand } from './key-person.commands';
import { KeyPersonPaused, KeyPersonRegistered, KeyPersonRetired } from './key-person.events';
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
