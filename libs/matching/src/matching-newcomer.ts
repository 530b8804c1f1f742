/**
 * A newcomer as the matcher sees it: the profile fields that matter for a
 * pairing plus what the log knows about earlier attempts. Plain readonly JSON,
 * so a job can rebuild it from events and an auditor can store and replay it.
 */
import type { Availability, Gender, LanguageSkill, Need, NewcomerPreferences, Origin } from '@sleutel/domain';

export interface MatchingNewcomer {
  readonly id: string;
  readonly gender: Gender | null;
  readonly birthYear: number;
  /** CBS code, e.g. `GM0344`; proximity is measured between municipality centroids. */
  readonly municipality: string;
  readonly postcodeArea: string | null;
  readonly languages: readonly LanguageSkill[];
  readonly origin: Origin;
  readonly needs: readonly Need[];
  readonly availability: Availability;
  readonly preferences: NewcomerPreferences;
  /** Key person ids the newcomer must never be paired with. */
  readonly doNotMatch: readonly string[];
  /** Key person ids of pairs that were rejected, declined or expired (SPEC §4 inv. 3). */
  readonly excludedKeyPersons: readonly string[];
  /** ISO 8601 instant with a zone (`Z` or `±HH:MM`), or a date; when the newcomer started waiting. */
  readonly waitingSince: string;
}
