import { NewcomerState } from '@sleutel/domain';
import { MatchingNewcomer } from '@sleutel/matching';

/**
 * A newcomer as the scorer sees it, from the state the newcomer's stream
 * folds to. Waiting counts from when they last started waiting, not from
 * registration: months in an accepted match that ended are not waiting.
 */
export function toMatchingNewcomer(id: string, state: NewcomerState): MatchingNewcomer | null {
  const { profile, waitingSince } = state;
  if (profile === null || waitingSince === null) return null;
  return {
    id,
    gender: profile.gender,
    birthYear: profile.birthYear,
    municipality: profile.municipality,
    postcodeArea: profile.postcodeArea,
    languages: profile.languages,
    origin: profile.origin,
    needs: profile.needs,
    availability: profile.availability,
    preferences: profile.preferences,
    doNotMatch: profile.doNotMatch,
    excludedKeyPersons: state.failedKeyPersonIds,
    waitingSince,
  };
}
