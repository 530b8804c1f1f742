/**
 * fast-check arbitraries for matching specs. Values are drawn from small pools
 * on purpose, so that random pairs often share a language or a macrolanguage,
 * live within each other's radius, overlap in time, sit on each other's
 * lists, and tie on score: properties about feasible pairs then have feasible
 * pairs to look at.
 */
import fc from 'fast-check';
import {
  Availability, DAYS, GENDER_PREFERENCES, GENDERS, LANGUAGE_LEVELS, LanguageSkill, Need, NewcomerPreferences,
  SAME_ORIGIN_CHOICES, Slot, TOPICS,
} from '@sleutel/domain';
import type { MatchingKeyPerson } from '../matching-key-person';
import type { MatchingNewcomer } from '../matching-newcomer';
import { macrolanguageGroupOf } from '../measures/language-levels';
import { DEFAULT_POLICY } from '../policy/default.policy';
import { GENDER_WEIGHT_RECOMMENDED } from '../policy/gender-weight';
import { ALWAYS_APPLYING_COMPONENTS, ScoringPolicy, SHARED_LEVELS } from '../policy/scoring-policy';

/** Arabic, Persian, Kurdish and Chinese varieties with their macrolanguages, and common second languages. */
export const LANGUAGE_POOL = ['apc', 'arb', 'ara', 'arz', 'prs', 'pes', 'fas', 'kmr', 'ckb', 'kur', 'cmn', 'yue', 'tir', 'som', 'ukr', 'rus', 'nld', 'eng'] as const;
/** Macrolanguages of the pool that a policy may keep separate (`parameters.language.separateMacrolanguages`). */
export const SEPARABLE_POOL = ['kur', 'zho', 'ara', 'fas'] as const;
export const COUNTRY_POOL = ['SY', 'ER', 'AF', 'TR', 'UA', 'SO'] as const;
/** Utrecht and neighbours, Amsterdam, Rotterdam, The Hague, Groningen, and one code without a centroid. */
export const MUNICIPALITY_POOL = ['GM0344', 'GM0356', 'GM0355', 'GM0307', 'GM0363', 'GM0599', 'GM0518', 'GM0014', 'GM9999'] as const;
export const KEY_PERSON_IDS = Array.from({ length: 40 }, (_, i) => `k${String(i).padStart(2, '0')}`);

