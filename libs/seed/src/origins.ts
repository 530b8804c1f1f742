/**
 * Who the newcomers are: countries of origin with weights, and per country the
 * language communities with their mother tongues and other home languages.
 *
 * Weights (relative, not percentages) follow the shape of first asylum
 * applications plus family reunification (nareizigers) in the Netherlands in
 * 2022–2024, as published by the IND (Asylum Trends, yearly reports) and CBS
 * (StatLine "Asielverzoeken en nareizigers; nationaliteit"): Syria by far the
 * largest group, then Eritrea (many through family reunification), Turkey,
 * Afghanistan, Yemen, Somalia, Iraq, Iran, Sudan and Ethiopia. Ukrainians hold
 * temporary protection rather than a residence permit, but municipalities
 * support them too, so they are included at a modest weight. The figures are
 * rounded and deliberately coarse: they make a plausible mix, not statistics.
 *
 * Key persons are mostly former newcomers who arrived earlier, so their weights
 * lean to the older communities (Iraq, Afghanistan, Somalia, Iran) and less to
 * the recent arrivals (Yemen, Ukraine).
 *
 * Female shares are for adults: first applicants are mostly men, family
 * reunification mostly women, Ukrainian adults under protection mostly women.
 * Language communities and their shares are assumptions from the languages
 * spoken in each country (Ethnologue-level knowledge), e.g. Kurds among
 * Syrian, Turkish, Iraqi and Iranian applicants, Tigre speakers among
 * Eritreans, Darfuri languages among Sudanese.
 */
import { LanguageLevel } from '@sleutel/domain';
import { NameTradition } from './names';
import { Weighted } from './random';

export interface HomeLanguage {
  readonly code: string;
  readonly probability: number;
  readonly levels: Weighted<LanguageLevel>;
}

export interface LanguageCommunity {
  readonly name: string;
  readonly weight: number;
  readonly names: NameTradition;
  /** The mother tongue, one of these (ISO 639-3). */
  readonly native: Weighted<string>;
  /** Other languages from home or school; a code equal to the mother tongue is skipped. */
  readonly also: readonly HomeLanguage[];
}

export interface OriginProfile {
  /** ISO 3166-1 alpha-2. */
  readonly country: string;
  readonly newcomerWeight: number;
  readonly keyPersonWeight: number;
  readonly femaleShare: number;
  /** Chance that a person speaks some English. */
  readonly englishShare: number;
  readonly communities: readonly LanguageCommunity[];
}

const FLUENT: Weighted<LanguageLevel> = [['fluent', 1]];
const FLUENT_OR_CONVERSATIONAL: Weighted<LanguageLevel> = [['fluent', 0.6], ['conversational', 0.4]];
const CONVERSATIONAL_OR_BASIC: Weighted<LanguageLevel> = [['conversational', 0.6], ['basic', 0.4]];
/** Standard Arabic from school: most Arabic speakers read and follow it well. */
const STANDARD_ARABIC = (probability: number, levels = FLUENT_OR_CONVERSATIONAL): HomeLanguage => ({ code: 'arb', probability, levels });

