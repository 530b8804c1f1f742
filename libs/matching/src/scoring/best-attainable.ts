/**
 * The best score any key person could get for this newcomer under this
 * policy: one who speaks the newcomer's best language natively, knows every
 * need, is free whenever the newcomer is, lives in the same municipality, has
 * no load, (when asked) shares their origin and (when preferred) is of the
 * preferred gender. Waiting is the newcomer's own.
 * Every real candidate's component values are at most these, and rounding
 * down is monotone, so a real score never exceeds it; `shareOfBest` divides by it.
 */
import { availabilityValue } from '../components/availability.component';
import { languageValue } from '../components/language.component';
import { waitingValue } from '../components/waiting.component';
import { LEVEL_RANK } from '../measures/language-levels';
import { totalMinutes } from '../measures/weekly-intervals';
import { contributionOf } from './contributions';
import { NewcomerFacts } from './newcomer-facts';

export function bestAttainableScore(facts: NewcomerFacts): number {
  const { newcomer, policy } = facts;
  const ownBestRank = Math.max(0, ...newcomer.languages.map((skill) => LEVEL_RANK[skill.level]));
  const values = [
    ownBestRank >= facts.minSharedRank ? languageValue(ownBestRank, true, policy.parameters.language) : 0,
    1,
    availabilityValue(totalMinutes(facts.intervals), policy.parameters.availability),
    1,
    1,
    waitingValue(facts.waitingDays, policy.parameters.waiting),
    1,
    1,
  ];
  let score = 0;
  values.forEach((value, index) => (score += contributionOf(value, facts.factors[index])));
  return score;
}
