import { DeciderSpecification } from '../decider-specification';
import { KeyPersonCommand } from './key-person.commands';
import { keyPersonDecider } from './key-person.decider';
import { KeyPersonEvent } from './key-person.events';
import { KeyPersonProfileInput } from './key-person.profile';
import { KEY_PERSON_ID, LATER, REGISTERED_AT, paused, registerYonas, registered, retired, yonasInput, yonasProfile } from './key-person.fixtures';

const spec = () => DeciderSpecification.for(keyPersonDecider);
const ids = { keyPersonId: KEY_PERSON_ID, at: LATER };
const register = (profile: KeyPersonProfileInput): KeyPersonCommand => ({
  type: 'RegisterKeyPerson',
  data: { keyPersonId: KEY_PERSON_ID, at: REGISTERED_AT, profile },
});
const registeredWith = (profile: Partial<typeof yonasProfile>): KeyPersonEvent => ({
  ...registered,
  data: { ...registered.data, profile: { ...yonasProfile, ...profile } },
});

/** One valid command of every change type, each changing something in Yonas's profile. */
const changes: readonly KeyPersonCommand[] = [
  { type: 'ChangeKeyPersonPersonalDetails', data: { ...ids, displayName: 'Yonas T.' } },
  { type: 'ChangeKeyPersonResidence', data: { ...ids, travelRadiusKm: 25 } },
  { type: 'ChangeKeyPersonContact', data: { ...ids, contact: { email: 'yonas@example.org' } } },
  { type: 'ChangeKeyPersonLanguages', data: { ...ids, languages: [{ code: 'tir', level: 'native' }] } },
  { type: 'ChangeKeyPersonOrigin', data: { ...ids, origin: { country: 'ET' } } },
  { type: 'ChangeKeyPersonExpertise', data: { ...ids, expertise: ['housing'] } },
  { type: 'ChangeKeyPersonCapacity', data: { ...ids, capacity: 4 } },
  { type: 'ChangeKeyPersonMonthlyHours', data: { ...ids, maxHoursPerMonth: 36 } },
  { type: 'ChangeKeyPersonAvailability', data: { ...ids, availability: { slots: [{ day: 'wed', start: '18:00', end: '21:00' }] } } },
  { type: 'ChangeKeyPersonEngagement', data: { ...ids, engagement: 'paid' } },
];

/** The same values as Yonas has now: changing to them is a no-op. */
const unchanged: readonly KeyPersonCommand[] = [
  { type: 'ChangeKeyPersonPersonalDetails', data: { ...ids, displayName: 'Yonas Tesfay', gender: 'male' } },
  { type: 'ChangeKeyPersonResidence', data: { ...ids, municipality: 'GM0344', postcodeArea: '3512', travelRadiusKm: 15, remoteOnly: false } },
  { type: 'ChangeKeyPersonContact', data: { ...ids, contact: { phone: '+31 687 654 321' } } },
  { type: 'ChangeKeyPersonLanguages', data: { ...ids, languages: yonasProfile.languages } },
  { type: 'ChangeKeyPersonOrigin', data: { ...ids, origin: { country: 'ER' } } },
  { type: 'ChangeKeyPersonExpertise', data: { ...ids, expertise: ['health', 'work'] } },
  { type: 'ChangeKeyPersonCapacity', data: { ...ids, capacity: 3 } },
  { type: 'ChangeKeyPersonMonthlyHours', data: { ...ids, maxHoursPerMonth: 30 } },
  { type: 'ChangeKeyPersonAvailability', data: { ...ids, availability: { slots: yonasProfile.availability.slots, from: null } } },
  { type: 'ChangeKeyPersonEngagement', data: { ...ids, engagement: 'volunteer' } },
];

const byType = (commands: readonly KeyPersonCommand[]) => commands.map((command) => [command.type, command] as const);

