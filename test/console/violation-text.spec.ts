import {
  deadlineViolations, keyPersonCapacityBelowLoad, keyPersonProfileViolations, keyPersonPausedAnswering, keyPersonRetired, matchAlreadyAccepted, matchNotAwaited, matchClosed, matchDeadlinePassed, matchNotAccepted,
  matchNotApproved, matchPairNoLongerFits, newcomerAlreadyMatching, newcomerProfileViolations, newcomerWithdrawn,
} from '@sleutel/domain';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { AuditEventsQuery, VerifyQuery } from '../../apps/api/src/audit/audit.dto';
import { assertMayPlaceIn, notFound } from '../../apps/api/src/common/auth/municipality-scope';
import { ProblemException } from '../../apps/api/src/common/problem';
import { flatten } from '../../apps/api/src/common/validation.pipe';
import { RegisterKeyPersonRequest } from '../../apps/api/src/key-persons/key-person.request.dto';
import { RegisterNewcomerRequest } from '../../apps/api/src/newcomers/newcomer.request.dto';
import { localizedProblemDetail, localizedViolation } from '../../apps/web/src/app/violation-text';

/*
 * The console's Dutch for the API's field violations (apps/web/src/app/violation-text.ts),
 * fed with what the API really writes: the domain's rules and the request DTOs'
 * class-validator checks. Here rather than beside the console code because it
 * imports the server's code, which the console's own build must not see.
 */

const AT = '2026-11-29T12:00:00.000Z';
const slot = (day: string, start: string, end: string) => ({ day, start, end });
const validNewcomer = {
  displayName: 'Amal Haddad', contact: { phone: '+31612345678' }, birthYear: 1990, gender: 'female', municipality: 'GM0344', postcodeArea: '3511',
  languages: [{ code: 'apc', level: 'native' }], origin: { country: 'SY' }, needs: [{ topic: 'health', priority: 1 }],
  availability: { slots: [slot('mon', '09:00', '12:00')] }, preferences: { keyPersonGender: 'female', genderRequired: true, sameOrigin: 'no-preference', remoteOk: false },
  doNotMatch: [], notes: null,
};
const validKeyPerson = {
  displayName: 'Yonas Tesfay', contact: { phone: '+31687654321' }, gender: 'male', municipality: 'GM0344', postcodeArea: '3512', travelRadiusKm: 15, remoteOnly: false,
  languages: [{ code: 'tir', level: 'native' }], origin: { country: 'ER' }, expertise: ['health'], capacity: 3, maxHoursPerMonth: 30,
  availability: { slots: [slot('tue', '18:00', '21:00')] }, engagement: 'volunteer',
};

/** Bodies that break, between them, every rule a profile form can meet. */
const broken: Record<string, unknown>[] = [
  { displayName: '   ', contact: { phone: '0612', email: 'not-an-address' }, birthYear: 1800, gender: 'x', municipality: 'GM9999', postcodeArea: '12' },
  { displayName: 'a\u0007b', contact: 'call me', birthYear: 1990.5, languages: [], origin: { country: 'sy' }, notes: 42 },
  { displayName: 'x'.repeat(300), contact: { email: `${'a'.repeat(300)}@example.org` }, birthYear: 'nineteen', municipality: undefined, origin: undefined },
  { languages: [{ code: 'XX', level: 'native' }, { code: 'apc', level: 'meh' }, { code: 'apc', level: 'native' }, { code: 'apc', level: 'native' }] },
  { languages: 'arabic', needs: [{ topic: 'health', priority: 9 }, { topic: 'health', priority: 1 }, 'x'], preferences: 'any' },
  { languages: Array.from({ length: 30 }, (_, i) => ({ code: `a${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}`, level: 'native' })) },
  { availability: { slots: [slot('mon', '10:00', '09:00'), slot('mon', '25:00', '26:00'), slot('tue', '09:00', '12:00'), slot('tue', '10:00', '11:00')], from: '2026-13-01', until: '2026-01-01' } },
  { availability: { slots: [slot('wed', '09:00', '10:00')], from: '2026-12-01', until: '2026-11-01' } },
  { availability: { slots: [slot('wed', '09:00', '10:00')], until: '2026-11-01' } },
  { availability: { slots: [slot('mon', '09:00', '10:00')], from: '2026-12-05', until: '2026-12-06' } },
  { availability: 'weekends', preferences: { keyPersonGender: 'any', genderRequired: true } },
  { preferences: { genderRequired: 'yes', remoteOk: 1 }, doNotMatch: ['not-a-uuid'] },
];

