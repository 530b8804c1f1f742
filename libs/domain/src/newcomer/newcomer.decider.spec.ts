import { DeciderSpecification } from '../decider-specification';
import { NewcomerCommand } from './newcomer.commands';
import { newcomerDecider } from './newcomer.decider';
import { NewcomerEvent } from './newcomer.events';
import { NewcomerProfileInput } from './newcomer.profile';
import {
  KEY_PERSON_ID, LATER, MATCH_ID, NEWCOMER_ID, REGISTERED_AT, amalInput, amalProfile, registerAmal, registered, reservedForMatch, withdrawn,
} from './newcomer.fixtures';

const spec = () => DeciderSpecification.for(newcomerDecider);
const ids = { newcomerId: NEWCOMER_ID, at: LATER };

/** One valid command of every change type, each changing something in Amal's profile. */
const changes: readonly NewcomerCommand[] = [
  { type: 'ChangeNewcomerPersonalDetails', data: { ...ids, displayName: 'Amal H.' } },
  { type: 'ChangeNewcomerResidence', data: { ...ids, municipality: 'GM0363' } },
  { type: 'ChangeNewcomerContact', data: { ...ids, contact: { email: 'amal@example.net' } } },
  { type: 'ChangeNewcomerLanguages', data: { ...ids, languages: [{ code: 'apc', level: 'native' }] } },
  { type: 'ChangeNewcomerOrigin', data: { ...ids, origin: { country: 'LB' } } },
  { type: 'ChangeNewcomerNeeds', data: { ...ids, needs: [{ topic: 'work', priority: 1 }] } },
  { type: 'ChangeNewcomerAvailability', data: { ...ids, availability: { slots: [{ day: 'tue', start: '10:00', end: '12:00' }] } } },
  { type: 'ChangeNewcomerPreferences', data: { ...ids, preferences: { remoteOk: true } } },
  { type: 'ChangeNewcomerDoNotMatch', data: { ...ids, keyPersonIds: [KEY_PERSON_ID] } },
  { type: 'ChangeNewcomerNotes', data: { ...ids, notes: null } },
];

/** The same sections as Amal has now: changing to them is a no-op. */
const unchanged: readonly NewcomerCommand[] = [
  { type: 'ChangeNewcomerPersonalDetails', data: { ...ids, displayName: ' Amal Haddad ', birthYear: 1990, gender: 'female' } },
  { type: 'ChangeNewcomerPersonalDetails', data: { ...ids } },
  { type: 'ChangeNewcomerResidence', data: { ...ids, municipality: 'GM0344', postcodeArea: '3511' } },
  { type: 'ChangeNewcomerContact', data: { ...ids, contact: { email: 'amal@example.org', phone: '+31 6 1234 5678' } } },
  { type: 'ChangeNewcomerLanguages', data: { ...ids, languages: amalProfile.languages } },
  { type: 'ChangeNewcomerOrigin', data: { ...ids, origin: { country: 'SY' } } },
  { type: 'ChangeNewcomerNeeds', data: { ...ids, needs: amalProfile.needs } },
  { type: 'ChangeNewcomerAvailability', data: { ...ids, availability: { slots: amalProfile.availability.slots, from: '2026-12-01' } } },
  { type: 'ChangeNewcomerPreferences', data: { ...ids, preferences: { genderRequired: true } } },
  { type: 'ChangeNewcomerDoNotMatch', data: { ...ids, keyPersonIds: [] } },
  { type: 'ChangeNewcomerNotes', data: { ...ids, notes: 'Prefers morning meetings.' } },
];

