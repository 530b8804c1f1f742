/**
 * The best score any key person could get for this newcomer under this
 * policy: one who speaks the newcomer's best language natively, knows every
 * need, is free whenever the newcomer is (on the weekdays the newcomer's own
 * date range leaves from today), lives in the same municipality, has no load,
 * (when asked) shares their origin and (when preferred) is of the preferred
 * gender. Waiting is the newcomer's own.
 * Every real candidate's component values are at most these, and rounding
 * down is monotone, so a real score never exceeds it; `shareOfBest` divides by it.
 */
import { availabilityValue } from '../components/availability.component';
import { languageValue } from '../components/language.component';
import { waitingValue } from '../components/waiting.component';
import { commonWeekdays } from '../measures/availability-period';
import { LEVEL_RANK } from '../measures/language-levels';
import { totalMinutes } from '../measures/weekly-intervals';
import { contributionOf } from './contributions';
import { NewcomerFacts } from './newcomer-facts';

export function bestAttainableScore(facts: NewcomerFacts): number {
  // An ideal key person's availability has no dates of its own; the newcomer's still limit the weekdays, as for every real pair.
  const weekdays = commonWeekdays(facts.today, facts.bounds.from, facts.bounds.until, Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY);
  return bestWithAvailableMinutes(facts, totalMinutes(facts.intervals, weekdays));
}

/**
 * As explanations recorded until 2026-11-30 computed it: every weekly slot
 * of the newcomer's, whatever their date range left. Overstated the best for a
 * newcomer with less than a week of availability left, so that even a key
 * person free whenever they are got a share below 1. Kept only so that those
 * explanations still reproduce bit for bit (SPEC §4 inv. 7); they lack
 * `bestAttainableWithinDates`.
 */
export function bestAttainableIgnoringDates(facts: NewcomerFacts): number {
  return bestWithAvailableMinutes(facts, totalMinutes(facts.intervals));
}

function bestWithAvailableMinutes(facts: NewcomerFacts, availableMinutes: number): number {
  const { newcomer, policy } = facts;
  const ownBestRank = Math.max(0, ...newcomer.languages.map((skill) => LEVEL_RANK[skill.level]));
  const values = [
    ownBestRank >= facts.minSharedRank ? languageValue(ownBestRank, true, policy.parameters.language) : 0,
    1,
    availabilityValue(availableMinutes, policy.parameters.availability),
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
