/** Valid newcomer data for specs: the SPEC §9 example body and the events it yields. */
import { NewcomerCommand } from './newcomer.commands';
import { NewcomerRegistered } from './newcomer.events';
import { NewcomerProfile, NewcomerProfileInput } from './newcomer.profile';

export const NEWCOMER_ID = '0b6c4f7e-3d1a-4c55-9a0e-5d8f7f0b2a11';
export const KEY_PERSON_ID = '7d4e1c2a-9b3f-4e8d-a6c5-1f2e3d4c5b6a';
export const REGISTERED_AT = '2026-11-30T09:15:00.000Z';
export const LATER = '2026-12-02T14:00:00.000Z';

export const amalInput: NewcomerProfileInput = {
  displayName: 'Amal Haddad',
  contact: { phone: '+31612345678', email: 'amal@example.org' },
  birthYear: 1990,
  gender: 'female',
  municipality: 'GM0344',
  postcodeArea: '3511',
  languages: [
    { code: 'apc', level: 'native' },
    { code: 'eng', level: 'basic' },
  ],
  origin: { country: 'SY' },
  needs: [
    { topic: 'health', priority: 1 },
    { topic: 'housing', priority: 2 },
  ],
  availability: { slots: [{ day: 'mon', start: '09:00', end: '12:00' }], from: '2026-12-01' },
  preferences: { keyPersonGender: 'female', genderRequired: true, sameOrigin: 'no-preference', remoteOk: false },
  doNotMatch: [],
  notes: 'Prefers morning meetings.',
};

export const amalProfile: NewcomerProfile = {
  displayName: 'Amal Haddad',
  contact: { phone: '+31612345678', email: 'amal@example.org' },
  birthYear: 1990,
  gender: 'female',
  municipality: 'GM0344',
  postcodeArea: '3511',
  languages: [
    { code: 'apc', level: 'native' },
    { code: 'eng', level: 'basic' },
  ],
  origin: { country: 'SY' },
  needs: [
    { topic: 'health', priority: 1 },
    { topic: 'housing', priority: 2 },
  ],
  availability: { slots: [{ day: 'mon', start: '09:00', end: '12:00' }], from: '2026-12-01', until: null },
  preferences: { keyPersonGender: 'female', genderRequired: true, sameOrigin: 'no-preference', remoteOk: false },
  doNotMatch: [],
  notes: 'Prefers morning meetings.',
};

export const registered: NewcomerRegistered = {
  type: 'NewcomerRegistered',
  data: { newcomerId: NEWCOMER_ID, registeredAt: REGISTERED_AT, profile: amalProfile },
};

export const withdrawn = {
  type: 'NewcomerWithdrawn',
  data: { newcomerId: NEWCOMER_ID, withdrawnAt: LATER, reason: null },
} as const;

export const registerAmal: NewcomerCommand = {
  type: 'RegisterNewcomer',
  data: { newcomerId: NEWCOMER_ID, at: REGISTERED_AT, profile: amalInput },
};
