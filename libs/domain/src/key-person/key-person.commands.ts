import type { ErasureBasis } from '../erasure';
/**
 * What can be asked of a key person. The `type` strings are the contract with
 * the command runner and the audit trail (`metadata.command`). Every command
 * carries the server's time `at` (ISO-8601), since the domain has no clock.
 */
import { DomainCommand } from '../decider';
import { AvailabilityInput, ContactInput, Engagement, Gender, LanguageSkill, Origin, Topic } from '../profile';
import { KeyPersonProfileInput } from './key-person.profile';

type KeyPersonCommandOf<Type extends string, Data extends object = object> = DomainCommand<
  Type,
  { readonly keyPersonId: string; readonly at: string } & Readonly<Data>
>;

/** Crypto-shredding's event: the key person's personal data becomes unreadable once their key is destroyed next. */
export type EraseKeyPerson = KeyPersonCommandOf<'EraseKeyPerson', { basis: ErasureBasis }>;
export type RegisterKeyPerson = KeyPersonCommandOf<'RegisterKeyPerson', { profile: KeyPersonProfileInput }>;
/** Fields left out stay as they are. */
export type ChangeKeyPersonPersonalDetails = KeyPersonCommandOf<'ChangeKeyPersonPersonalDetails', { displayName?: string; gender?: Gender }>;
/** Fields left out stay as they are; `null` clears the postcode area or the radius (the latter only when remote only). */
export type ChangeKeyPersonResidence = KeyPersonCommandOf<
  'ChangeKeyPersonResidence',
  { municipality?: string; postcodeArea?: string | null; travelRadiusKm?: number | null; remoteOnly?: boolean }
>;
/** Replaces the contact details as a whole. */
export type ChangeKeyPersonContact = KeyPersonCommandOf<'ChangeKeyPersonContact', { contact: ContactInput }>;
export type ChangeKeyPersonLanguages = KeyPersonCommandOf<'ChangeKeyPersonLanguages', { languages: readonly LanguageSkill[] }>;
export type ChangeKeyPersonOrigin = KeyPersonCommandOf<'ChangeKeyPersonOrigin', { origin: Origin }>;
export type ChangeKeyPersonExpertise = KeyPersonCommandOf<'ChangeKeyPersonExpertise', { expertise: readonly Topic[] }>;
export type ChangeKeyPersonCapacity = KeyPersonCommandOf<'ChangeKeyPersonCapacity', { capacity: number }>;
export type ChangeKeyPersonMonthlyHours = KeyPersonCommandOf<'ChangeKeyPersonMonthlyHours', { maxHoursPerMonth: number }>;
export type ChangeKeyPersonAvailability = KeyPersonCommandOf<'ChangeKeyPersonAvailability', { availability: AvailabilityInput }>;
export type ChangeKeyPersonEngagement = KeyPersonCommandOf<'ChangeKeyPersonEngagement', { engagement: Engagement }>;
export type PauseKeyPerson = KeyPersonCommandOf<'PauseKeyPerson', { reason: string | null }>;
export type ResumeKeyPerson = KeyPersonCommandOf<'ResumeKeyPerson'>;
export type RetireKeyPerson = KeyPersonCommandOf<'RetireKeyPerson', { reason: string | null }>;
/** Step 2 of proposing (by the matcher worker): take one of the key person's places for this match. */
export type ReserveKeyPersonCapacity = KeyPersonCommandOf<'ReserveKeyPersonCapacity', { matchId: string; newcomerId: string }>;
/** Gives the place back (by the process manager when the match closes, or the worker cancelling). */
export type ReleaseKeyPersonCapacity = KeyPersonCommandOf<'ReleaseKeyPersonCapacity', { matchId: string }>;

export type KeyPersonCommand =
  | EraseKeyPerson
  | RegisterKeyPerson
  | ChangeKeyPersonPersonalDetails
  | ChangeKeyPersonResidence
  | ChangeKeyPersonContact
  | ChangeKeyPersonLanguages
  | ChangeKeyPersonOrigin
  | ChangeKeyPersonExpertise
  | ChangeKeyPersonCapacity
  | ChangeKeyPersonMonthlyHours
  | ChangeKeyPersonAvailability
  | ChangeKeyPersonEngagement
  | PauseKeyPerson
  | ResumeKeyPerson
  | RetireKeyPerson
  | ReserveKeyPersonCapacity
  | ReleaseKeyPersonCapacity;