function everyProfileViolation() {
  return [
    ...broken.flatMap((body) => newcomerProfileViolations({ ...validNewcomer, ...body } as never, AT)),
    keyPersonProfileViolations({ ...validKeyPerson, travelRadiusKm: undefined, capacity: 0, maxHoursPerMonth: 1000, expertise: ['x'], engagement: 'x' } as never, AT),
    keyPersonProfileViolations({ ...validKeyPerson, remoteOnly: 'no', maxHoursPerMonth: 37.25 } as never, AT),
    keyPersonProfileViolations({ ...validKeyPerson, contact: {} } as never, AT),
    keyPersonCapacityBelowLoad().violations,
    deadlineViolations('tomorrow', AT, 'until', 'Until'),
    deadlineViolations('2026-01-01T00:00:00Z', AT, 'until', 'Until'),
  ].flat();
}

describe('the API’s field violations on Dutch pages', () => {
  it('says every sentence the domain writes for a profile in Dutch, with its figures', () => {
    const violations = everyProfileViolation();
    const rules = new Set(violations.map((v) => v.rule));
    // The bodies above did break the rules they are meant to.
    for (const rule of ['required', 'type', 'max-length', 'no-control-characters', 'integer', 'range', 'one-of', 'min-items', 'max-items', 'unique', 'phone', 'email',
      'iso-639-3', 'iso-3166-1', 'cbs-municipality', 'postcode-area', 'time-format', 'end-after-start', 'no-overlap', 'date-order', 'slot-in-date-range', 'date', 'date-time', 'uuid',
      'gender-for-required-preference', 'not-below-load', 'multiple-of']) expect({ rule, broken: rules.has(rule) }).toEqual({ rule, broken: true });

    const untranslated = violations.filter((v) => localizedViolation(v, 'nl').message === v.message || /\b(must|should|between|required)\b/i.test(localizedViolation(v, 'nl').message));
    expect(untranslated.map((v) => `${v.rule}: ${v.message}`)).toEqual([]);
  });

  it('says in Dutch that a municipality lies outside those of the token, beside the field and as the problem', () => {
    let refused: unknown;
    try {
      assertMayPlaceIn({ subject: 'intake-ina', roles: ['intake'], municipalities: ['GM0344'] } as never, 'GM0363');
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(ProblemException);
    const problem = refused as ProblemException;
    expect(problem.errors!.map((v) => localizedViolation(v, 'nl').message)).toEqual(['Moet een van de gemeenten zijn waarvoor u bent ingelogd']);
    expect(localizedProblemDetail(problem, 'nl')).toBe('Uw toegang geldt niet voor die gemeente.');
    expect(problem.errors!.map((v) => localizedViolation(v, 'en').message)).toEqual([problem.errors![0].message]);
  });

  it('keeps the figures of the English sentence', () => {
    const [range] = newcomerProfileViolations({ ...validNewcomer, birthYear: 1800 } as never, AT);
    expect(range.message).toMatch(/^Birth year must be between (\d{4}) and (\d{4})$/);
    const [, from, to] = /between (\d{4}) and (\d{4})/.exec(range.message)!;
    expect(localizedViolation(range, 'nl').message).toBe(`Moet tussen ${from} en ${to} liggen`);
    expect(localizedViolation({ field: 'displayName', rule: 'max-length', message: 'Display name must be at most 200 characters' }, 'nl').message).toBe('Mag hoogstens 200 tekens lang zijn');
    // class-validator's wording at the edge, before the domain sees the body.
    expect([
      { field: 'municipality', rule: 'max-length', message: 'must be shorter than or equal to 6 characters' },
      { field: 'gender', rule: 'in', message: 'must be one of the following values: female, male, other' },
      { field: 'languages', rule: 'array-max-size', message: 'must contain no more than 20 elements' },
      { field: 'birthYear', rule: 'int', message: 'must be an integer number' },
      { field: 'x', rule: 'unknown-field', message: 'is not a known field' },
    ].map((v) => localizedViolation(v, 'nl').message)).toEqual([
      'Mag hoogstens 6 tekens lang zijn', 'Moet een van deze zijn: female, male, other', 'Mag er hoogstens 20 hebben', 'Moet een geheel getal zijn', 'Is geen bekend veld',
    ]);
  });

  it('says every class-validator sentence of the profile requests in Dutch', () => {
    const bodies = [
      plainToInstance(RegisterNewcomerRequest, {
        displayName: 5, birthYear: '1990', gender: 'x', municipality: 'GM03440', postcodeArea: 35110, languages: 'apc', origin: 'SY', needs: Array.from({ length: 11 }, () => ({})),
        availability: 'always', preferences: 'any', doNotMatch: ['x'.repeat(40)], notes: ['a'], extra: true,
      }),
      plainToInstance(RegisterKeyPersonRequest, {
        displayName: 'x'.repeat(201), gender: 'x', travelRadiusKm: 'far', remoteOnly: 'no', expertise: ['x'], capacity: 1.5, maxHoursPerMonth: 'lots', engagement: 'x',
        languages: [{ code: 5, level: 'meh', extra: 1 }], availability: { slots: 'x' },
      }),
    ];
    const violations = bodies.flatMap((body) => flatten(validateSync(body, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true }), ''));
    expect(violations.length).toBeGreaterThan(20);
    const untranslated = violations.filter((v) => localizedViolation(v, 'nl').message === v.message || /\b(must|should|than)\b/i.test(localizedViolation(v, 'nl').message));
    expect(untranslated.map((v) => `${v.field} ${v.rule}: ${v.message}`)).toEqual([]);
  });

  it('names the slot another overlaps by its number, on Dutch and on English pages', () => {
    const overlaps = newcomerProfileViolations({ ...validNewcomer, availability: { slots: [slot('mon', '09:00', '12:00'), slot('tue', '09:00', '12:00'), slot('tue', '10:00', '11:00')] } } as never, AT);
    expect(overlaps).toEqual([{ field: 'availability.slots[2]', rule: 'no-overlap', message: 'Slot overlaps availability.slots[1] on the same day' }]);
    expect(localizedViolation(overlaps[0], 'nl')).toEqual({ ...overlaps[0], message: 'Tijdvak 3 overlapt tijdvak 2 op dezelfde dag' });
    expect(localizedViolation(overlaps[0], 'en')).toEqual({ ...overlaps[0], message: 'Slot 3 overlaps slot 2 on the same day' });
    // A wording it does not know: the general Dutch, and the API's English.
    const unknown = { field: 'availability.slots[1]', rule: 'no-overlap', message: 'Slot overlaps another slot' };
    expect(localizedViolation(unknown, 'nl').message).toBe('Overlapt een ander tijdvak op dezelfde dag');
    expect(localizedViolation(unknown, 'en')).toBe(unknown);
  });

  it('leaves English pages, and rules it does not know, as the API wrote them', () => {
    const violation = { field: 'birthYear', rule: 'range', message: 'Birth year must be between 1900 and 2026' };
    expect(localizedViolation(violation, 'en')).toBe(violation);
    const unknown = { field: 'x', rule: 'some-new-rule', message: 'must be purple' };
    expect(localizedViolation(unknown, 'nl')).toEqual(unknown);
  });
});