export const ORIGINS: readonly OriginProfile[] = [
  {
    country: 'SY', newcomerWeight: 32, keyPersonWeight: 30, femaleShare: 0.4, englishShare: 0.5,
    communities: [
      { name: 'Syrian Arabs', weight: 0.85, names: 'levantine', native: [['apc', 0.75], ['arb', 0.25]], also: [STANDARD_ARABIC(0.45)] },
      {
        name: 'Syrian Kurds', weight: 0.15, names: 'kurdish', native: [['kmr', 1]],
        also: [{ code: 'apc', probability: 0.85, levels: FLUENT_OR_CONVERSATIONAL }, STANDARD_ARABIC(0.2, CONVERSATIONAL_OR_BASIC)],
      },
    ],
  },
  {
    country: 'ER', newcomerWeight: 12, keyPersonWeight: 10, femaleShare: 0.45, englishShare: 0.35,
    communities: [
      {
        name: 'Tigrinya speakers', weight: 0.9, names: 'habesha', native: [['tir', 1]],
        also: [STANDARD_ARABIC(0.12, CONVERSATIONAL_OR_BASIC), { code: 'amh', probability: 0.1, levels: CONVERSATIONAL_OR_BASIC }],
      },
      {
        name: 'Tigre speakers', weight: 0.1, names: 'habesha', native: [['tig', 1]],
        also: [{ code: 'tir', probability: 0.9, levels: FLUENT_OR_CONVERSATIONAL }, STANDARD_ARABIC(0.3, CONVERSATIONAL_OR_BASIC)],
      },
    ],
  },
  {
    country: 'TR', newcomerWeight: 10, keyPersonWeight: 8, femaleShare: 0.35, englishShare: 0.5,
    communities: [
      { name: 'Turkish speakers', weight: 0.7, names: 'turkish', native: [['tur', 1]], also: [] },
      { name: 'Kurds from Turkey', weight: 0.3, names: 'kurdish', native: [['kmr', 1]], also: [{ code: 'tur', probability: 1, levels: FLUENT }] },
    ],
  },
  {
    country: 'AF', newcomerWeight: 8, keyPersonWeight: 10, femaleShare: 0.35, englishShare: 0.45,
    communities: [
      { name: 'Dari speakers', weight: 0.6, names: 'afghan', native: [['prs', 1]], also: [{ code: 'pus', probability: 0.2, levels: CONVERSATIONAL_OR_BASIC }] },
      { name: 'Pashto speakers', weight: 0.4, names: 'afghan', native: [['pus', 1]], also: [{ code: 'prs', probability: 0.6, levels: FLUENT_OR_CONVERSATIONAL }] },
    ],
  },
  {
    country: 'UA', newcomerWeight: 8, keyPersonWeight: 4, femaleShare: 0.65, englishShare: 0.6,
    communities: [
      { name: 'Ukrainian speakers', weight: 0.65, names: 'ukrainian', native: [['ukr', 1]], also: [{ code: 'rus', probability: 0.9, levels: FLUENT_OR_CONVERSATIONAL }] },
      { name: 'Russian speakers', weight: 0.35, names: 'ukrainian', native: [['rus', 1]], also: [{ code: 'ukr', probability: 0.8, levels: FLUENT_OR_CONVERSATIONAL }] },
    ],
  },
  {
    country: 'YE', newcomerWeight: 7, keyPersonWeight: 3, femaleShare: 0.2, englishShare: 0.45,
    communities: [
      { name: 'Yemenis', weight: 1, names: 'yemeni', native: [['ayn', 0.45], ['acq', 0.35], ['ayh', 0.2]], also: [STANDARD_ARABIC(0.7)] },
    ],
  },
  {
    country: 'SO', newcomerWeight: 5, keyPersonWeight: 8, femaleShare: 0.45, englishShare: 0.35,
    communities: [{ name: 'Somalis', weight: 1, names: 'somali', native: [['som', 1]], also: [STANDARD_ARABIC(0.25, CONVERSATIONAL_OR_BASIC)] }],
  },
  {
    country: 'IQ', newcomerWeight: 5, keyPersonWeight: 9, femaleShare: 0.4, englishShare: 0.45,
    communities: [
      { name: 'Iraqi Arabs', weight: 0.55, names: 'iraqi', native: [['acm', 1]], also: [STANDARD_ARABIC(0.5)] },
      {
        name: 'Sorani-speaking Kurds', weight: 0.25, names: 'kurdish', native: [['ckb', 1]],
        also: [{ code: 'acm', probability: 0.3, levels: CONVERSATIONAL_OR_BASIC }, STANDARD_ARABIC(0.15, CONVERSATIONAL_OR_BASIC)],
      },
      {
        name: 'Kurmanji-speaking Kurds and Yazidis', weight: 0.2, names: 'kurdish', native: [['kmr', 1]],
        also: [{ code: 'acm', probability: 0.3, levels: CONVERSATIONAL_OR_BASIC }, { code: 'ckb', probability: 0.2, levels: CONVERSATIONAL_OR_BASIC }],
      },
    ],
  },
  {
    country: 'IR', newcomerWeight: 4, keyPersonWeight: 7, femaleShare: 0.4, englishShare: 0.65,
    communities: [
      { name: 'Persian speakers', weight: 0.8, names: 'persian', native: [['pes', 1]], also: [] },
      { name: 'Iranian Kurds', weight: 0.1, names: 'kurdish', native: [['ckb', 1]], also: [{ code: 'pes', probability: 1, levels: FLUENT }] },
      { name: 'Iranian Azerbaijanis', weight: 0.1, names: 'persian', native: [['azb', 1]], also: [{ code: 'pes', probability: 1, levels: FLUENT }] },
    ],
  },
  {
    country: 'SD', newcomerWeight: 3, keyPersonWeight: 2, femaleShare: 0.15, englishShare: 0.45,
    communities: [
      { name: 'Sudanese Arabic speakers', weight: 0.8, names: 'sudanese', native: [['apd', 1]], also: [STANDARD_ARABIC(0.6)] },
      { name: 'Darfuris', weight: 0.2, names: 'sudanese', native: [['fvr', 0.6], ['mls', 0.4]], also: [{ code: 'apd', probability: 0.9, levels: FLUENT_OR_CONVERSATIONAL }] },
    ],
  },
  {
    country: 'ET', newcomerWeight: 2, keyPersonWeight: 4, femaleShare: 0.45, englishShare: 0.45,
    communities: [
      { name: 'Amharic speakers', weight: 0.45, names: 'habesha', native: [['amh', 1]], also: [] },
      { name: 'Oromo speakers', weight: 0.35, names: 'oromo', native: [['orm', 1]], also: [{ code: 'amh', probability: 0.6, levels: FLUENT_OR_CONVERSATIONAL }] },
      { name: 'Tigrinya speakers', weight: 0.2, names: 'habesha', native: [['tir', 1]], also: [{ code: 'amh', probability: 0.6, levels: FLUENT }] },
    ],
  },
];

/** Key persons born in the Netherlands: the share of the pool that is not a former newcomer. */
export const DUTCH_BORN_KEY_PERSON_SHARE = 0.15;
