/**
 * A key person's profile (SPEC §3) as stored in events, the input a
 * registration carries, and the one place that validates and completes it.
 */
import { FieldViolation } from '../domain-error';
import { Availability, AvailabilityInput, Contact, ContactInput, Engagement, Gender, LanguageSkill, Origin, Topic } from '../profile';
import { availabilityViolations, toAvailability } from '../rules/availability.rules';
import { capacityViolations, engagementViolations, monthlyHoursViolations } from '../rules/commitment.rules';
import { keyPersonContactViolations, toContact } from '../rules/contact.rules';
import { languagesViolations, toLanguageSkills } from '../rules/languages.rules';
import { originViolations, toOrigin } from '../rules/origin.rules';
import { displayNameViolations, genderViolations, toDisplayName } from '../rules/personal-details.rules';
import { municipalityViolations, postcodeAreaViolations, travelRadiusViolations } from '../rules/residence.rules';
import { expertiseViolations, toTopics } from '../rules/topics.rules';
import { isRecord, requiredBoolean } from '../rules/value.rules';
import { violation } from '../rules/violation';

export interface KeyPersonProfile {
  readonly displayName: string;
  readonly contact: Contact;
  readonly gender: Gender;
  readonly municipality: string;
  readonly postcodeArea: string | null;
  /** `null` only for a key person who works remotely only and gave no radius. */
  readonly travelRadiusKm: number | null;
  readonly remoteOnly: boolean;
  readonly languages: readonly LanguageSkill[];
  readonly origin: Origin;
  readonly expertise: readonly Topic[];
  /** Maximum concurrent newcomers (open proposals plus accepted matches). */
  readonly capacity: number;
  readonly maxHoursPerMonth: number;
  readonly availability: Availability;
  readonly engagement: Engagement;
}

/** What a registration carries; the decider fills in what is left out. */
export interface KeyPersonProfileInput {
  readonly displayName: string;
  readonly contact?: ContactInput | null;
  readonly gender: Gender;
  readonly municipality: string;
  readonly postcodeArea?: string | null;
  /** Required unless `remoteOnly`. */
  readonly travelRadiusKm?: number | null;
  readonly remoteOnly?: boolean | null;
  readonly languages: readonly LanguageSkill[];
  readonly origin: Origin;
  readonly expertise: readonly Topic[];
  readonly capacity: number;
  readonly maxHoursPerMonth: number;
  readonly availability: AvailabilityInput;
  readonly engagement: Engagement;
}

export type KeyPersonPersonalDetails = Pick<KeyPersonProfile, 'displayName' | 'gender'>;
export type KeyPersonResidence = Pick<KeyPersonProfile, 'municipality' | 'postcodeArea' | 'travelRadiusKm' | 'remoteOnly'>;

export const personalDetailsOf = (from: KeyPersonPersonalDetails): KeyPersonPersonalDetails => ({
  displayName: from.displayName,
  gender: from.gender,
});

export const residenceOf = (from: KeyPersonResidence): KeyPersonResidence => ({
  municipality: from.municipality,
  postcodeArea: from.postcodeArea,
  travelRadiusKm: from.travelRadiusKm,
  remoteOnly: from.remoteOnly,
});

/** `remoteOnly` left out or `null` means "no": most key persons meet in person. */
export const remoteOnlyViolations = (value: unknown, field = 'remoteOnly'): FieldViolation[] =>
  value === undefined || value === null ? [] : requiredBoolean(value, field, 'Remote only');

/** Every violation of a registration; `at` dates the availability's dates. */
export function keyPersonProfileViolations(input: KeyPersonProfileInput, at: string): FieldViolation[] {
  // Defensive: a body that is not even an object has one thing wrong with it.
  if (!isRecord(input)) return [violation('profile', 'type', 'The profile must be an object')];
  return [
    ...displayNameViolations(input.displayName),
    ...keyPersonContactViolations(input.contact),
    ...genderViolations(input.gender),
    ...municipalityViolations(input.municipality),
    ...postcodeAreaViolations(input.postcodeArea),
    ...remoteOnlyViolations(input.remoteOnly),
    ...travelRadiusViolations(input.travelRadiusKm, input.remoteOnly === true),
    ...languagesViolations(input.languages),
    ...originViolations(input.origin),
    ...expertiseViolations(input.expertise),
    ...capacityViolations(input.capacity),
    ...monthlyHoursViolations(input.maxHoursPerMonth),
    ...availabilityViolations(input.availability, at),
    ...engagementViolations(input.engagement),
  ];
}

/** The stored profile: defaults applied, values normalised, unknown fields dropped. Input must be valid. */
export const toKeyPersonProfile = (input: KeyPersonProfileInput): KeyPersonProfile => ({
  displayName: toDisplayName(input.displayName),
  contact: toContact(input.contact),
  gender: input.gender,
  municipality: input.municipality,
  postcodeArea: input.postcodeArea ?? null,
  travelRadiusKm: input.travelRadiusKm ?? null,
  remoteOnly: input.remoteOnly ?? false,
  languages: toLanguageSkills(input.languages),
  origin: toOrigin(input.origin),
  expertise: toTopics(input.expertise),
  capacity: input.capacity,
  maxHoursPerMonth: input.maxHoursPerMonth,
  availability: toAvailability(input.availability),
  engagement: input.engagement,
});
