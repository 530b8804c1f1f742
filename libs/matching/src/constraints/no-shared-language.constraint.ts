/**
 * At least one language both speak at the policy's minimum level (never below
 * conversational) or better (SPEC §4 inv. 5). Two varieties of one
 * macrolanguage count as shared — `apc` and `arb` speakers understand each
 * other — and earn only partial credit in the language component; not so
 * within a macrolanguage the policy keeps separate (Kurmanji and Sorani).
 */
import { sharesLanguage } from '../measures/language-levels';
import { separateMacrolanguagesOf } from '../policy/separate-macrolanguages';
import { HardConstraint } from './hard-constraint';

export const noSharedLanguage: HardConstraint = {
  reason: 'no-shared-language',
  excludes: (pair) =>
    !sharesLanguage(pair.newcomer.languages, pair.keyPerson.languages, pair.facts.minSharedRank, separateMacrolanguagesOf(pair.policy.parameters.language)),
};
