import type { ErasureBasis } from '../erasure';
/**
 * What happened to a key person. The `type` strings and data shapes are the
 * storage contract: once stored, never changed (a new shape is a new schema
 * version with an upcaster, see `event-schemas.ts`). Data is plain JSON:
 * absent values are `null`, and change events carry the whole section after
 * the change, so a reader needs no earlier event to know the current value.
 */
import { DomainEvent } from '../decider';
import { Availability, Contact, Engagement, LanguageSkill, Origin, Topic } from '../profile';
import { KeyPersonPersonalDetails, KeyPersonProfile, KeyPersonResidence } from './key-person.profile';

type KeyPersonEventOf<Type extends string, Data extends object> = DomainEvent<Type, { readonly keyPersonId: string } & Readonly<Data>>;

export type KeyPersonRegistered = KeyPersonEventOf<'KeyPersonRegistered', { registeredAt: string; profile: KeyPersonProfile }>;
export type KeyPersonPersonalDetailsChanged = KeyPersonEventOf<'KeyPersonPersonalDetailsChanged', KeyPersonPersonalDetails>;
export type KeyPersonResidenceChanged = KeyPersonEventOf<'KeyPersonResidenceChanged', KeyPersonResidence>;
export type KeyPersonContactChanged = KeyPersonEventOf<'KeyPersonContactChanged', { contact: Contact }>;
export type KeyPersonLanguagesChanged = KeyPersonEventOf<'KeyPersonLanguagesChanged', { languages: readonly LanguageSkill[] }>;
export type KeyPersonOriginChanged = KeyPersonEventOf<'KeyPersonOriginChanged', { origin: Origin }>;
export type KeyPersonExpertiseChanged = KeyPersonEventOf<'KeyPersonExpertiseChanged', { expertise: readonly Topic[] }>;
export type KeyPersonCapacityChanged = KeyPersonEventOf<'KeyPersonCapacityChanged', { capacity: number }>;
export type KeyPersonMonthlyHoursChanged = KeyPersonEventOf<'KeyPersonMonthlyHoursChanged', { maxHoursPerMonth: number }>;
export type KeyPersonAvailabilityChanged = KeyPersonEventOf<'KeyPersonAvailabilityChanged', { availability: Availability }>;
export type KeyPersonEngagementChanged = KeyPersonEventOf<'KeyPersonEngagementChanged', { engagement: Engagement }>;
export type KeyPersonPaused = KeyPersonEventOf<'KeyPersonPaused', { pausedAt: string; reason: string | null }>;
export type KeyPersonResumed = KeyPersonEventOf<'KeyPersonResumed', { resumedAt: string }>;
export type KeyPersonRetired = KeyPersonEventOf<'KeyPersonRetired', { retiredAt: string; reason: string | null }>;
/** The key person's personal data was erased (ids, times and codes only): retired for good, with no profile. */
export type KeyPersonErased = KeyPersonEventOf<'KeyPersonErased', { erasedAt: string; basis: ErasureBasis }>;
export type KeyPersonCapacityReserved = KeyPersonEventOf<'KeyPersonCapacityReserved', { matchId: string; newcomerId: string; reservedAt: string }>;
export type KeyPersonCapacityReleased = KeyPersonEventOf<'KeyPersonCapacityReleased', { matchId: string; releasedAt: string }>;
/**
 * A match was let go before it took a place here (its newcomer was withdrawn,
 * or its reservation cancelled, between the proposer's first and second
 * step): no place may ever be reserved for it, so a worker that reserves late
 * and dies cannot leave the place taken for ever. Changes no load.
 */
export type KeyPersonReservationBarred = KeyPersonEventOf<'KeyPersonReservationBarred', { matchId: string; barredAt: string }>;

export type KeyPersonEvent =
  | KeyPersonErased
  | KeyPersonRegistered
  | KeyPersonPersonalDetailsChanged
  | KeyPersonResidenceChanged
  | KeyPersonContactChanged
  | KeyPersonLanguagesChanged
  | KeyPersonOriginChanged
  | KeyPersonExpertiseChanged
  | KeyPersonCapacityChanged
  | KeyPersonMonthlyHoursChanged
  | KeyPersonAvailabilityChanged
  | KeyPersonEngagementChanged
  | KeyPersonPaused
  | KeyPersonResumed
  | KeyPersonRetired
  | KeyPersonCapacityReserved
  | KeyPersonCapacityReleased
  | KeyPersonReservationBarred;

export type KeyPersonEventType = KeyPersonEvent['type'];
