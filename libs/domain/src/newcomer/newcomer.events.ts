import type { ErasureBasis } from '../erasure';
/**
 * What happened to a newcomer. The `type` strings and data shapes are the
 * storage contract: once stored, never changed (a new shape is a new schema
 * version with an upcaster, see `event-schemas.ts`). Data is plain JSON:
 * absent values are `null`, and change events carry the whole section after
 * the change, so a reader needs no earlier event to know the current value.
 */
import { DomainEvent } from '../decider';
import { Availability, Contact, LanguageSkill, Need, NewcomerPreferences, Origin } from '../profile';
import { NewcomerDeferral, NewcomerMatchOutcome } from './newcomer.matching';
import { NewcomerPersonalDetails, NewcomerProfile, NewcomerResidence } from './newcomer.profile';

type NewcomerEventOf<Type extends string, Data extends object> = DomainEvent<Type, { readonly newcomerId: string } & Readonly<Data>>;

export type NewcomerRegistered = NewcomerEventOf<'NewcomerRegistered', { registeredAt: string; profile: NewcomerProfile }>;
export type NewcomerPersonalDetailsChanged = NewcomerEventOf<'NewcomerPersonalDetailsChanged', NewcomerPersonalDetails>;
export type NewcomerResidenceChanged = NewcomerEventOf<'NewcomerResidenceChanged', NewcomerResidence>;
export type NewcomerContactChanged = NewcomerEventOf<'NewcomerContactChanged', { contact: Contact }>;
export type NewcomerLanguagesChanged = NewcomerEventOf<'NewcomerLanguagesChanged', { languages: readonly LanguageSkill[] }>;
export type NewcomerOriginChanged = NewcomerEventOf<'NewcomerOriginChanged', { origin: Origin }>;
export type NewcomerNeedsChanged = NewcomerEventOf<'NewcomerNeedsChanged', { needs: readonly Need[] }>;
export type NewcomerAvailabilityChanged = NewcomerEventOf<'NewcomerAvailabilityChanged', { availability: Availability }>;
export type NewcomerPreferencesChanged = NewcomerEventOf<'NewcomerPreferencesChanged', { preferences: NewcomerPreferences }>;
export type NewcomerDoNotMatchChanged = NewcomerEventOf<'NewcomerDoNotMatchChanged', { keyPersonIds: readonly string[] }>;
export type NewcomerNotesChanged = NewcomerEventOf<'NewcomerNotesChanged', { notes: string | null }>;
/**
 * Schema version 2: `openMatchId` names the proposal or match that was open
 * when the newcomer withdrew (the settlement withdraws it), so the trail says
 * what the withdrawal ended without folding the stream. Version 1 lacked it;
 * its upcaster (`newcomer.upcasters.ts`) reads it as null: not recorded.
 */
export type NewcomerWithdrawn = NewcomerEventOf<'NewcomerWithdrawn', { withdrawnAt: string; reason: string | null; openMatchId: string | null }>;
/**
 * The newcomer's personal data was erased (ids, times and codes only, so it
 * stays readable): like a withdrawal, and the profile is gone for good.
 * `openMatchId` is what the settlement withdraws.
 */
export type NewcomerErased = NewcomerEventOf<'NewcomerErased', { erasedAt: string; basis: ErasureBasis; openMatchId: string | null }>;
export type NewcomerMatchReserved = NewcomerEventOf<'NewcomerMatchReserved', { matchId: string; keyPersonId: string; reservedAt: string }>;
/**
 * The newcomer lets go of their open match, with how it came out. Also, as
 * `failed`, for a match released before that failed afterwards (a proposal
 * left behind by a race between matcher workers, then rejected, declined or
 * expired): that one only bars its key person, and leaves the open match,
 * if any, alone (since 2026-11-30).
 */
export type NewcomerMatchReleased = NewcomerEventOf<
  'NewcomerMatchReleased',
  { matchId: string; keyPersonId: string; outcome: NewcomerMatchOutcome; releasedAt: string; waitStartedAt: string | null }
>;
export type NewcomerMatchingDeferred = NewcomerEventOf<'NewcomerMatchingDeferred', NewcomerDeferral & { deferredAt: string }>;
/**
 * An explicit request for matching; the matcher answers it like any other cause.
 * Schema version 2: `waitStartedAt` is `requestedAt` when the request put a
 * newcomer whose match had ended back in line, so their waiting time counts
 * from then (SPEC §5's waiting component and cohort bonus); null when they
 * were waiting already. Version 1 lacked it; its upcaster reads it as null,
 * which leaves the wait where it was, as version 1 always did: an old
 * history folds to what it folded to when its proposals were scored
 * (invariant 7).
 */
export type NewcomerMatchingRequested = NewcomerEventOf<'NewcomerMatchingRequested', { requestedAt: string; waitStartedAt: string | null }>;

export type NewcomerEvent =
  | NewcomerRegistered
  | NewcomerPersonalDetailsChanged
  | NewcomerResidenceChanged
  | NewcomerContactChanged
  | NewcomerLanguagesChanged
  | NewcomerOriginChanged
  | NewcomerNeedsChanged
  | NewcomerAvailabilityChanged
  | NewcomerPreferencesChanged
  | NewcomerDoNotMatchChanged
  | NewcomerNotesChanged
  | NewcomerWithdrawn
  | NewcomerErased
  | NewcomerMatchReserved
  | NewcomerMatchReleased
  | NewcomerMatchingDeferred
  | NewcomerMatchingRequested;

export type NewcomerEventType = NewcomerEvent['type'];
