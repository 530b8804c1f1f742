/**
 * A newcomer and one candidate key person, with the measurements that both
 * the hard constraints and the components need (distance, common weekdays,
 * overlap) computed at most once and only when first asked for.
 */
import type { MatchingKeyPerson } from '../matching-key-person';
import type { MatchingNewcomer } from '../matching-newcomer';
import { commonWeekdays, dateBoundsOf } from '../measures/availability-period';
import { kmBetween } from '../measures/municipality-distance';
import { bothAcceptRemote } from '../measures/remote-contact';
import { overlapMinutes, weekIntervalsOf } from '../measures/weekly-intervals';
import { ScoringPolicy } from '../policy/scoring-policy';
import { NewcomerFacts } from './newcomer-facts';

export class CandidatePair {
  private km: number | null | undefined;
  private weekdays: number | undefined;
  private overlap: number | undefined;

  constructor(
    readonly facts: NewcomerFacts,
    readonly keyPerson: MatchingKeyPerson,
  ) {}

  get newcomer(): MatchingNewcomer {
    return this.facts.newcomer;
  }

  get policy(): ScoringPolicy {
    return this.facts.policy;
  }

  get distanceKm(): number | null {
    if (this.km === undefined) this.km = kmBetween(this.newcomer.municipality, this.keyPerson.municipality);
    return this.km;
  }

  get bothAcceptRemote(): boolean {
    return bothAcceptRemote(this.newcomer, this.keyPerson);
  }

  /** Both accept remote contact and the policy lets that stand in for shared hours. */
  get overlapWaived(): boolean {
    return this.bothAcceptRemote && this.policy.constraints.allowAsynchronousRemote;
  }

  /** Weekdays on which both availabilities apply from today; 0 when their date ranges leave no common day. */
  get commonWeekdays(): number {
    if (this.weekdays === undefined) {
      const mine = this.facts.bounds;
      const theirs = dateBoundsOf(this.keyPerson.availability);
      this.weekdays = commonWeekdays(this.facts.today, mine.from, mine.until, theirs.from, theirs.until);
    }
    return this.weekdays;
  }

  get overlapMinutes(): number {
    if (this.overlap === undefined) {
      this.overlap = overlapMinutes(this.facts.intervals, weekIntervalsOf(this.keyPerson.availability.slots), this.commonWeekdays);
    }
    return this.overlap;
  }
}