describe('the API’s refusals a coordinator meets, on Dutch pages', () => {
  it('says why a proposal can no longer be approved in Dutch, naming the constraint, and leaves English and unknown codes as the API wrote them', () => {
    const refusal = matchPairNoLongerFits('do-not-match');
    const problem = { code: refusal.code, detail: refusal.message };
    expect(localizedProblemDetail(problem, 'nl')).toBe(
      'Een profiel is gewijzigd sinds dit voorstel, en het paar voldoet niet meer aan de harde voorwaarde do-not-match. De matcher trekt het voorstel in.',
    );
    expect(localizedProblemDetail(problem, 'en')).toBe(refusal.message);
    expect(localizedProblemDetail({ code: 'MATCH.SOMETHING_NEW', detail: 'Something new happened to the match' }, 'nl')).toBe('Something new happened to the match');
    expect(localizedProblemDetail({ code: 'MATCH.PAIR_NO_LONGER_FITS' }, 'nl')).toBeUndefined();
    // To a coordinator who may not read both people, no constraint is named, in either language.
    const unnamed = matchPairNoLongerFits(null);
    expect(localizedProblemDetail({ code: unnamed.code, detail: unnamed.message }, 'nl')).toBe(
      'Een profiel is gewijzigd sinds dit voorstel, en het paar voldoet niet meer aan een harde voorwaarde. De matcher trekt het voorstel in.',
    );
  });

  it.each([
    ['MATCH.DEADLINE_PASSED', matchDeadlinePassed(), 'De termijn voor dit antwoord is verstreken'],
    // The status's own word: "uitgeschreven" is what a municipality says of someone who left the BRP.
    ['NEWCOMER.WITHDRAWN', newcomerWithdrawn(), 'De nieuwkomer is teruggetrokken'],
    // "Koppeling aanvragen" on the newcomer's page while a proposal is open.
    ['NEWCOMER.ALREADY_MATCHING', newcomerAlreadyMatching(), 'De nieuwkomer heeft al een openstaand voorstel'],
    ['KEY_PERSON.RETIRED', keyPersonRetired(), 'De sleutelpersoon is gestopt'],
    ['KEY_PERSON.PAUSED', keyPersonPausedAnswering(), 'De sleutelpersoon is gepauzeerd'],
    // Two coordinators deciding the same match: the second meets the first's decision.
    ['MATCH.CLOSED', matchClosed(), 'De koppeling is afgesloten'],
    ['MATCH.NOT_APPROVED', matchNotApproved(), 'Een coördinator moet het voorstel eerst goedkeuren'],
    ['MATCH.NOT_ACCEPTED', matchNotAccepted(), 'Alleen een koppeling die beide partijen hebben aanvaard'],
    ['MATCH.ALREADY_ACCEPTED', matchAlreadyAccepted(), 'Beide partijen hebben de koppeling al aanvaard'],
    ['MATCH.NOT_AWAITED', matchNotAwaited(), 'De nieuwkomer wacht niet meer op dit voorstel'],
  ])('says in Dutch why %s refuses an approval or acceptance', (code, refusal, dutch) => {
    expect(refusal.code).toBe(code);
    expect(localizedProblemDetail({ code: refusal.code, detail: refusal.message }, 'nl')).toMatch(new RegExp(`^${dutch}`));
    expect(localizedProblemDetail({ code: refusal.code, detail: refusal.message }, 'en')).toBe(refusal.message);
  });
});


