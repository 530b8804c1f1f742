/**
 * Draws shared by newcomers and key persons: origin and community, gender,
 * place of residence.
 */
import { Gender } from '@sleutel/domain';
import { municipalityWeights } from './municipality-weights';
import { LanguageCommunity, OriginProfile } from './origins';
import { postcodeAreaFor } from './postcode-areas';
import { Random, Weighted } from './random';

const MUNICIPALITIES = municipalityWeights();

export function originFrom(table: Weighted<OriginProfile>, random: Random): { origin: OriginProfile; community: LanguageCommunity } {
  const origin = random.weighted(table);
  const community = random.weighted(origin.communities.map((candidate) => [candidate, candidate.weight] as const));
  return { origin, community };
}

/** Gender as stated; `other` is rare but real and must flow through matching. */
export function genderFrom(femaleShare: number, random: Random): Gender {
  if (random.chance(0.005)) return 'other';
  return random.chance(femaleShare) ? 'female' : 'male';
}

export function residenceFrom(random: Random): { municipality: string; postcodeArea: string | null } {
  const municipality = random.weighted(MUNICIPALITIES);
  return { municipality, postcodeArea: postcodeAreaFor(municipality, random) };
}
