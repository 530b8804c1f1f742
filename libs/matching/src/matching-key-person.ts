/**
 * A key person as the matcher sees it: profile fields that matter for a
 * pairing, their current load and their status. Plain readonly JSON.
 */
import type { Availability, Gender, LanguageSkill, Origin, Topic } from '@sleutel/domain';

export type MatchingKeyPersonStatus = 'active' | 'paused' | 'retired';

export interface MatchingKeyPerson {
  readonly id: string;
  readonly gender: Gender;
  readonly municipality: string;
  readonly postcodeArea: string | null;
  /** `null` only for a remote-only key person; treated as 0 km otherwise. */
  readonly travelRadiusKm: number | null;
  readonly remoteOnly: boolean;
  readonly languages: readonly LanguageSkill[];
  readonly origin: Origin;
  readonly expertise: readonly Topic[];
  /** Maximum concurrent newcomers. */
  readonly capacity: number;
  /** Open proposals plus accepted matches. */
  readonly load: number;
  readonly status: MatchingKeyPersonStatus;
  readonly availability: Availability;
}
