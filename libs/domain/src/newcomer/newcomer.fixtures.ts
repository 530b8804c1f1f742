/** Valid newcomer data for specs: the SPEC §9 example body and the events it yields. */
import { NewcomerCommand } from './newcomer.commands';
import { NewcomerEvent, NewcomerRegistered } from './newcomer.events';
import { NewcomerMatchOutcome } from './newcomer.matching';
import { NewcomerProfile, NewcomerProfileInput } from './newcomer.profile';

export const NEWCOMER_ID = '0b6c4f7e-3d1a-4c55-9a0e-5d8f7f0b2a11';
export const KEY_PERSON_ID = '7d4e1c2a-9b3f-4e8d-a6c5-1f2e3d4c5b6a';
export const REGISTERED_AT = '2026-11-30T09:15:00.000Z';
export const LATER = '2026-12-02T14:00:00.000Z';
/** Months after `LATER`: long enough that counting a match as waiting would show. */
export const MONTHS_LATER = '2027-04-20T10:30:00.000Z';

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
  data: { newcomerId: NEWCOMER_ID, withdrawnAt: LATER, reason: null, openMatchId: null },
} as const;

export const registerAmal: NewcomerCommand = {
  type: 'RegisterNewcomer',
  data: { newcomerId: NEWCOMER_ID, at: REGISTERED_AT, profile: amalInput },
};

export const MATCH_ID = '3f2a9c1e-6b7d-4e0f-8a1b-2c3d4e5f6a7b';
export const OTHER_MATCH_ID = '9e8d7c6b-5a4f-4e3d-9c2b-1a0f9e8d7c6b';
export const OTHER_KEY_PERSON_ID = '5c4b3a29-1807-4f6e-9d5c-4b3a29180706';

export const reservedForMatch = (matchId = MATCH_ID, keyPersonId = KEY_PERSON_ID): NewcomerEvent => ({
  type: 'NewcomerMatchReserved',
  data: { newcomerId: NEWCOMER_ID, matchId, keyPersonId, reservedAt: LATER },
});

export const matchReleased = (outcome: NewcomerMatchOutcome, matchId = MATCH_ID, keyPersonId = KEY_PERSON_ID, waitStartedAt: string | null = null): NewcomerEvent => ({
  type: 'NewcomerMatchReleased',
  data: { newcomerId: NEWCOMER_ID, matchId, keyPersonId, outcome, releasedAt: LATER, waitStartedAt },
});

/** A request for matching; `waitStartedAt` as the decider fills it (null: the newcomer was waiting already). */
export const matchingRequested = (waitStartedAt: string | null = null, requestedAt = waitStartedAt ?? MONTHS_LATER): NewcomerEvent => ({
  type: 'NewcomerMatchingRequested',
  data: { newcomerId: NEWCOMER_ID, requestedAt, waitStartedAt },
});