describe('newcomer decider', () => {
  describe('registering', () => {
    it('records the whole profile in one event', () =>
      spec().given([]).when(registerAmal).then([registered]));

    it('applies the defaults for everything left out', () => {
      const minimal: NewcomerProfileInput = {
        displayName: 'Omid',
        birthYear: 2001,
        municipality: 'GM0363',
        languages: [{ code: 'prs', level: 'native' }],
        origin: { country: 'AF' },
        needs: [],
        availability: { slots: [{ day: 'sat', start: '10:00', end: '13:00' }] },
      };
      spec()
        .given([])
        .when({ type: 'RegisterNewcomer', data: { newcomerId: NEWCOMER_ID, at: REGISTERED_AT, profile: minimal } })
        .then([
          {
            type: 'NewcomerRegistered',
            data: {
              newcomerId: NEWCOMER_ID,
              registeredAt: REGISTERED_AT,
              profile: {
                ...minimal,
                contact: {},
                gender: null,
                postcodeArea: null,
                availability: { slots: minimal.availability.slots, from: null, until: null },
                preferences: { keyPersonGender: 'any', genderRequired: false, sameOrigin: 'no-preference', remoteOk: false },
                doNotMatch: [],
                notes: null,
              },
            },
          },
        ]);
    });

    it('merges partial preferences over the defaults', () =>
      spec()
        .given([])
        .when({ ...registerAmal, data: { ...registerAmal.data, profile: { ...amalInput, preferences: { sameOrigin: 'no' } } } } as NewcomerCommand)
        .then([
          {
            ...registered,
            data: {
              ...registered.data,
              profile: { ...amalProfile, preferences: { keyPersonGender: 'any', genderRequired: false, sameOrigin: 'no', remoteOk: false } },
            },
          },
        ]));

    it('normalises what people type and keeps only known fields', () => {
      const typed = {
        ...amalInput,
        displayName: '  Amal Haddad ',
        contact: { phone: '+31 6 1234-5678', email: ' amal@example.org ' },
        doNotMatch: [KEY_PERSON_ID.toUpperCase()],
        notes: '   ',
        languages: [{ code: 'apc', level: 'native', comment: 'dropped' }, { code: 'eng', level: 'basic' }],
        shoeSize: 38,
      } as NewcomerProfileInput;
      spec()
        .given([])
        .when({ type: 'RegisterNewcomer', data: { newcomerId: NEWCOMER_ID, at: REGISTERED_AT, profile: typed } })
        .then([{ ...registered, data: { ...registered.data, profile: { ...amalProfile, doNotMatch: [KEY_PERSON_ID], notes: null } } }]);
    });

    it('refuses a second registration', () =>
      spec().given([registered]).when(registerAmal).thenThrows('NEWCOMER.ALREADY_REGISTERED'));

    it('refuses to register a withdrawn newcomer again', () =>
      spec().given([registered, withdrawn]).when(registerAmal).thenThrows('NEWCOMER.ALREADY_REGISTERED'));

    it('reports every violation of the profile at once, by field and rule', () => {
      const bad = {
        ...amalInput,
        displayName: '   ',
        contact: { phone: '0612345678', email: 'amal@' },
        birthYear: 1850,
        gender: 'x',
        municipality: 'GM9999',
        postcodeArea: '0123',
        languages: [{ code: 'apc', level: 'native' }, { code: 'xx', level: 'basic' }, { code: 'apc', level: 'okay' }],
        origin: { country: 'sy' },
        needs: [{ topic: 'health', priority: 4 }, { topic: 'health', priority: 1 }],
        availability: {
          slots: [{ day: 'mon', start: '09:00', end: '12:00' }, { day: 'mon', start: '11:00', end: '13:00' }, { day: 'tue', start: '14:00', end: '13:00' }],
          from: '2026-12-31',
          until: '2026-12-01',
        },
        preferences: { keyPersonGender: 'any', genderRequired: true },
        doNotMatch: ['not-a-uuid'],
        notes: 'x'.repeat(4001),
      } as unknown as NewcomerProfileInput;
      spec()
        .given([])
        .when({ type: 'RegisterNewcomer', data: { newcomerId: NEWCOMER_ID, at: REGISTERED_AT, profile: bad } })
        .thenThrows('NEWCOMER.INVALID_PROFILE', [
          { field: 'displayName', rule: 'required' },
          { field: 'contact.phone', rule: 'phone' },
          { field: 'contact.email', rule: 'email' },
          { field: 'birthYear', rule: 'range' },
          { field: 'gender', rule: 'one-of' },
          { field: 'municipality', rule: 'cbs-municipality' },
          { field: 'postcodeArea', rule: 'postcode-area' },
          { field: 'languages[1].code', rule: 'iso-639-3' },
          { field: 'languages[2].level', rule: 'one-of' },
          { field: 'languages[2].code', rule: 'unique' },
          { field: 'origin.country', rule: 'iso-3166-1' },
          { field: 'needs[0].priority', rule: 'range' },
          { field: 'needs[1].topic', rule: 'unique' },
          { field: 'availability.slots[1]', rule: 'no-overlap' },
          { field: 'availability.slots[2].end', rule: 'end-after-start' },
          { field: 'availability.until', rule: 'date-order' },
          { field: 'preferences.genderRequired', rule: 'gender-for-required-preference' },
          { field: 'doNotMatch[0]', rule: 'uuid' },
          { field: 'notes', rule: 'max-length' },
        ]);
    });

    it('judges the birth year against the time of the command', () => {
      const withBirthYear = (birthYear: number): NewcomerCommand => ({
        type: 'RegisterNewcomer',
        data: { newcomerId: NEWCOMER_ID, at: REGISTERED_AT, profile: { ...amalInput, birthYear } },
      });
      spec().given([]).when(withBirthYear(2027)).thenThrows('NEWCOMER.INVALID_PROFILE', ['birthYear']);
      spec().given([]).when(withBirthYear(1905)).thenThrows('NEWCOMER.INVALID_PROFILE', ['birthYear']);
      spec().given([]).when(withBirthYear(1906)).then([{ ...registered, data: { ...registered.data, profile: { ...amalProfile, birthYear: 1906 } } }]);
      spec().given([]).when(withBirthYear(2026)).then([{ ...registered, data: { ...registered.data, profile: { ...amalProfile, birthYear: 2026 } } }]);
    });
  });

  describe('changing the profile', () => {
    it.each(changes.map((command) => [command.type, command]))('%s on an unknown newcomer is not found', (_, command) =>
      spec().given([]).when(command).thenThrows('NEWCOMER.NOT_FOUND'));

    it.each(changes.map((command) => [command.type, command]))('%s on a withdrawn newcomer is refused', (_, command) =>
      spec().given([registered, withdrawn]).when(command).thenThrows('NEWCOMER.WITHDRAWN'));

    it.each(unchanged.map((command) => [command.type, command]))('%s to the current value emits nothing', (_, command) =>
      spec().given([registered]).when(command).thenNothing());

    it('merges partial personal details with the current ones', () =>
      spec()
        .given([registered])
        .when({ type: 'ChangeNewcomerPersonalDetails', data: { ...ids, birthYear: 1991 } })
        .then([{ type: 'NewcomerPersonalDetailsChanged', data: { newcomerId: NEWCOMER_ID, displayName: 'Amal Haddad', birthYear: 1991, gender: 'female' } }]));

    it('clears the gender with null', () =>
      spec()
        .given([registered])
        .when({ type: 'ChangeNewcomerPersonalDetails', data: { ...ids, gender: null } })
        .then([{ type: 'NewcomerPersonalDetailsChanged', data: { newcomerId: NEWCOMER_ID, displayName: 'Amal Haddad', birthYear: 1990, gender: null } }]));

    it('keeps the postcode area when only the municipality changes, and clears it with null', () => {
      spec()
        .given([registered])
        .when({ type: 'ChangeNewcomerResidence', data: { ...ids, municipality: 'GM0363' } })
        .then([{ type: 'NewcomerResidenceChanged', data: { newcomerId: NEWCOMER_ID, municipality: 'GM0363', postcodeArea: '3511' } }]);
      spec()
        .given([registered])
        .when({ type: 'ChangeNewcomerResidence', data: { ...ids, postcodeArea: null } })
        .then([{ type: 'NewcomerResidenceChanged', data: { newcomerId: NEWCOMER_ID, municipality: 'GM0344', postcodeArea: null } }]);
    });

    it('replaces the contact details as a whole; a blank value clears it', () =>
      spec()
        .given([registered])
        .when({ type: 'ChangeNewcomerContact', data: { ...ids, contact: { phone: '+31687654321', email: '' } } })
        .then([{ type: 'NewcomerContactChanged', data: { newcomerId: NEWCOMER_ID, contact: { phone: '+31687654321' } } }]));

    it('merges partial preferences with the current ones', () =>
      spec()
        .given([registered])
        .when({ type: 'ChangeNewcomerPreferences', data: { ...ids, preferences: { sameOrigin: 'yes', remoteOk: true } } })
        .then([
          {
            type: 'NewcomerPreferencesChanged',
            data: { newcomerId: NEWCOMER_ID, preferences: { keyPersonGender: 'female', genderRequired: true, sameOrigin: 'yes', remoteOk: true } },
          },
        ]));

    it('refuses a required gender preference that names no gender, judged after the merge', () =>
      spec()
        .given([registered])
        .when({ type: 'ChangeNewcomerPreferences', data: { ...ids, preferences: { keyPersonGender: 'any' } } })
        .thenThrows('NEWCOMER.INVALID_PROFILE', [{ field: 'preferences.genderRequired', rule: 'gender-for-required-preference' }]));

    it('records the availability with absent date bounds as null', () =>
      spec()
        .given([registered])
        .when({ type: 'ChangeNewcomerAvailability', data: { ...ids, availability: { slots: [{ day: 'fri', start: '13:00', end: '24:00' }] } } })
        .then([
          {
            type: 'NewcomerAvailabilityChanged',
            data: { newcomerId: NEWCOMER_ID, availability: { slots: [{ day: 'fri', start: '13:00', end: '24:00' }], from: null, until: null } },
          },
        ]));

    it('names the offending entry of a list', () =>
      spec()
        .given([registered])
        .when({ type: 'ChangeNewcomerLanguages', data: { ...ids, languages: [{ code: 'tir', level: 'native' }, { code: 'ti', level: 'fluent' }] } })
        .thenThrows('NEWCOMER.INVALID_PROFILE', [{ field: 'languages[1].code', rule: 'iso-639-3' }]));

    it('refuses an empty language list', () =>
      spec()
        .given([registered])
        .when({ type: 'ChangeNewcomerLanguages', data: { ...ids, languages: [] } })
        .thenThrows('NEWCOMER.INVALID_PROFILE', [{ field: 'languages', rule: 'min-items' }]));

    it('records the do-not-match list', () =>
      spec()
        .given([registered])
        .when({ type: 'ChangeNewcomerDoNotMatch', data: { ...ids, keyPersonIds: [KEY_PERSON_ID] } })
        .then([{ type: 'NewcomerDoNotMatchChanged', data: { newcomerId: NEWCOMER_ID, keyPersonIds: [KEY_PERSON_ID] } }]));

    it('refuses a key person twice on the do-not-match list', () =>
      spec()
        .given([registered])
        .when({ type: 'ChangeNewcomerDoNotMatch', data: { ...ids, keyPersonIds: [KEY_PERSON_ID, KEY_PERSON_ID.toUpperCase()] } })
        .thenThrows('NEWCOMER.INVALID_PROFILE', [{ field: 'doNotMatch[1]', rule: 'unique' }]));

    it('clears the notes with null', () =>
      spec()
        .given([registered])
        .when({ type: 'ChangeNewcomerNotes', data: { ...ids, notes: null } })
        .then([{ type: 'NewcomerNotesChanged', data: { newcomerId: NEWCOMER_ID, notes: null } }]));

    it('validates only what a change carries, so a stale value elsewhere does not block it', () => {
      const stale: NewcomerEvent = { ...registered, data: { ...registered.data, profile: { ...amalProfile, municipality: 'GM0000' } } };
      spec()
        .given([stale])
        .when({ type: 'ChangeNewcomerPersonalDetails', data: { ...ids, displayName: 'Amal H.' } })
        .then([{ type: 'NewcomerPersonalDetailsChanged', data: { newcomerId: NEWCOMER_ID, displayName: 'Amal H.', birthYear: 1990, gender: 'female' } }]);
    });

    it('applies the changes it emits', () => {
      const state = [registered, { type: 'NewcomerNotesChanged', data: { newcomerId: NEWCOMER_ID, notes: null } } as const].reduce(
        newcomerDecider.evolve,
        newcomerDecider.initialState(),
      );
      expect(state).toStrictEqual({
        status: 'active',
        id: NEWCOMER_ID,
        profile: { ...amalProfile, notes: null },
        registeredAt: REGISTERED_AT,
        waitingSince: REGISTERED_AT,
        withdrawnAt: null,
        erasedAt: null,
        openMatch: null,
        failedKeyPersonIds: [],
        releasedMatchIds: [],
        lastDeferral: null,
        matchEnded: false,
      });
    });
  });

  describe('withdrawing', () => {
    it('records the withdrawal with its time and reason', () =>
      spec()
        .given([registered])
        .when({ type: 'WithdrawNewcomer', data: { ...ids, reason: ' Moved abroad ' } })
        .then([{ type: 'NewcomerWithdrawn', data: { newcomerId: NEWCOMER_ID, withdrawnAt: LATER, reason: 'Moved abroad', openMatchId: null } }]));

    it('names the match that was open, so the trail shows what the withdrawal ended', () =>
      spec()
        .given([registered, reservedForMatch()])
        .when({ type: 'WithdrawNewcomer', data: { ...ids, reason: null } })
        .then([{ type: 'NewcomerWithdrawn', data: { newcomerId: NEWCOMER_ID, withdrawnAt: LATER, reason: null, openMatchId: MATCH_ID } }]));

    it('records no reason as null', () =>
      spec().given([registered]).when({ type: 'WithdrawNewcomer', data: { ...ids, reason: null } }).then([withdrawn]));

    it('emits nothing for a newcomer already withdrawn', () =>
      spec().given([registered, withdrawn]).when({ type: 'WithdrawNewcomer', data: { ...ids, reason: 'again' } }).thenNothing());

    it('does not find an unknown newcomer', () =>
      spec().given([]).when({ type: 'WithdrawNewcomer', data: { ...ids, reason: null } }).thenThrows('NEWCOMER.NOT_FOUND'));

    it('refuses an overlong reason', () =>
      spec()
        .given([registered])
        .when({ type: 'WithdrawNewcomer', data: { ...ids, reason: 'x'.repeat(1001) } })
        .thenThrows('NEWCOMER.INVALID_REASON', [{ field: 'reason', rule: 'max-length' }]));
  });
});