const pad = (n: number): string => String(n).padStart(2, '0');
const time = (minutes: number): string => `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;

/** Half of all slots are common ones, so pairs often overlap; the rest are random, sometimes to the minute, and may overlap (the matcher merges them). */
const commonSlot: fc.Arbitrary<Slot> = fc.constantFrom<Slot>(
  { day: 'mon', start: '09:00', end: '12:00' },
  { day: 'tue', start: '18:00', end: '21:00' },
  { day: 'wed', start: '13:00', end: '17:00' },
  { day: 'sat', start: '10:00', end: '14:00' },
  { day: 'sun', start: '22:30', end: '24:00' },
);
const randomSlot: fc.Arbitrary<Slot> = fc
  .record({
    day: fc.constantFrom(...DAYS),
    start: fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 24, max: 88 }).map((q) => q * 15) }, fc.integer({ min: 0, max: 1430 })),
    length: fc.oneof(fc.constantFrom(45, 60, 90, 120, 180), fc.integer({ min: 1, max: 300 })),
  })
  .map(({ day, start, length }) => ({ day, start: time(start), end: time(Math.min(24 * 60, start + length)) }));
const slot: fc.Arbitrary<Slot> = fc.oneof(commonSlot, randomSlot);

const dateAround = (offsetDays: number): string => new Date(Date.UTC(2026, 2, 2) + offsetDays * 86_400_000).toISOString().slice(0, 10);

/** Usually open-ended; sometimes bounded around 2026-03-02, including ranges that already ended. */
export const availability: fc.Arbitrary<Availability> = fc
  .record({
    slots: fc.array(slot, { minLength: 1, maxLength: 6 }),
    from: fc.oneof({ weight: 5, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.integer({ min: -60, max: 30 }).map(dateAround) }),
    until: fc.oneof({ weight: 5, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.integer({ min: -10, max: 90 }).map(dateAround) }),
  })
  .map((a) => (a.from !== null && a.until !== null && a.from > a.until ? { ...a, from: a.until, until: a.from } : a));

/** Levels skewed upwards, as on real profiles; `basic` still appears. */
const level = fc.oneof(fc.constantFrom(...LANGUAGE_LEVELS), fc.constantFrom('native' as const, 'fluent' as const));

export const languages: fc.Arbitrary<LanguageSkill[]> = fc.uniqueArray(
  fc.record({ code: fc.oneof(fc.constantFrom('apc', 'arb', 'prs', 'tir', 'kmr', 'ckb'), fc.constantFrom(...LANGUAGE_POOL)), level }),
  { selector: (skill) => skill.code, minLength: 1, maxLength: 3 },
);

export const needs: fc.Arbitrary<Need[]> = fc.uniqueArray(
  fc.record({ topic: fc.constantFrom(...TOPICS), priority: fc.constantFrom(1 as const, 2 as const, 3 as const) }),
  { selector: (need) => need.topic, maxLength: 4 },
);

export const preferences: fc.Arbitrary<NewcomerPreferences> = fc.record({
  keyPersonGender: fc.constantFrom(...GENDER_PREFERENCES),
  genderRequired: fc.oneof({ weight: 3, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  sameOrigin: fc.constantFrom(...SAME_ORIGIN_CHOICES),
  remoteOk: fc.boolean(),
});

/** An instant in the months around 2026-03-02 (including the switch to summer time), with a zone. */
export const now: fc.Arbitrary<string> = fc
  .integer({ min: Date.UTC(2026, 1, 1), max: Date.UTC(2026, 4, 1) })
  .map((ms) => new Date(ms).toISOString());

export const newcomer: fc.Arbitrary<MatchingNewcomer> = fc.record({
  id: fc.constant('n-1'),
  gender: fc.option(fc.constantFrom(...GENDERS), { nil: null }),
  birthYear: fc.integer({ min: 1950, max: 2008 }),
  municipality: fc.constantFrom(...MUNICIPALITY_POOL),
  postcodeArea: fc.option(fc.integer({ min: 1000, max: 9999 }).map(String), { nil: null }),
  // Nearly everyone has a native language; listing it first is how intake records it.
  languages: fc.tuple(languages, fc.boolean(), fc.boolean()).map(([skills, native, alsoNative]) =>
    native || alsoNative ? [{ ...skills[0], level: 'native' as const }, ...skills.slice(1)] : skills,
  ),
  origin: fc.record({ country: fc.constantFrom(...COUNTRY_POOL) }),
  needs,
  availability,
  preferences,
  doNotMatch: fc.subarray(KEY_PERSON_IDS, { maxLength: 4 }),
  excludedKeyPersons: fc.subarray(KEY_PERSON_IDS, { maxLength: 4 }),
  waitingSince: fc.integer({ min: Date.UTC(2025, 6, 1), max: Date.UTC(2027, 0, 1) }).map((ms) => new Date(ms).toISOString()),
});

export const keyPerson = (id: fc.Arbitrary<string>): fc.Arbitrary<MatchingKeyPerson> =>
  fc
    .record({
      id,
      gender: fc.constantFrom(...GENDERS),
      municipality: fc.constantFrom(...MUNICIPALITY_POOL),
      postcodeArea: fc.option(fc.integer({ min: 1000, max: 9999 }).map(String), { nil: null }),
      travelRadiusKm: fc.option(fc.oneof(fc.integer({ min: 0, max: 80 }), fc.double({ min: 0, max: 80, noNaN: true })), { nil: null, freq: 8 }),
      remoteOnly: fc.oneof({ weight: 4, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
      languages,
      origin: fc.record({ country: fc.constantFrom(...COUNTRY_POOL) }),
      expertise: fc.subarray([...TOPICS]),
      capacity: fc.integer({ min: 1, max: 5 }),
      /** Load as a share of capacity; at or over capacity one time in five. */
      loadShare: fc.oneof({ weight: 4, arbitrary: fc.double({ min: 0, max: 0.99, noNaN: true }) }, { weight: 1, arbitrary: fc.constantFrom(1, 1.5) }),
      status: fc.oneof({ weight: 8, arbitrary: fc.constant('active' as const) }, { weight: 1, arbitrary: fc.constantFrom('paused' as const, 'retired' as const) }),
      availability,
    })
    .map(({ loadShare, ...rest }) => ({ ...rest, load: Math.floor(loadShare * rest.capacity) }));

/**
 * A key person made to suit `newcomer`: a language of theirs (or a sibling
 * variety) spoken well, their municipality, some of their slots. Other fields
 * stay random, so constraints still fail now and then.
 */
export const keyPersonNear = (newcomer: MatchingNewcomer, id: fc.Arbitrary<string>): fc.Arbitrary<MatchingKeyPerson> =>
  fc
    .record({
      base: keyPerson(id),
      spoken: fc.constantFrom(...newcomer.languages),
      siblingIndex: fc.nat(),
      useSibling: fc.boolean(),
      level: fc.constantFrom('native' as const, 'fluent' as const, 'conversational' as const),
      slots: fc.subarray([...newcomer.availability.slots], { minLength: 1 }),
      radius: fc.integer({ min: 5, max: 60 }),
    })
    .map(({ base, spoken, siblingIndex, useSibling, level, slots, radius }) => {
      // Siblings by macrolanguage, also of one a policy keeps separate: those pairs must then be refused.
      const siblings = LANGUAGE_POOL.filter((code) => macrolanguageGroupOf(code) === macrolanguageGroupOf(spoken.code));
      const code = useSibling && siblings.length > 0 ? siblings[siblingIndex % siblings.length] : spoken.code;
      return {
        ...base,
        municipality: newcomer.municipality,
        travelRadiusKm: radius,
        remoteOnly: false,
        languages: [{ code, level }, ...base.languages.filter((l) => l.code !== code)],
        availability: { ...base.availability, slots: [...slots, ...base.availability.slots] },
      };
    });

/** Key persons with distinct ids from `KEY_PERSON_IDS`, so the newcomer's lists hit some of them. */
export const keyPersons = (maxLength = 30): fc.Arbitrary<MatchingKeyPerson[]> =>
  fc.uniqueArray(keyPerson(fc.constantFrom(...KEY_PERSON_IDS)), { selector: (k) => k.id, minLength: Math.min(8, maxLength), maxLength });

/** About half random key persons and half made to suit the newcomer. */
export const keyPersonsFor = (newcomer: MatchingNewcomer, maxLength = 30): fc.Arbitrary<MatchingKeyPerson[]> =>
  fc.uniqueArray(
    fc.oneof(keyPerson(fc.constantFrom(...KEY_PERSON_IDS)), keyPersonNear(newcomer, fc.constantFrom(...KEY_PERSON_IDS))),
    { selector: (k) => k.id, minLength: Math.min(8, maxLength), maxLength },
  );

const weight = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 50 }), fc.double({ min: 0, max: 10, noNaN: true }));
const share = fc.double({ min: 0, max: 1, noNaN: true });
const positive = (max: number): fc.Arbitrary<number> => fc.double({ min: 0.01, max, noNaN: true });

/** Absent (as in version 1 and every policy stored before the field existed), empty, or some macrolanguages of the pool. */
const separateMacrolanguages: fc.Arbitrary<readonly string[] | undefined> = fc.oneof(
  { weight: 2, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: fc.constant(['kur', 'zho', 'ara']) },
  { weight: 2, arbitrary: fc.shuffledSubarray([...SEPARABLE_POOL]) },
);

const withSeparate = (policy: ScoringPolicy, separate: readonly string[] | undefined): ScoringPolicy =>
  separate === undefined
    ? policy
    : { ...policy, parameters: { ...policy.parameters, language: { ...policy.parameters.language, separateMacrolanguages: separate } } };

/** Absent (as in version 1 and every policy stored before the field existed), 0, or a weight. */
const genderWeight: fc.Arbitrary<number | undefined> = fc.oneof({ weight: 1, arbitrary: fc.constant(undefined) }, { weight: 2, arbitrary: weight });

const withGender = (policy: ScoringPolicy, gender: number | undefined): ScoringPolicy =>
  gender === undefined ? policy : { ...policy, weights: { ...policy.weights, gender } };

/** A newcomer who prefers a gender without requiring it: the one the gender component applies to (under a policy that weighs it). */
export const preferringGender = (newcomer: MatchingNewcomer, keyPersonGender: 'female' | 'male'): MatchingNewcomer => ({
  ...newcomer,
  preferences: { ...newcomer.preferences, keyPersonGender, genderRequired: false },
});

/** Valid policies, including extreme ones: zero weights, odd ratios, stricter constraints, macrolanguages kept separate, a gender weight or none. */
export const policy: fc.Arbitrary<ScoringPolicy> = fc.oneof(
  fc.constant(DEFAULT_POLICY),
  fc.constant(withSeparate(DEFAULT_POLICY, ['kur', 'zho', 'ara'])),
  fc.constant(withGender(DEFAULT_POLICY, GENDER_WEIGHT_RECOMMENDED)),
  fc
    .record({
      version: fc.integer({ min: 1, max: 1000 }),
      weights: fc.record({ language: weight, expertise: weight, availability: weight, proximity: weight, load: weight, waiting: weight, origin: weight }),
      constraints: fc.record({
        minSharedLevel: fc.constantFrom(...SHARED_LEVELS),
        minOverlapMinutes: fc.integer({ min: 60, max: 240 }),
        allowAsynchronousRemote: fc.boolean(),
      }),
      parameters: fc.record({
        language: fc.record({
          levelCredit: fc.tuple(share, share, share).map((c) => [...c].sort((a, b) => b - a)).map(([native, fluent, conversational]) => ({ native, fluent, conversational })),
          macrolanguageCredit: share,
        }),
        // Priority 1 is the most urgent: its weight is never below a later priority's.
        expertise: fc.record({
          priorityWeights: fc.tuple(positive(10), positive(10), positive(10)).map((w) => [...w].sort((a, b) => b - a)).map(([first, second, third]) => ({ '1': first, '2': second, '3': third })),
        }),
        availability: fc.record({ fullCreditHours: positive(20) }),
        proximity: fc.record({ halfDistanceKm: positive(100) }),
        waiting: fc.record({ fullBonusDays: positive(365) }),
      }),
    })
    .map((p) => (ALWAYS_APPLYING_COMPONENTS.some((name) => p.weights[name] > 0) ? p : { ...p, weights: { ...p.weights, language: 1 } }))
    .chain((p) => separateMacrolanguages.map((separate) => withSeparate(p, separate)))
    .chain((p) => genderWeight.map((gender) => withGender(p, gender))),
);

/** Policies that weigh the gender component (0 included). */
export const policyWeighingGender: fc.Arbitrary<ScoringPolicy> = fc.tuple(policy, weight).map(([p, gender]) => withGender(p, gender));

/** A newcomer, key persons partly made to suit them, a policy and a time: one ranking problem. */
export interface RankingInput {
  readonly newcomer: MatchingNewcomer;
  readonly candidates: MatchingKeyPerson[];
  readonly policy: ScoringPolicy;
  readonly now: string;
}

export const rankingInput = (maxCandidates = 30): fc.Arbitrary<RankingInput> =>
  newcomer.chain((n) => fc.record({ newcomer: fc.constant(n), candidates: keyPersonsFor(n, maxCandidates), policy, now }));
