/**
 * The languages a person speaks, consistent with where they come from.
 * Newcomers are at the start of civic integration: Dutch is absent or basic,
 * rarely conversational. Key persons have lived here for years and work in
 * Dutch: fluent, or native for those who grew up here.
 */
import { LanguageLevel, LanguageSkill } from '@sleutel/domain';
import { LanguageCommunity, OriginProfile } from './origins';
import { Random, Weighted } from './random';

const NEWCOMER_ENGLISH: Weighted<LanguageLevel> = [['basic', 0.35], ['conversational', 0.4], ['fluent', 0.25]];
const NEWCOMER_DUTCH: Weighted<LanguageLevel | null> = [[null, 0.45], ['basic', 0.45], ['conversational', 0.1]];
const KEY_PERSON_ENGLISH: Weighted<LanguageLevel> = [['conversational', 0.4], ['fluent', 0.6]];
const KEY_PERSON_DUTCH: Weighted<LanguageLevel> = [['fluent', 0.8], ['native', 0.2]];
/** Key persons are often chosen because they get by in English as well as Dutch. */
const KEY_PERSON_ENGLISH_SHARE = 0.7;

/** Mother tongue first, then the other home languages the dice grant. */
export function homeLanguages(community: LanguageCommunity, random: Random): LanguageSkill[] {
  const native = random.weighted(community.native);
  const skills: LanguageSkill[] = [{ code: native, level: 'native' }];
  for (const also of community.also) {
    if (also.code !== native && random.chance(also.probability)) skills.push({ code: also.code, level: random.weighted(also.levels) });
  }
  return skills;
}

export function newcomerLanguages(origin: OriginProfile, community: LanguageCommunity, random: Random): LanguageSkill[] {
  const skills = homeLanguages(community, random);
  if (random.chance(origin.englishShare)) skills.push({ code: 'eng', level: random.weighted(NEWCOMER_ENGLISH) });
  const dutch = random.weighted(NEWCOMER_DUTCH);
  if (dutch !== null) skills.push({ code: 'nld', level: dutch });
  return skills;
}

export function formerNewcomerLanguages(community: LanguageCommunity, random: Random): LanguageSkill[] {
  const skills = homeLanguages(community, random);
  skills.push({ code: 'nld', level: random.weighted(KEY_PERSON_DUTCH) });
  if (random.chance(KEY_PERSON_ENGLISH_SHARE)) skills.push({ code: 'eng', level: random.weighted(KEY_PERSON_ENGLISH) });
  return skills;
}

/** Dutch-born key persons; some grew up with Turkish at home as well. */
export function dutchBornLanguages(heritageTurkish: boolean, random: Random): LanguageSkill[] {
  const skills: LanguageSkill[] = [{ code: 'nld', level: 'native' }];
  if (heritageTurkish) skills.push({ code: 'tur', level: 'fluent' });
  skills.push({ code: 'eng', level: random.weighted(KEY_PERSON_ENGLISH) });
  return skills;
}