describe('key person decider', () => {
  describe('registering', () => {
    it('records the whole profile in one event', () => spec().given([]).when(registerYonas).then([registered]));

    it('applies the defaults for everything left out', () => {
      const { postcodeArea: _postcodeArea, remoteOnly: _remoteOnly, ...minimal } = yonasInput;
      spec().given([]).when(register(minimal)).then([registeredWith({ postcodeArea: null, remoteOnly: false })]);
    });

    it.each([['left out', undefined], ['null', null], ['empty', {}], ['blank', { phone: '', email: '' }]])(
      'needs a phone number or an e-mail address (SPEC §3): contact %s is refused at contact.phone',
      (_, contact) => spec().given([]).when(register({ ...yonasInput, contact } as typeof yonasInput))
        .thenThrows('KEY_PERSON.INVALID_PROFILE', [{ field: 'contact.phone', rule: 'required' }]),
    );

    it('takes an e-mail address alone as contact', () =>
      spec().given([]).when(register({ ...yonasInput, contact: { email: 'yonas@example.org' } })).then([registeredWith({ contact: { email: 'yonas@example.org' } })]));

    it('needs no travel radius from a key person who works remotely only', () =>
      spec()
        .given([])
        .when(register({ ...yonasInput, remoteOnly: true, travelRadiusKm: null }))
        .then([registeredWith({ remoteOnly: true, travelRadiusKm: null })]));

    it('needs a travel radius from a key person who meets in person', () =>
      spec()
        .given([])
        .when(register({ ...yonasInput, travelRadiusKm: null }))
        .thenThrows('KEY_PERSON.INVALID_PROFILE', [{ field: 'travelRadiusKm', rule: 'required' }]));

    it('refuses a second registration', () => spec().given([registered]).when(registerYonas).thenThrows('KEY_PERSON.ALREADY_REGISTERED'));

    it('refuses to register a retired key person again', () =>
      spec().given([registered, retired]).when(registerYonas).thenThrows('KEY_PERSON.ALREADY_REGISTERED'));

    it('reports every violation of the profile at once, by field and rule', () => {
      const bad = {
        ...yonasInput,
        displayName: 'Yonas\nTesfay',
        gender: null,
        travelRadiusKm: 301,
        remoteOnly: 'no',
        languages: [{ code: 'TIR', level: 'native' }],
        expertise: [],
        capacity: 21,
        maxHoursPerMonth: 37.25,
        availability: { slots: [{ day: 'tue', start: '18:00', end: '24:01' }], from: '2026-02-30' },
        engagement: 'intern',
      } as unknown as KeyPersonProfileInput;
      spec()
        .given([])
        .when(register(bad))
        .thenThrows('KEY_PERSON.INVALID_PROFILE', [
          { field: 'displayName', rule: 'no-control-characters' },
          { field: 'gender', rule: 'required' },
          { field: 'remoteOnly', rule: 'type' },
          { field: 'travelRadiusKm', rule: 'range' },
          { field: 'languages[0].code', rule: 'iso-639-3' },
          { field: 'expertise', rule: 'min-items' },
          { field: 'capacity', rule: 'range' },
          { field: 'maxHoursPerMonth', rule: 'multiple-of' },
          { field: 'availability.slots[0].end', rule: 'time-format' },
          { field: 'availability.from', rule: 'date' },
          { field: 'engagement', rule: 'one-of' },
        ]);
    });
  });

  describe('changing the profile', () => {
    it.each(byType(changes))('%s on an unknown key person is not found', (_, command) =>
      spec().given([]).when(command).thenThrows('KEY_PERSON.NOT_FOUND'));

    it.each(byType(changes))('%s on a retired key person is refused', (_, command) =>
      spec().given([registered, retired]).when(command).thenThrows('KEY_PERSON.RETIRED'));

    it.each(byType(changes))('%s is allowed while paused', (_, command) => {
      const events = keyPersonDecider.decide(command, [registered, paused].reduce(keyPersonDecider.evolve, keyPersonDecider.initialState()));
      expect(events).toHaveLength(1);
    });

    it.each(byType(unchanged))('%s to the current value emits nothing', (_, command) =>
      spec().given([registered]).when(command).thenNothing());

    it.each([['null', null], ['empty', {}]])('refuses to empty the contact (%s): a key person keeps a phone number or an e-mail address', (_, contact) =>
      spec().given([registered]).when({ type: 'ChangeKeyPersonContact', data: { ...ids, contact } } as KeyPersonCommand)
        .thenThrows('KEY_PERSON.INVALID_PROFILE', [{ field: 'contact.phone', rule: 'required' }]));

    it('merges partial personal details with the current ones', () =>
      spec()
        .given([registered])
        .when({ type: 'ChangeKeyPersonPersonalDetails', data: { ...ids, gender: 'other' } })
        .then([{ type: 'KeyPersonPersonalDetailsChanged', data: { keyPersonId: KEY_PERSON_ID, displayName: 'Yonas Tesfay', gender: 'other' } }]));

    it('merges a partial residence with the current one', () =>
      spec()
        .given([registered])
        .when({ type: 'ChangeKeyPersonResidence', data: { ...ids, remoteOnly: true } })
        .then([
          {
            type: 'KeyPersonResidenceChanged',
            data: { keyPersonId: KEY_PERSON_ID, municipality: 'GM0344', postcodeArea: '3512', travelRadiusKm: 15, remoteOnly: true },
          },
        ]));

    it('refuses to switch to meeting in person without a travel radius on record', () =>
      spec()
        .given([registeredWith({ remoteOnly: true, travelRadiusKm: null })])
        .when({ type: 'ChangeKeyPersonResidence', data: { ...ids, remoteOnly: false } })
        .thenThrows('KEY_PERSON.INVALID_PROFILE', [{ field: 'travelRadiusKm', rule: 'required' }]));

    it('refuses to clear the travel radius of a key person who meets in person', () =>
      spec()
        .given([registered])
        .when({ type: 'ChangeKeyPersonResidence', data: { ...ids, travelRadiusKm: null } })
        .thenThrows('KEY_PERSON.INVALID_PROFILE', [{ field: 'travelRadiusKm', rule: 'required' }]));

    it('records a new capacity', () =>
      spec()
        .given([registered])
        .when({ type: 'ChangeKeyPersonCapacity', data: { ...ids, capacity: 20 } })
        .then([{ type: 'KeyPersonCapacityChanged', data: { keyPersonId: KEY_PERSON_ID, capacity: 20 } }]));

    it.each([0, 21, 2.5])('refuses capacity %p', (capacity) =>
      spec()
        .given([registered])
        .when({ type: 'ChangeKeyPersonCapacity', data: { ...ids, capacity } })
        .thenThrows('KEY_PERSON.INVALID_PROFILE', ['capacity']));

    it.each([200, 37.5])('records new monthly hours, %p (half hours: a volunteer\'s allowance caps at about 37.5)', (maxHoursPerMonth) =>
      spec()
        .given([registered])
        .when({ type: 'ChangeKeyPersonMonthlyHours', data: { ...ids, maxHoursPerMonth } })
        .then([{ type: 'KeyPersonMonthlyHoursChanged', data: { keyPersonId: KEY_PERSON_ID, maxHoursPerMonth } }]));

    it.each([0, 201])('refuses %p monthly hours', (maxHoursPerMonth) =>
      spec()
        .given([registered])
        .when({ type: 'ChangeKeyPersonMonthlyHours', data: { ...ids, maxHoursPerMonth } })
        .thenThrows('KEY_PERSON.INVALID_PROFILE', [{ field: 'maxHoursPerMonth', rule: 'range' }]));

    it('refuses duplicate expertise, naming the repeated entry', () =>
      spec()
        .given([registered])
        .when({ type: 'ChangeKeyPersonExpertise', data: { ...ids, expertise: ['work', 'legal', 'work'] } })
        .thenThrows('KEY_PERSON.INVALID_PROFILE', [{ field: 'expertise[2]', rule: 'unique' }]));
  });

  describe('pausing, resuming and retiring', () => {
    it('pauses an active key person', () =>
      spec()
        .given([registered])
        .when({ type: 'PauseKeyPerson', data: { ...ids, reason: 'Holiday' } })
        .then([{ type: 'KeyPersonPaused', data: { keyPersonId: KEY_PERSON_ID, pausedAt: LATER, reason: 'Holiday' } }]));

    it('emits nothing when pausing a paused key person', () =>
      spec().given([registered, paused]).when({ type: 'PauseKeyPerson', data: { ...ids, reason: null } }).thenNothing());

    it('resumes a paused key person', () =>
      spec()
        .given([registered, paused])
        .when({ type: 'ResumeKeyPerson', data: ids })
        .then([{ type: 'KeyPersonResumed', data: { keyPersonId: KEY_PERSON_ID, resumedAt: LATER } }]));

    it('emits nothing when resuming an active key person', () =>
      spec().given([registered]).when({ type: 'ResumeKeyPerson', data: ids }).thenNothing());

    it('retires an active or a paused key person', () => {
      const retire: KeyPersonCommand = { type: 'RetireKeyPerson', data: { ...ids, reason: 'Moved away' } };
      const expected = [{ type: 'KeyPersonRetired', data: { keyPersonId: KEY_PERSON_ID, retiredAt: LATER, reason: 'Moved away' } } as const];
      spec().given([registered]).when(retire).then(expected);
      spec().given([registered, paused]).when(retire).then(expected);
    });

    it('emits nothing when retiring a retired key person', () =>
      spec().given([registered, retired]).when({ type: 'RetireKeyPerson', data: { ...ids, reason: null } }).thenNothing());

    it.each<KeyPersonCommand>([
      { type: 'PauseKeyPerson', data: { ...ids, reason: null } },
      { type: 'ResumeKeyPerson', data: ids },
    ])('refuses $type after retirement', (command) => spec().given([registered, retired]).when(command).thenThrows('KEY_PERSON.RETIRED'));

    it.each<KeyPersonCommand>([
      { type: 'PauseKeyPerson', data: { ...ids, reason: null } },
      { type: 'ResumeKeyPerson', data: ids },
      { type: 'RetireKeyPerson', data: { ...ids, reason: null } },
    ])('does not find an unknown key person for $type', (command) => spec().given([]).when(command).thenThrows('KEY_PERSON.NOT_FOUND'));

    it('refuses an overlong reason', () =>
      spec()
        .given([registered])
        .when({ type: 'PauseKeyPerson', data: { ...ids, reason: 'x'.repeat(1001) } })
        .thenThrows('KEY_PERSON.INVALID_REASON', [{ field: 'reason', rule: 'max-length' }]));

    it('folds the status lifecycle into the state', () => {
      const fold = (events: readonly KeyPersonEvent[]) => events.reduce(keyPersonDecider.evolve, keyPersonDecider.initialState());
      expect(fold([registered, paused])).toMatchObject({ status: 'paused', pausedAt: LATER, retiredAt: null });
      expect(fold([registered, paused, { type: 'KeyPersonResumed', data: { keyPersonId: KEY_PERSON_ID, resumedAt: LATER } }])).toMatchObject({
        status: 'active',
        pausedAt: null,
      });
      expect(fold([registered, paused, retired])).toMatchObject({ status: 'retired', pausedAt: null, retiredAt: LATER });
    });
  });
});
