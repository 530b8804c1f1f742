/**
 * fast-check arbitraries of valid profile values, for property-based specs.
 * Values are generated in their stored form (trimmed, canonical phone, lower-case
 * ids), so a spec can predict the stored profile without calling the code under test.
 */
import fc from 'fast-check';
import {
  Availability, DAYS, Day, GENDER_PREFERENCES, GENDERS, LANGUAGE_LEVELS, LanguageSkill, Need, NewcomerPreferences,
  SAME_ORIGIN_CHOICES, Slot, TOPICS,
} from '../profile';
import { SLOTS_MAX } from '../rules/availability.rules';

/** Codes known to the shipped reference data. */
export const LANGUAGE_CODES = ['apc', 'ara', 'prs', 'tir', 'kmr', 'ckb', 'nld', 'eng', 'som'] as const;
export const COUNTRY_CODES = ['SY', 'ER', 'AF', 'UA', 'TR', 'IQ', 'SO'] as const;
export const MUNICIPALITY_CODES = ['GM0344', 'GM0363', 'GM0599', 'GM0518'] as const;

export const timeOf = (minutes: number): string =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/**
 * Non-overlapping slots of one day: strictly increasing boundaries in
 * 00:00–24:00, with each gap between two boundaries taken as a slot or not,
 * so slots may touch.
 */
const daySlots = (day: Day): fc.Arbitrary<Slot[]> =>
  fc
    .uniqueArray(fc.integer({ min: 0, max: 24 * 60 }), { minLength: 2, maxLength: 8 })
    .chain((boundaries) => {
      const sorted = [...boundaries].sort((a, b) => a - b);
      return fc.array(fc.boolean(), { minLength: sorted.length - 1, maxLength: sorted.length - 1 }).map((taken) =>
        sorted.slice(1).flatMap((end, i) => (taken[i] ? [{ day, start: timeOf(sorted[i]), end: timeOf(end) }] : [])),
      );
    });

/** A valid, non-empty, shuffled set of at most `max` slots across the week. */
export const validSlots = (max: number = SLOTS_MAX): fc.Arbitrary<Slot[]> =>
  fc
    .tuple(...DAYS.map(daySlots))
    .map((perDay) => perDay.flat().slice(0, max))
    .filter((slots) => slots.length > 0)
    .chain((slots) => fc.shuffledSubarray(slots, { minLength: slots.length, maxLength: slots.length }));

const DAY_MS = 86_400_000;
const isoDateBetween = (min: Date, max: Date): fc.Arbitrary<string> =>
  fc.date({ min, max, noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

/**
 * Dates a profile takes when registered or changed in 2026: an end from 2027
 * on (the rules refuse one before the command's day), and a start at least a
 * week before it, so every day of the week lies between them.
 */
export const validAvailability: fc.Arbitrary<Availability> = fc
  .record({ slots: validSlots(), until: fc.option(isoDateBetween(new Date('2027-01-01T00:00:00Z'), new Date('2030-12-31T00:00:00Z')), { nil: null }) })
  .chain(({ slots, until }) => {
    const latestFrom = until === null ? new Date('2030-12-31T00:00:00Z') : new Date(Date.parse(`${until}T00:00:00Z`) - 6 * DAY_MS);
    return fc.option(isoDateBetween(new Date('2025-01-01T00:00:00Z'), latestFrom), { nil: null }).map((from) => ({ slots, from, until }));
  });

export const validLanguages: fc.Arbitrary<LanguageSkill[]> = fc.uniqueArray(
  fc.record({ code: fc.constantFrom(...LANGUAGE_CODES), level: fc.constantFrom(...LANGUAGE_LEVELS) }),
  { selector: (skill) => skill.code, minLength: 1, maxLength: 4 },
);

export const validNeeds: fc.Arbitrary<Need[]> = fc.uniqueArray(
  fc.record({ topic: fc.constantFrom(...TOPICS), priority: fc.constantFrom(1 as const, 2 as const, 3 as const) }),
  { selector: (need) => need.topic, maxLength: TOPICS.length },
);

export const validPreferences: fc.Arbitrary<NewcomerPreferences> = fc
  .record({
    keyPersonGender: fc.constantFrom(...GENDER_PREFERENCES),
    genderRequired: fc.boolean(),
    sameOrigin: fc.constantFrom(...SAME_ORIGIN_CHOICES),
    remoteOk: fc.boolean(),
  })
  .map((p) => (p.keyPersonGender === 'any' ? { ...p, genderRequired: false } : p));

export const validName = fc.stringMatching(/^[A-Z][a-z]{1,12}( [A-Z][a-z'-]{1,15}){0,2}$/);
export const validGender = fc.constantFrom(...GENDERS);
export const validPostcodeArea = fc.integer({ min: 1000, max: 9999 }).map(String);
export const validContact = fc.record(
  {
    phone: fc.integer({ min: 600000000, max: 699999999 }).map((n) => `+31${n}`),
    email: fc.stringMatching(/^[a-z]{1,10}@example\.(org|nl)$/),
  },
  { requiredKeys: [] },
);
/** A key person's: a phone number or an e-mail address at least (SPEC §3). */
export const validKeyPersonContact = validContact.filter((contact) => contact.phone !== undefined || contact.email !== undefined);
export const validNotes = fc.option(fc.stringMatching(/^[A-Za-z][A-Za-z .,\n]{0,60}[a-z.]$/), { nil: null });
