/**
 * One pure function per profile change of an active newcomer. Each validates
 * only what the command carries (a stale value elsewhere in the profile, e.g.
 * a municipality merged away, must not block an unrelated correction), merges
 * it over the current section, and emits the whole section, or nothing when
 * it did not change.
 */
import { availabilityViolations, toAvailability } from '../rules/availability.rules';
import { contactViolations, toContact } from '../rules/contact.rules';
import { doNotMatchViolations, toKeyPersonIds } from '../rules/do-not-match.rules';
import { notesViolations } from '../rules/free-text.rules';
import { languagesViolations, toLanguageSkills } from '../rules/languages.rules';
import { originViolations, toOrigin } from '../rules/origin.rules';
import { birthYearViolations, displayNameViolations, optionalGenderViolations, toDisplayName } from '../rules/personal-details.rules';
import { mergePreferences, preferencesViolations } from '../rules/preferences.rules';
import { municipalityViolations, postcodeAreaViolations } from '../rules/residence.rules';
import { needsViolations, toNeeds } from '../rules/topics.rules';
import { ifGiven, toOptionalText } from '../rules/value.rules';
import { sectionChange } from '../section-change';
import {
  ChangeNewcomerAvailability, ChangeNewcomerContact, ChangeNewcomerDoNotMatch, ChangeNewcomerLanguages,
  ChangeNewcomerNeeds, ChangeNewcomerNotes, ChangeNewcomerOrigin, ChangeNewcomerPersonalDetails,
  ChangeNewcomerPreferences, ChangeNewcomerResidence,
} from './newcomer.commands';
import { NEWCOMER_ERRORS } from './newcomer.errors';
import { NewcomerEvent } from './newcomer.events';
import { NewcomerProfile, personalDetailsOf, residenceOf } from './newcomer.profile';

const change = sectionChange<NewcomerEvent>(NEWCOMER_ERRORS.invalidProfile, 'newcomer profile');

export const changePersonalDetails = ({ data }: ChangeNewcomerPersonalDetails, profile: NewcomerProfile): NewcomerEvent[] =>
  change(
    [
      ...ifGiven(data.displayName, (value) => displayNameViolations(value)),
      ...ifGiven(data.birthYear, (value) => birthYearViolations(value, data.at)),
      ...ifGiven(data.gender, (value) => optionalGenderViolations(value)),
    ],
    personalDetailsOf(profile),
    () => ({
      displayName: data.displayName === undefined ? profile.displayName : toDisplayName(data.displayName),
      birthYear: data.birthYear ?? profile.birthYear,
      gender: data.gender === undefined ? profile.gender : data.gender,
    }),
    (section) => ({ type: 'NewcomerPersonalDetailsChanged', data: { newcomerId: data.newcomerId, ...section } }),
  );

export const changeResidence = ({ data }: ChangeNewcomerResidence, profile: NewcomerProfile): NewcomerEvent[] =>
  change(
    [
      ...ifGiven(data.municipality, (value) => municipalityViolations(value)),
      ...ifGiven(data.postcodeArea, (value) => postcodeAreaViolations(value)),
    ],
    residenceOf(profile),
    () => ({
      municipality: data.municipality ?? profile.municipality,
      postcodeArea: data.postcodeArea === undefined ? profile.postcodeArea : data.postcodeArea,
    }),
    (section) => ({ type: 'NewcomerResidenceChanged', data: { newcomerId: data.newcomerId, ...section } }),
  );

export const changeContact = ({ data }: ChangeNewcomerContact, profile: NewcomerProfile): NewcomerEvent[] =>
  change(contactViolations(data.contact), profile.contact, () => toContact(data.contact), (contact) => ({
    type: 'NewcomerContactChanged',
    data: { newcomerId: data.newcomerId, contact },
  }));

export const changeLanguages = ({ data }: ChangeNewcomerLanguages, profile: NewcomerProfile): NewcomerEvent[] =>
  change(languagesViolations(data.languages), profile.languages, () => toLanguageSkills(data.languages), (languages) => ({
    type: 'NewcomerLanguagesChanged',
    data: { newcomerId: data.newcomerId, languages },
  }));

export const changeOrigin = ({ data }: ChangeNewcomerOrigin, profile: NewcomerProfile): NewcomerEvent[] =>
  change(originViolations(data.origin), profile.origin, () => toOrigin(data.origin), (origin) => ({
    type: 'NewcomerOriginChanged',
    data: { newcomerId: data.newcomerId, origin },
  }));

export const changeNeeds = ({ data }: ChangeNewcomerNeeds, profile: NewcomerProfile): NewcomerEvent[] =>
  change(needsViolations(data.needs), profile.needs, () => toNeeds(data.needs), (needs) => ({
    type: 'NewcomerNeedsChanged',
    data: { newcomerId: data.newcomerId, needs },
  }));

export const changeAvailability = ({ data }: ChangeNewcomerAvailability, profile: NewcomerProfile): NewcomerEvent[] =>
  change(availabilityViolations(data.availability, data.at), profile.availability, () => toAvailability(data.availability), (availability) => ({
    type: 'NewcomerAvailabilityChanged',
    data: { newcomerId: data.newcomerId, availability },
  }));

export const changePreferences = ({ data }: ChangeNewcomerPreferences, profile: NewcomerProfile): NewcomerEvent[] => {
  const merged = mergePreferences(profile.preferences, data.preferences);
  return change(preferencesViolations(data.preferences, merged), profile.preferences, () => merged, (preferences) => ({
    type: 'NewcomerPreferencesChanged',
    data: { newcomerId: data.newcomerId, preferences },
  }));
};

export const changeDoNotMatch = ({ data }: ChangeNewcomerDoNotMatch, profile: NewcomerProfile): NewcomerEvent[] =>
  change(doNotMatchViolations(data.keyPersonIds), profile.doNotMatch, () => toKeyPersonIds(data.keyPersonIds), (keyPersonIds) => ({
    type: 'NewcomerDoNotMatchChanged',
    data: { newcomerId: data.newcomerId, keyPersonIds },
  }));

export const changeNotes = ({ data }: ChangeNewcomerNotes, profile: NewcomerProfile): NewcomerEvent[] =>
  change(notesViolations(data.notes), profile.notes, () => toOptionalText(data.notes), (notes) => ({
    type: 'NewcomerNotesChanged',
    data: { newcomerId: data.newcomerId, notes },
  }));
