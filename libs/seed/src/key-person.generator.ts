/**
 * One synthetic key person, drawn from its own random stream. Most key persons
 * are former newcomers (same origins and languages, Dutch now fluent); the
 * rest were born here. Most are volunteers, whose tax-free allowance caps at
 * about 37.5 hours a month (2025: €210 a month at €5.60 an hour), so their
 * hours stay below that; a few go over it, and paid key persons work part-time.
 */
import { derivedId } from '@sleutel/domain';
import { Engagement, Gender, KeyPersonProfileInput, LanguageSkill } from '@sleutel/domain';
import { KEY_PERSON_HABITS, weeklySlots } from './availability';
import { dutchBornLanguages, formerNewcomerLanguages } from './languages';
import { displayNameOf, nameOf, PersonName, syntheticEmail } from './names';
import { DUTCH_BORN_KEY_PERSON_SHARE, ORIGINS } from './origins';
import { genderFrom, originFrom, residenceFrom } from './people';
import { Random, Weighted } from './random';
import { expertiseFor } from './topics';

export interface SeededKeyPerson {
  readonly id: string;
  readonly profile: KeyPersonProfileInput;
}

/** Key-person programmes recruit women somewhat more often (health and family roles). */
const FEMALE_SHARE = 0.55;
/** Second-generation Turkish Dutch are the largest group among Dutch-born key persons with a second home language. */
const TURKISH_HERITAGE_SHARE = 0.2;
const PAID_SHARE = 0.15;
const REMOTE_ONLY_SHARE = 0.06;

const CAPACITY: Readonly<Record<Engagement, Weighted<number>>> = {
  volunteer: [[1, 30], [2, 35], [3, 22], [4, 9], [5, 4]],
  paid: [[2, 15], [3, 30], [4, 30], [5, 25]],
};
/** Whole hours: the profile takes integers, so the 37.5-hour cap becomes 37 at most. */
const MONTHLY_HOURS: Readonly<Record<Engagement, Weighted<number>>> = {
  volunteer: [[4, 8], [8, 20], [12, 18], [16, 18], [20, 14], [24, 8], [30, 7], [36, 4], [40, 2], [48, 1]],
  paid: [[32, 20], [48, 25], [64, 25], [80, 15], [96, 10], [120, 5]],
};
const TRAVEL_RADIUS_KM: Weighted<number> = [[5, 15], [10, 30], [15, 20], [20, 15], [25, 8], [30, 7], [40, 5]];

const ORIGIN_TABLE = ORIGINS.map((origin) => [origin, origin.keyPersonWeight] as const);

export const keyPersonId = (seed: string, index: number): string => derivedId(`seed|${seed}|key-person|${index}`);

export function generateKeyPerson(seed: string, index: number): SeededKeyPerson {
  const random = Random.for(`${seed}|key-person|${index}`);
  const gender = genderFrom(FEMALE_SHARE, random);
  const background = backgroundOf(gender, random);
  const engagement: Engagement = random.chance(PAID_SHARE) ? 'paid' : 'volunteer';
  const remoteOnly = random.chance(REMOTE_ONLY_SHARE);
  const profile: KeyPersonProfileInput = {
    displayName: displayNameOf(background.name),
    contact: { email: syntheticEmail(background.name, `k${index}`) },
    gender,
    ...residenceFrom(random),
    // A remote-only key person may leave the radius out; half of them do.
    travelRadiusKm: remoteOnly && random.chance(0.5) ? null : random.weighted(TRAVEL_RADIUS_KM),
    remoteOnly,
    languages: background.languages,
    origin: { country: background.country },
    expertise: expertiseFor(random),
    capacity: random.weighted(CAPACITY[engagement]),
    maxHoursPerMonth: random.weighted(MONTHLY_HOURS[engagement]),
    availability: { slots: weeklySlots(KEY_PERSON_HABITS, random) },
    engagement,
  };
  return { id: keyPersonId(seed, index), profile };
}

interface Background {
  readonly country: string;
  readonly name: PersonName;
  readonly languages: LanguageSkill[];
}

function backgroundOf(gender: Gender, random: Random): Background {
  if (random.chance(DUTCH_BORN_KEY_PERSON_SHARE)) {
    const turkish = random.chance(TURKISH_HERITAGE_SHARE);
    return { country: 'NL', name: nameOf(turkish ? 'turkish' : 'dutch', gender, random), languages: dutchBornLanguages(turkish, random) };
  }
  const { origin, community } = originFrom(ORIGIN_TABLE, random);
  return { country: origin.country, name: nameOf(community.names, gender, random), languages: formerNewcomerLanguages(community, random) };
}
