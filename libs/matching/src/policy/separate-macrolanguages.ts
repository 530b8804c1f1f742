/**
 * Macrolanguages a policy keeps apart (`parameters.language.separateMacrolanguages`).
 * ISO 639-3 groups under one macrolanguage both varieties that understand
 * each other (Levantine and Standard Arabic) and distinct languages that do
 * not (Kurmanji and Sorani); only the policy can tell the matcher which is
 * which. Version 1 keeps none apart, and must stay so (SPEC §4 inv. 7).
 */
import { LanguageParameters } from './scoring-policy';

const NONE: readonly string[] = Object.freeze([]);

/** The policy's separate macrolanguages; none when the field is absent (version 1, and policies stored before it existed). */
export function separateMacrolanguagesOf(parameters: LanguageParameters): readonly string[] {
  return parameters.separateMacrolanguages ?? NONE;
}

/**
 * What we recommend for `separateMacrolanguages` in a new policy version:
 * only macrolanguages whose members are clearly distinct languages, so
 * that a pair sharing just the macrolanguage cannot be assumed to talk.
 * Left out on purpose: Arabic, Persian, Pashto, Malay, Serbo-Croatian and
 * Albanian, whose varieties mostly understand each other (partial credit is
 * right for them); Quechua, Zapotec and Aymara, whose members range from
 * mutually intelligible to not, so keeping them apart would also refuse
 * pairs who can talk.
 */
export const SEPARATE_MACROLANGUAGES_RECOMMENDED: readonly string[] = Object.freeze([
  // Kurdish: Kurmanji (kmr, mostly Latin script) and Sorani (ckb, Arabic script), and Southern Kurdish (sdh),
  // are largely not mutually intelligible; a Kurmanji speaker and a Sorani speaker need a third language.
  'kur',
  // Chinese: Mandarin (cmn), Cantonese (yue), Min Nan (nan), Wu (wuu), Hakka (hak) … are spoken languages that
  // do not understand each other; they share a writing system, not a conversation.
  'zho',
]);
