/**
 * One pure function per profile change of a key person (active or paused).
 * Each validates what the command carries (a stale value elsewhere in the
 * profile, e.g. a municipality merged away, must not block an unrelated
 * correction) plus the rules that span the merged section, and emits the
 * whole section, or nothing when it did not change.
 */
import { availabilityViolations, toAvailability } from '../rules/availability.rules';
import { capacityViolations, engagementViolations, monthlyHoursViolations } from '../rules/commitment.rules';
import { keyPersonContactViolations, toContact } from '../rules/contact.rules';
import { languagesViolations, toLanguageSkills } from '../rules/languages.rules';
import { originViolations, toOrigin } from '../rules/origin.rules';
import { displayNameViolations, genderViolations, toDisplayName } from '../rules/personal-details.rules';
import { municipalityViolations, postcodeAreaViolations, travelRadiusViolations } from '../rules/residence.rules';
import { expertiseViolations, toTopics } from '../rules/topics.rules';
import { ifGiven, requiredBoolean } from '../rules/value.rules';
import { sectionChange } from '../section-change';
import {
  ChangeKeyPersonAvailability, ChangeKeyPersonCapacity, ChangeKeyPersonContact, ChangeKeyPersonEngagement,
  ChangeKeyPersonExpertise, ChangeKeyPersonLanguages, ChangeKeyPersonMonthlyHours, ChangeKeyPersonOrigin,
  ChangeKeyPersonPersonalDetails, ChangeKeyPersonResidence,
} from './key-person.commands';
import { KEY_PERSON_ERRORS, keyPersonCapacityBelowLoad } from './key-person.errors';
import { KeyPersonEvent } from './key-person.events';
import { KeyPersonProfile, personalDetailsOf, residenceOf } from './key-person.profile';

const change = sectionChange<KeyPersonEvent>(KEY_PERSON_ERRORS.invalidProfile, 'key person profile');

export const changePersonalDetails = ({ data }: ChangeKeyPersonPersonalDetails, profile: KeyPersonProfile): KeyPersonEvent[] =>
  change(
    [...ifGiven(data.displayName, (value) => displayNameViolations(value)), ...ifGiven(data.gender, (value) => genderViolations(value))],
    personalDetailsOf(profile),
    () => ({
      displayName: data.displayName === undefined ? profile.displayName : toDisplayName(data.displayName),
      gender: data.gender ?? profile.gender,
    }),
    (section) => ({ type: 'KeyPersonPersonalDetailsChanged', data: { keyPersonId: data.keyPersonId, ...section } }),
  );

/**
 * The radius is checked against the merged `remoteOnly`, so switching to
 * in-person contact without a radius on record is refused at `travelRadiusKm`.
 */
export const changeResidence = ({ data }: ChangeKeyPersonResidence, profile: KeyPersonProfile): KeyPersonEvent[] => {
  const remoteOnly = data.remoteOnly === undefined ? profile.remoteOnly : data.remoteOnly === true;
  const travelRadiusKm = data.travelRadiusKm === undefined ? profile.travelRadiusKm : data.travelRadiusKm;
  return change(
    [
      ...ifGiven(data.municipality, (value) => municipalityViolations(value)),
      ...ifGiven(data.postcodeArea, (value) => postcodeAreaViolations(value)),
      ...ifGiven(data.remoteOnly, (value) => requiredBoolean(value, 'remoteOnly', 'Remote only')),
      ...travelRadiusViolations(travelRadiusKm, remoteOnly),
    ],
    residenceOf(profile),
    () => ({
      municipality: data.municipality ?? profile.municipality,
      postcodeArea: data.postcodeArea === undefined ? profile.postcodeArea : data.postcodeArea,
      travelRadiusKm,
      remoteOnly,
    }),
    (section) => ({ type: 'KeyPersonResidenceChanged', data: { keyPersonId: data.keyPersonId, ...section } }),
  );
};

export const changeContact = ({ data }: ChangeKeyPersonContact, profile: KeyPersonProfile): KeyPersonEvent[] =>
  change(keyPersonContactViolations(data.contact), profile.contact, () => toContact(data.contact), (contact) => ({
    type: 'KeyPersonContactChanged',
    data: { keyPersonId: data.keyPersonId, contact },
  }));

export const changeLanguages = ({ data }: ChangeKeyPersonLanguages, profile: KeyPersonProfile): KeyPersonEvent[] =>
  change(languagesViolations(data.languages), profile.languages, () => toLanguageSkills(data.languages), (languages) => ({
    type: 'KeyPersonLanguagesChanged',
    data: { keyPersonId: data.keyPersonId, languages },
  }));

export const changeOrigin = ({ data }: ChangeKeyPersonOrigin, profile: KeyPersonProfile): KeyPersonEvent[] =>
  change(originViolations(data.origin), profile.origin, () => toOrigin(data.origin), (origin) => ({
    type: 'KeyPersonOriginChanged',
    data: { keyPersonId: data.keyPersonId, origin },
  }));

export const changeExpertise = ({ data }: ChangeKeyPersonExpertise, profile: KeyPersonProfile): KeyPersonEvent[] =>
  change(expertiseViolations(data.expertise), profile.expertise, () => toTopics(data.expertise), (expertise) => ({
    type: 'KeyPersonExpertiseChanged',
    data: { keyPersonId: data.keyPersonId, expertise },
  }));

/**
 * Lowering the capacity below the places taken (`load`) would break invariant 1
 * at once, so it is refused rather than silently closing someone's match.
 */
export const changeCapacity = ({ data }: ChangeKeyPersonCapacity, profile: KeyPersonProfile, load: number): KeyPersonEvent[] =>
  change(capacityViolations(data.capacity), profile.capacity, () => capacityNotBelow(load, data.capacity), (capacity) => ({
    type: 'KeyPersonCapacityChanged',
    data: { keyPersonId: data.keyPersonId, capacity },
  }));

function capacityNotBelow(load: number, capacity: number): number {
  if (capacity < load) throw keyPersonCapacityBelowLoad();
  return capacity;
}

export const changeMonthlyHours = ({ data }: ChangeKeyPersonMonthlyHours, profile: KeyPersonProfile): KeyPersonEvent[] =>
  change(monthlyHoursViolations(data.maxHoursPerMonth), profile.maxHoursPerMonth, () => data.maxHoursPerMonth, (maxHoursPerMonth) => ({
    type: 'KeyPersonMonthlyHoursChanged',
    data: { keyPersonId: data.keyPersonId, maxHoursPerMonth },
  }));

export const changeAvailability = ({ data }: ChangeKeyPersonAvailability, profile: KeyPersonProfile): KeyPersonEvent[] =>
  change(availabilityViolations(data.availability, data.at), profile.availability, () => toAvailability(data.availability), (availability) => ({
    type: 'KeyPersonAvailabilityChanged',
    data: { keyPersonId: data.keyPersonId, availability },
  }));

export const changeEngagement = ({ data }: ChangeKeyPersonEngagement, profile: KeyPersonProfile): KeyPersonEvent[] =>
  change(engagementViolations(data.engagement), profile.engagement, () => data.engagement, (engagement) => ({
    type: 'KeyPersonEngagementChanged',
    data: { keyPersonId: data.keyPersonId, engagement },
  }));