describe('the API’s answers on the pages that show what is not there, and on the auditor’s forms, on Dutch pages', () => {
  it.each([
    ['key person', 'Deze sleutelpersoon bestaat niet'],
    ['newcomer', 'Deze nieuwkomer bestaat niet'],
    ['match', 'Dit voorstel of deze koppeling bestaat niet'],
    ['cohort run', 'Deze cohortronde bestaat niet'],
  ])('says in Dutch that no %s has that id', (what, dutch) => {
    const problem = notFound(what);
    expect(problem.status).toBe(404);
    expect(localizedProblemDetail({ code: problem.code, detail: problem.detail }, 'nl')).toMatch(new RegExp(`^${dutch}, of valt buiten uw gemeenten\\.$`));
    expect(localizedProblemDetail({ code: problem.code, detail: problem.detail }, 'en')).toBe(`No such ${what}.`);
  });

  it('says in Dutch what is wrong with a start position of the log and with a digest written down before', () => {
    const violations = [
      ...flatten(validateSync(plainToInstance(AuditEventsQuery, { after: 'three' })), ''),
      ...flatten(validateSync(plainToInstance(VerifyQuery, { anchor: 'last week' })), ''),
    ];
    expect(violations.map((v) => v.field)).toEqual(['after', 'anchor']);
    expect(violations.map((v) => localizedViolation(v, 'nl').message)).toEqual([
      'Moet een logpositie zijn: een geheel getal, 0 of hoger',
      'Moet positie:digest zijn, zoals een eerdere controle die als logdigest gaf',
    ]);
  });

  it('writes the figures of a Dutch message with a decimal comma', () => {
    const [step] = keyPersonProfileViolations({ ...validKeyPerson, maxHoursPerMonth: 37.25 } as never, AT);
    expect(step.rule).toBe('multiple-of');
    expect(localizedViolation(step, 'nl').message).toBe('Moet een veelvoud van 0,5 zijn');
    expect(localizedViolation({ field: 'travelRadiusKm', rule: 'range', message: 'Travel radius must be between 0.5 and 300' }, 'nl').message).toBe('Moet tussen 0,5 en 300 liggen');
  });
});
