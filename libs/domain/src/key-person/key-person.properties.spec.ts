/**
 * Properties of the key person decider over generated valid input: folding
 * the events of a registration and any sequence of changes and status moves
 * gives the profile and status a simple model predicts, every event survives
 * storage as JSON, and repeating a command emits nothing.
 */
import fc from 'fast-check';
import { fold } from '../decider';
import { ENGAGEMENTS, TOPICS } from '../profile';
import {
  COUNTRY_CODES, MUNICIPALITY_CODES, validAvailability, validGender, validKeyPersonContact, validLanguages, validName,
  validPostcodeArea,
} from '../testing/profile.arbitraries';
import { KeyPersonCommand } from './key-person.commands';
import { keyPersonDecider } from './key-person.decider';
import { KeyPersonEvent } from './key-person.events';
import { KEY_PERSON_ID, REGISTERED_AT } from './key-person.fixtures';
import { KeyPersonProfile } from './key-person.profile';
import { KeyPersonStatus } from './key-person.state';

const ids = { keyPersonId: KEY_PERSON_ID, at: '2026-12-01T10:00:00.000Z' };

const residence = fc.oneof(
  fc.record({ travelRadiusKm: fc.integer({ min: 0, max: 300 }), remoteOnly: fc.boolean() }),
  fc.record({ travelRadiusKm: fc.constant(null), remoteOnly: fc.constant(true) }),
);
const expertise = fc.uniqueArray(fc.constantFrom(...TOPICS), { minLength: 1, maxLength: 4 });

const profile: fc.Arbitrary<KeyPersonProfile> = fc
  .record({
    displayName: validName,
    contact: validKeyPersonContact,
    gender: validGender,
    municipality: fc.constantFrom(...MUNICIPALITY_CODES),
    postcodeArea: fc.option(validPostcodeArea, { nil: null }),
    residence,
    languages: validLanguages,
    origin: fc.record({ country: fc.constantFrom(...COUNTRY_CODES) }),
    expertise,
    capacity: fc.integer({ min: 1, max: 20 }),
    maxHoursPerMonth: fc.integer({ min: 1, max: 200 }),
    availability: validAvailability,
    engagement: fc.constantFrom(...ENGAGEMENTS),
  })
  .map(({ residence: r, ...rest }) => ({ ...rest, ...r }));

interface Model {
  readonly status: KeyPersonStatus;
  readonly profile: KeyPersonProfile;
}

/** A command with the model of its effect. */
interface Step {
  readonly command: KeyPersonCommand;
  readonly apply: (model: Model) => Model;
}

const profileStep = (command: KeyPersonCommand, change: (p: KeyPersonProfile) => KeyPersonProfile): Step => ({
  command,
  apply: (model) => ({ ...model, profile: change(model.profile) }),
});

const step: fc.Arbitrary<Step> = fc.oneof(
  fc
    .record({ displayName: validName, gender: validGender }, { requiredKeys: [] })
    .map((patch) => profileStep({ type: 'ChangeKeyPersonPersonalDetails', data: { ...ids, ...patch } }, (p) => ({ ...p, ...patch }))),
  fc
    .record({ municipality: fc.constantFrom(...MUNICIPALITY_CODES), postcodeArea: fc.option(validPostcodeArea, { nil: null }), residence })
    .map(({ residence: r, ...patch }) =>
      profileStep({ type: 'ChangeKeyPersonResidence', data: { ...ids, ...patch, ...r } }, (p) => ({ ...p, ...patch, ...r })),
    ),
  validKeyPersonContact.map((contact) => profileStep({ type: 'ChangeKeyPersonContact', data: { ...ids, contact } }, (p) => ({ ...p, contact }))),
  validLanguages.map((languages) => profileStep({ type: 'ChangeKeyPersonLanguages', data: { ...ids, languages } }, (p) => ({ ...p, languages }))),
  fc
    .constantFrom(...COUNTRY_CODES)
    .map((country) => profileStep({ type: 'ChangeKeyPersonOrigin', data: { ...ids, origin: { country } } }, (p) => ({ ...p, origin: { country } }))),
  expertise.map((topics) => profileStep({ type: 'ChangeKeyPersonExpertise', data: { ...ids, expertise: topics } }, (p) => ({ ...p, expertise: topics }))),
  fc
    .integer({ min: 1, max: 20 })
    .map((capacity) => profileStep({ type: 'ChangeKeyPersonCapacity', data: { ...ids, capacity } }, (p) => ({ ...p, capacity }))),
  fc
    .integer({ min: 1, max: 200 })
    .map((hours) => profileStep({ type: 'ChangeKeyPersonMonthlyHours', data: { ...ids, maxHoursPerMonth: hours } }, (p) => ({ ...p, maxHoursPerMonth: hours }))),
  validAvailability.map((availability) =>
    profileStep({ type: 'ChangeKeyPersonAvailability', data: { ...ids, availability } }, (p) => ({ ...p, availability })),
  ),
  fc
    .constantFrom(...ENGAGEMENTS)
    .map((engagement) => profileStep({ type: 'ChangeKeyPersonEngagement', data: { ...ids, engagement } }, (p) => ({ ...p, engagement }))),
  fc.constant<Step>({ command: { type: 'PauseKeyPerson', data: { ...ids, reason: null } }, apply: (m) => ({ ...m, status: 'paused' }) }),
  fc.constant<Step>({ command: { type: 'ResumeKeyPerson', data: ids }, apply: (m) => ({ ...m, status: 'active' }) }),
);

const run = (commands: readonly KeyPersonCommand[]): KeyPersonEvent[] =>
  commands.reduce<KeyPersonEvent[]>((events, command) => {
    const emitted = keyPersonDecider.decide(command, fold(keyPersonDecider, events));
    expect(JSON.parse(JSON.stringify(emitted))).toStrictEqual(emitted);
    return [...events, ...emitted];
  }, []);

const registration = (p: KeyPersonProfile): KeyPersonCommand => ({
  type: 'RegisterKeyPerson',
  data: { keyPersonId: KEY_PERSON_ID, at: REGISTERED_AT, profile: p },
});

describe('key person decider properties', () => {
  it('folds registration, changes and status moves into what the model predicts', () => {
    fc.assert(
      fc.property(profile, fc.array(step, { maxLength: 12 }), (registered, steps) => {
        const state = fold(keyPersonDecider, run([registration(registered), ...steps.map((s) => s.command)]));
        const model = steps.reduce((m, s) => s.apply(m), { status: 'active', profile: registered } as Model);
        expect(state.status).toBe(model.status);
        // Through JSON: fast-check builds objects without a prototype, the decider plain ones.
        expect(state.profile).toStrictEqual(JSON.parse(JSON.stringify(model.profile)));
      }),
    );
  });

  it('emits nothing when a command is repeated', () => {
    fc.assert(
      fc.property(profile, step, (registered, { command }) => {
        const events = run([registration(registered), command]);
        expect(keyPersonDecider.decide(command, fold(keyPersonDecider, events))).toEqual([]);
      }),
    );
  });
});
