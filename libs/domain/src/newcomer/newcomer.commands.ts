import type { ErasureBasis } from '../erasure';
/**
 * What can be asked of a newcomer. The `type` strings are the contract with
 * the command runner and the audit trail (`metadata.command`). Every command
 * carries the server's time `at` (ISO-8601), since the domain has no clock.
 */
import { DomainCommand } from '../decider';
import { AvailabilityInput, ContactInput, Gender, LanguageSkill, Need, NewcomerPreferences, Origin } from '../profile';
import { NewcomerDeferral, NewcomerMatchOutcome } from './newcomer.matching';
import { NewcomerProfileInput } from './newcomer.profile';

type NewcomerCommandOf<Type extends string, Data extends object = object> = DomainCommand<
  Type,
  { readonly newcomerId: string; readonly at: string } & Readonly<Data>
>;

export type RegisterNewcomer = NewcomerCommandOf<'RegisterNewcomer', { profile: NewcomerProfileInput }>;
/** Fields left out stay as they are; `gender: null` clears it. */
export type ChangeNewcomerPersonalDetails = NewcomerCommandOf<
  'ChangeNewcomerPersonalDetails',
  { displayName?: string; birthYear?: number; gender?: Gender | null }
>;
/** Fields left out stay as they are; `postcodeArea: null` clears it. */
export type ChangeNewcomerResidence = NewcomerCommandOf<
  'ChangeNewcomerResidence',
  { municipality?: string; postcodeArea?: string | null }
>;
/** Replaces the contact details as a whole. */
export type ChangeNewcomerContact = NewcomerCommandOf<'ChangeNewcomerContact', { contact: ContactInput }>;
export type ChangeNewcomerLanguages = NewcomerCommandOf<'ChangeNewcomerLanguages', { languages: readonly LanguageSkill[] }>;
export type ChangeNewcomerOrigin = NewcomerCommandOf<'ChangeNewcomerOrigin', { origin: Origin }>;
export type ChangeNewcomerNeeds = NewcomerCommandOf<'ChangeNewcomerNeeds', { needs: readonly Need[] }>;
export type ChangeNewcomerAvailability = NewcomerCommandOf<'ChangeNewcomerAvailability', { availability: AvailabilityInput }>;
/** Merged over the current preferences. */
export type ChangeNewcomerPreferences = NewcomerCommandOf<'ChangeNewcomerPreferences', { preferences: Partial<NewcomerPreferences> }>;
export type ChangeNewcomerDoNotMatch = NewcomerCommandOf<'ChangeNewcomerDoNotMatch', { keyPersonIds: readonly string[] }>;
export type ChangeNewcomerNotes = NewcomerCommandOf<'ChangeNewcomerNotes', { notes: string | null }>;
export type WithdrawNewcomer = NewcomerCommandOf<'WithdrawNewcomer', { reason: string | null }>;
/** Crypto-shredding's event: the newcomer's personal data becomes unreadable once their key is destroyed next. */
export type EraseNewcomer = NewcomerCommandOf<'EraseNewcomer', { basis: ErasureBasis }>;
/** Step 1 of proposing (by the matcher worker): hold the newcomer for this match with this key person. */
export type ReserveNewcomerForMatch = NewcomerCommandOf<'ReserveNewcomerForMatch', { matchId: string; keyPersonId: string }>;
/**
 * Lets go of the open match (by the process manager, or the worker that lost the capacity race).
 * `wasAccepted`: both parties had accepted the match before it closed (a withdrawal then ends time spent in a match, not waiting).
 * `keyPersonId`: the match's key person, from the match's stream; a failed match the newcomer had already let go of
 * (a proposal left behind by a race between matcher workers, then rejected, declined or expired) still bars them.
 */
export type ReleaseNewcomerMatch = NewcomerCommandOf<
  'ReleaseNewcomerMatch', { matchId: string; outcome: NewcomerMatchOutcome; wasAccepted?: boolean; keyPersonId?: string }
>;
/**
 * The matcher found nobody feasible: records why, so coordinators can act on it.
 * `retry`: found on a look at the waiting list (a key person, a place or the
 * policy changed), not on a request of the newcomer's own (intake, a profile
 * change, a release, an explicit request).
 */
export type RecordNewcomerUnmatched = NewcomerCommandOf<'RecordNewcomerUnmatched', NewcomerDeferral & { retry?: boolean }>;
/** Someone asks for matching again (SPEC §9 `POST /newcomers/{id}/match-requests`). */
export type RequestNewcomerMatching = NewcomerCommandOf<'RequestNewcomerMatching'>;

export type NewcomerCommand =
  | RegisterNewcomer
  | ChangeNewcomerPersonalDetails
  | ChangeNewcomerResidence
  | ChangeNewcomerContact
  | ChangeNewcomerLanguages
  | ChangeNewcomerOrigin
  | ChangeNewcomerNeeds
  | ChangeNewcomerAvailability
  | ChangeNewcomerPreferences
  | ChangeNewcomerDoNotMatch
  | ChangeNewcomerNotes
  | WithdrawNewcomer
  | EraseNewcomer
  | ReserveNewcomerForMatch
  | ReleaseNewcomerMatch
  | RecordNewcomerUnmatched
  | RequestNewcomerMatching;
