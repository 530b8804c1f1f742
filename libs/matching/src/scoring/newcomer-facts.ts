/**
 * Everything about one newcomer that ranking needs, computed once per request
 * instead of once per candidate: parsed times, intervals, look-up sets and the
 * normalised weights of the components that apply to them.
 */
import { genderApplies } from '../components/gender.component';
import { originApplies } from '../components/origin.component';
import type { MatchingNewcomer } from '../matching-newcomer';
import { DateBounds, dateBoundsOf } from '../measures/availability-period';
import { amsterdamDay, DAY_MS, instantMs } from '../measures/calendar';
import { LEVEL_RANK } from '../measures/language-levels';
import { WeekIntervals, weekIntervalsOf } from '../measures/weekly-intervals';
import { ScoringPolicy } from '../policy/scoring-policy';
import { ComponentApplicability, componentFactors } from './contributions';

export interface NewcomerFacts {
  readonly newcomer: MatchingNewcomer;
  readonly policy: ScoringPolicy;
  /** Day number of `now` in Europe/Amsterdam: availability that ended before it no longer counts. */
  readonly today: number;
  readonly waitingDays: number;
  readonly intervals: WeekIntervals;
  readonly bounds: DateBounds;
  readonly doNotMatch: ReadonlySet<string>;
  readonly previouslyFailed: ReadonlySet<string>;
  readonly minSharedRank: number;
  readonly applies: ComponentApplicability;
  /** Normalised weights in `COMPONENT_NAMES` order. */
  readonly factors: readonly number[];
}

/** `now` is an ISO 8601 instant with a zone; the matcher passes it in, so scoring never reads a clock. */
export function newcomerFacts(newcomer: MatchingNewcomer, policy: ScoringPolicy, now: string): NewcomerFacts {
  const nowMs = instantMs(now, 'now');
  const waitingMs = nowMs - instantMs(newcomer.waitingSince, 'waitingSince');
  const applies: ComponentApplicability = {
    language: true,
    expertise: newcomer.needs.length > 0,
    availability: true,
    proximity: true,
    load: true,
    waiting: true,
    origin: originApplies(newcomer),
    gender: genderApplies(newcomer, policy),
  };
  return {
    newcomer,
    policy,
    today: amsterdamDay(nowMs),
    waitingDays: waitingMs > 0 ? waitingMs / DAY_MS : 0,
    intervals: weekIntervalsOf(newcomer.availability.slots),
    bounds: dateBoundsOf(newcomer.availability),
    doNotMatch: new Set(newcomer.doNotMatch),
    previouslyFailed: new Set(newcomer.excludedKeyPersons),
    minSharedRank: LEVEL_RANK[policy.constraints.minSharedLevel],
    applies,
    factors: componentFactors(policy, applies),
  };
}
