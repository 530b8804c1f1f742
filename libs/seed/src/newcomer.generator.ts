/**
 * One synthetic newcomer, drawn from its own random stream, so newcomer `i`
 * of a seed is always the same person whatever the population size.
 */
import { derivedId } from '@sleutel/domain';
import { Gender, NewcomerPreferences, NewcomerProfileInput, SameOriginChoice } from '@sleutel/domain';
import { NEWCOMER_HABITS, weeklySlots } from './availability';
import { newcomerLanguages } from './languages';
import { displayNameOf, nameOf, syntheticEmail } from './names';
import { ORIGINS } from './origins';
import { genderFrom, originFrom, residenceFrom } from './people';
import { Random, Weighted } from './random';
import { needsFor } from './topics';

export interface SeededNewcomer {
  readonly id: string;
  readonly profile: NewcomerProfileInput;
}

/**
 * Birth years are reckoned from a fixed year, not the clock, so a seed gives
 * the same people next year. Adult status holders are young: most are
 * between 18 and 45 (IND/CBS age profiles of asylum applicants).
 */
export const REFERENCE_YEAR = 2025;
const AGE_BANDS: Weighted<readonly [number, number]> = [
  [[17, 24], 25], [[25, 34], 35], [[35, 44], 22], [[45, 54], 11], [[55, 65], 6], [[66, 70], 1],
];

const SAME_ORIGIN: Weighted<SameOriginChoice> = [['no-preference', 75], ['yes', 18], ['no', 7]];
/** A few intake records leave gender out: the profile allows it, so matching must cope. */
const GENDER_STATED_SHARE = 0.97;
const CONTACT_SHARE = 0.85;

const ORIGIN_TABLE = ORIGINS.map((origin) => [origin, origin.newcomerWeight] as const);

export const newcomerId = (seed: string, index: number): string => derivedId(`seed|${seed}|newcomer|${index}`);

export function generateNewcomer(seed: string, index: number): SeededNewcomer {
  const random = Random.for(`${seed}|newcomer|${index}`);
  const { origin, community } = originFrom(ORIGIN_TABLE, random);
  const gender = random.chance(GENDER_STATED_SHARE) ? genderFrom(origin.femaleShare, random) : null;
  const [youngest, oldest] = random.weighted(AGE_BANDS);
  const age = random.int(youngest, oldest);
  const name = nameOf(community.names, gender, random);
  const profile: NewcomerProfileInput = {
    displayName: displayNameOf(name),
    contact: random.chance(CONTACT_SHARE) ? { email: syntheticEmail(name, `n${index}`) } : null,
    birthYear: REFERENCE_YEAR - age,
    gender,
    ...residenceFrom(random),
    languages: newcomerLanguages(origin, community, random),
    origin: { country: origin.country },
    needs: needsFor(age, random),
    availability: { slots: weeklySlots(NEWCOMER_HABITS, random) },
    preferences: preferencesFor(gender, age, random),
    doNotMatch: [],
    notes: `Synthetic profile from the seed command (seed ${JSON.stringify(seed)}).`,
  };
  return { id: newcomerId(seed, index), profile };
}

/**
 * Most newcomers accept any key person. Some women ask for a woman, and about
 * half of those insist; a few men ask for a man. Same origin is an opt-in
 * (SPEC §3): some want it, a few explicitly do not (fear of their own
 * community's reach). Younger people accept remote contact more readily.
 */
function preferencesFor(gender: Gender | null, age: number, random: Random): NewcomerPreferences {
  let keyPersonGender: NewcomerPreferences['keyPersonGender'] = 'any';
  let genderRequired = false;
  if (gender === 'female' && random.chance(0.3)) {
    keyPersonGender = 'female';
    genderRequired = random.chance(0.55);
  } else if (gender === 'male' && random.chance(0.06)) {
    keyPersonGender = 'male';
    genderRequired = random.chance(0.25);
  }
  return {
    keyPersonGender,
    genderRequired,
    sameOrigin: random.weighted(SAME_ORIGIN),
    remoteOk: random.chance(age < 35 ? 0.35 : 0.2),
  };
}
