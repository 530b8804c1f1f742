/**
 * A newcomer's profile (SPEC §3) as stored in events, the input a
 * registration carries, and the one place that validates and completes it.
 */
import { FieldViolation } from '../domain-error';
import {
  Availability, AvailabilityInput, Contact, ContactInput, Gender, LanguageSkill, Need,
  NewcomerPreferences, Origin,
} from '../profile';
import { availabilityViolations, toAvailability } from '../rules/availability.rules';
import { contactViolations, toContact } from '../rules/contact.rules';
import { doNotMatchViolations, toKeyPersonIds } from '../rules/do-not-match.rules';
import { notesViolations } from '../rules/free-text.rules';
import { languagesViolations, toLanguageSkills } from '../rules/languages.rules';
import { originViolations, toOrigin } from '../rules/origin.rules';
import { birthYearViolations, displayNameViolations, optionalGenderViolations, toDisplayName } from '../rules/personal-details.rules';
import { DEFAULT_NEWCOMER_PREFERENCES, mergePreferences, preferencesViolations } from '../rules/preferences.rules';
import { municipalityViolations, postcodeAreaViolations } from '../rules/residence.rules';
import { needsViolations, toNeeds } from '../rules/topics.rules';
import { ifGiven, isRecord, toOptionalText } from '../rules/value.rules';
import { violation } from '../rules/violation';

export interface NewcomerProfile {
  readonly displayName: string;
  readonly contact: Contact;
  readonly birthYear: number;
  readonly gender: Gender | null;
  readonly municipality: string;
  readonly postcodeArea: string | null;
  readonly languages: readonly LanguageSkill[];
  readonly origin: Origin;
  readonly needs: readonly Need[];
  readonly availability: Availability;
  readonly preferences: NewcomerPreferences;
  /** Key person ids. */
  readonly doNotMatch: readonly string[];
  readonly notes: string | null;
}

/** What a registration carries; the decider fills in what is left out. */
export interface NewcomerProfileInput {
  readonly displayName: string;
  readonly contact?: ContactInput | null;
  readonly birthYear: number;
  readonly gender?: Gender | null;
  readonly municipality: string;
  readonly postcodeArea?: string | null;
  readonly languages: readonly LanguageSkill[];
  readonly origin: Origin;
  readonly needs: readonly Need[];
  readonly availability: AvailabilityInput;
  /** Merged over the defaults: any gender, not required, no origin preference, no remote contact. */
  readonly preferences?: Partial<NewcomerPreferences> | null;
  readonly doNotMatch?: readonly string[] | null;
  readonly notes?: string | null;
}

export type NewcomerPersonalDetails = Pick<NewcomerProfile, 'displayName' | 'birthYear' | 'gender'>;
export type NewcomerResidence = Pick<NewcomerProfile, 'municipality' | 'postcodeArea'>;

export const personalDetailsOf = (from: NewcomerPersonalDetails): NewcomerPersonalDetails => ({
  displayName: from.displayName,
  birthYear: from.birthYear,
  gender: from.gender,
});

export const residenceOf = (from: NewcomerResidence): NewcomerResidence => ({
  municipality: from.municipality,
  postcodeArea: from.postcodeArea,
});

/** Every violation of a registration; `at` dates the birth-year plausibility check and the availability's dates. */
export function newcomerProfileViolations(input: NewcomerProfileInput, at: string): FieldViolation[] {
  // Defensive: a body that is not even an object has one thing wrong with it.
  if (!isRecord(input)) return [violation('profile', 'type', 'The profile must be an object')];
  return [
    ...displayNameViolations(input.displayName),
    ...contactViolations(input.contact),
    ...birthYearViolations(input.birthYear, at),
    ...optionalGenderViolations(input.gender),
    ...municipalityViolations(input.municipality),
    ...postcodeAreaViolations(input.postcodeArea),
    ...languagesViolations(input.languages),
    ...originViolations(input.origin),
    ...needsViolations(input.needs),
    ...availabilityViolations(input.availability, at),
    ...preferencesViolations(input.preferences, mergePreferences(DEFAULT_NEWCOMER_PREFERENCES, input.preferences)),
    ...ifGiven(input.doNotMatch ?? undefined, (ids) => doNotMatchViolations(ids)),
    ...notesViolations(input.notes),
  ];
}

/** The stored profile: defaults applied, values normalised, unknown fields dropped. Input must be valid. */
export const toNewcomerProfile = (input: NewcomerProfileInput): NewcomerProfile => ({
  displayName: toDisplayName(input.displayName),
  contact: toContact(input.contact),
  birthYear: input.birthYear,
  gender: input.gender ?? null,
  municipality: input.municipality,
  postcodeArea: input.postcodeArea ?? null,
  languages: toLanguageSkills(input.languages),
  origin: toOrigin(input.origin),
  needs: toNeeds(input.needs),
  availability: toAvailability(input.availability),
  preferences: mergePreferences(DEFAULT_NEWCOMER_PREFERENCES, input.preferences),
  doNotMatch: toKeyPersonIds(input.doNotMatch ?? []),
  notes: toOptionalText(input.notes),
});
