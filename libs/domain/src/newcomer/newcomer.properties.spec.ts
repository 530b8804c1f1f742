/**
 * Properties of the newcomer decider over generated valid input: folding the
 * events of a registration and any sequence of changes gives exactly the
 * profile a simple model predicts, every event survives storage as JSON, and
 * repeating a change emits nothing.
 */
import fc from 'fast-check';
import { fold } from '../decider';
import { GENDER_PREFERENCES, SAME_ORIGIN_CHOICES } from '../profile';
import {
  COUNTRY_CODES, MUNICIPALITY_CODES, validAvailability, validContact, validGender, validLanguages, validName, validNeeds,
  validNotes, validPostcodeArea, validPreferences,
} from '../testing/profile.arbitraries';
import { NewcomerCommand } from './newcomer.commands';
import { newcomerDecider } from './newcomer.decider';
import { NewcomerEvent } from './newcomer.events';
import { NEWCOMER_ID, REGISTERED_AT } from './newcomer.fixtures';
import { NewcomerProfile } from './newcomer.profile';

const ids = { newcomerId: NEWCOMER_ID, at: '2026-12-01T10:00:00.000Z' };

const profile: fc.Arbitrary<NewcomerProfile> = fc.record({
  displayName: validName,
  contact: validContact,
  birthYear: fc.integer({ min: 1906, max: 2026 }),
  gender: fc.option(validGender, { nil: null }),
  municipality: fc.constantFrom(...MUNICIPALITY_CODES),
  postcodeArea: fc.option(validPostcodeArea, { nil: null }),
  languages: validLanguages,
  origin: fc.record({ country: fc.constantFrom(...COUNTRY_CODES) }),
  needs: validNeeds,
  availability: validAvailability,
  preferences: validPreferences,
  doNotMatch: fc.uniqueArray(fc.uuid(), { maxLength: 3 }),
  notes: validNotes,
});

/** A change command with the model of its effect on the profile. */
interface Change {
  readonly command: NewcomerCommand;
  readonly apply: (profile: NewcomerProfile) => NewcomerProfile;
}

const changeOf = (command: NewcomerCommand, apply: Change['apply']): Change => ({ command, apply });

const change: fc.Arbitrary<Change> = fc.oneof(
  fc
    .record(
      { displayName: validName, birthYear: fc.integer({ min: 1906, max: 2026 }), gender: fc.option(validGender, { nil: null }) },
      { requiredKeys: [] },
    )
    .map((patch) => changeOf({ type: 'ChangeNewcomerPersonalDetails', data: { ...ids, ...patch } }, (p) => ({ ...p, ...patch }))),
  fc
    .record(
      { municipality: fc.constantFrom(...MUNICIPALITY_CODES), postcodeArea: fc.option(validPostcodeArea, { nil: null }) },
      { requiredKeys: [] },
    )
    .map((patch) => changeOf({ type: 'ChangeNewcomerResidence', data: { ...ids, ...patch } }, (p) => ({ ...p, ...patch }))),
  validContact.map((contact) => changeOf({ type: 'ChangeNewcomerContact', data: { ...ids, contact } }, (p) => ({ ...p, contact }))),
  validLanguages.map((languages) => changeOf({ type: 'ChangeNewcomerLanguages', data: { ...ids, languages } }, (p) => ({ ...p, languages }))),
  fc
    .constantFrom(...COUNTRY_CODES)
    .map((country) => changeOf({ type: 'ChangeNewcomerOrigin', data: { ...ids, origin: { country } } }, (p) => ({ ...p, origin: { country } }))),
  validNeeds.map((needs) => changeOf({ type: 'ChangeNewcomerNeeds', data: { ...ids, needs } }, (p) => ({ ...p, needs }))),
  validAvailability.map((availability) =>
    changeOf({ type: 'ChangeNewcomerAvailability', data: { ...ids, availability } }, (p) => ({ ...p, availability })),
  ),
  // Whole preferences, or a partial that cannot break the gender rule whatever it merges with.
  fc
    .oneof(
      validPreferences,
      fc.record({ sameOrigin: fc.constantFrom(...SAME_ORIGIN_CHOICES), remoteOk: fc.boolean() }, { requiredKeys: [] }),
      fc.record({ keyPersonGender: fc.constantFrom(...GENDER_PREFERENCES.filter((g) => g !== 'any')) }),
    )
    .map((preferences) =>
      changeOf({ type: 'ChangeNewcomerPreferences', data: { ...ids, preferences } }, (p) => ({
        ...p,
        preferences: { ...p.preferences, ...preferences },
      })),
    ),
  fc
    .uniqueArray(fc.uuid(), { maxLength: 3 })
    .map((keyPersonIds) => changeOf({ type: 'ChangeNewcomerDoNotMatch', data: { ...ids, keyPersonIds } }, (p) => ({ ...p, doNotMatch: keyPersonIds }))),
  validNotes.map((notes) => changeOf({ type: 'ChangeNewcomerNotes', data: { ...ids, notes } }, (p) => ({ ...p, notes }))),
);

describe('newcomer decider properties', () => {
  it('folds registration and changes into the profile the model predicts', () => {
    fc.assert(
      fc.property(profile, fc.array(change, { maxLength: 12 }), (registration, changes) => {
        const register: NewcomerCommand = {
          type: 'RegisterNewcomer',
          data: { newcomerId: NEWCOMER_ID, at: REGISTERED_AT, profile: registration },
        };
        const events: NewcomerEvent[] = [];
        for (const command of [register, ...changes.map((c) => c.command)]) {
          const emitted = newcomerDecider.decide(command, fold(newcomerDecider, events));
          expect(JSON.parse(JSON.stringify(emitted))).toStrictEqual(emitted);
          events.push(...emitted);
        }
        // Through JSON: fast-check builds objects without a prototype, the decider plain ones.
        const expected: unknown = JSON.parse(JSON.stringify(changes.reduce((p, c) => c.apply(p), registration)));
        expect(fold(newcomerDecider, events)).toStrictEqual({
          status: 'active',
          id: NEWCOMER_ID,
          profile: expected,
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
      }),
    );
  });

  it('emits nothing when a change is repeated', () => {
    fc.assert(
      fc.property(profile, change, (registration, { command }) => {
        const registered = newcomerDecider.decide(
          { type: 'RegisterNewcomer', data: { newcomerId: NEWCOMER_ID, at: REGISTERED_AT, profile: registration } },
          newcomerDecider.initialState(),
        );
        const once = fold(newcomerDecider, [...registered, ...newcomerDecider.decide(command, fold(newcomerDecider, registered))]);
        expect(newcomerDecider.decide(command, once)).toEqual([]);
      }),
    );
  });
});
