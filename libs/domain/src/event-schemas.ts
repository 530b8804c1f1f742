/**
 * The current schema version of every event type. The command runner stamps
 * `schemaVersion` from here; when a shape has to change, its version goes up
 * and an upcaster turns stored older versions into the current shape on read.
 * `satisfies` makes forgetting an event type (or listing a stray one) a
 * compile error.
 */
import { CohortRunEvent } from './cohort-run/cohort-run';
import { cohortRunUpcasters } from './cohort-run/cohort-run.upcasters';
import { KeyPersonEventType } from './key-person/key-person.events';
import { MatchEventType } from './match/match.events';
import { matchUpcasters } from './match/match.upcasters';
import { NewcomerEventType } from './newcomer/newcomer.events';
import { newcomerUpcasters } from './newcomer/newcomer.upcasters';
import { Upcaster } from './upcaster';

export type DomainEventType = NewcomerEventType | KeyPersonEventType | MatchEventType | CohortRunEvent['type'];

export const eventSchemaVersions = {
  NewcomerRegistered: 1,
  NewcomerPersonalDetailsChanged: 1,
  NewcomerResidenceChanged: 1,
  NewcomerContactChanged: 1,
  NewcomerLanguagesChanged: 1,
  NewcomerOriginChanged: 1,
  NewcomerNeedsChanged: 1,
  NewcomerAvailabilityChanged: 1,
  NewcomerPreferencesChanged: 1,
  NewcomerDoNotMatchChanged: 1,
  NewcomerNotesChanged: 1,
  NewcomerWithdrawn: 2,
  NewcomerErased: 1,
  NewcomerMatchReserved: 1,
  NewcomerMatchReleased: 2,
  NewcomerMatchingDeferred: 1,
  NewcomerMatchingRequested: 2,
  KeyPersonRegistered: 1,
  KeyPersonPersonalDetailsChanged: 1,
  KeyPersonResidenceChanged: 1,
  KeyPersonContactChanged: 1,
  KeyPersonLanguagesChanged: 1,
  KeyPersonOriginChanged: 1,
  KeyPersonExpertiseChanged: 1,
  KeyPersonCapacityChanged: 1,
  KeyPersonMonthlyHoursChanged: 1,
  KeyPersonAvailabilityChanged: 1,
  KeyPersonEngagementChanged: 1,
  KeyPersonPaused: 1,
  KeyPersonResumed: 1,
  KeyPersonRetired: 1,
  KeyPersonErased: 1,
  KeyPersonCapacityReserved: 1,
  KeyPersonCapacityReleased: 1,
  KeyPersonReservationBarred: 1,
  MatchProposed: 2,
  MatchApproved: 1,
  MatchPartyAccepted: 1,
  MatchAccepted: 2,
  MatchRejected: 1,
  MatchDeclined: 1,
  MatchExpired: 1,
  MatchEnded: 1,
  MatchWithdrawn: 1,
  CohortRunStarted: 1,
  CohortRunProgressed: 1,
  CohortRunSolutionPaged: 3,
  CohortRunSolved: 4,
  CohortRunCompleted: 2,
  CohortRunFailed: 1,
} as const satisfies Readonly<Record<DomainEventType, number>>;

export const isDomainEventType = (type: string): type is DomainEventType => Object.hasOwn(eventSchemaVersions, type);

/** Throws for an unknown type: appending an event nobody registered here is a bug. */
export function schemaVersionOf(type: string): number {
  if (!isDomainEventType(type)) throw new Error(`No schema version registered for event type ${type}`);
  return eventSchemaVersions[type];
}

/**
 * Every upcaster, for the codec that applies them on read. For each event type
 * the steps must run without a gap from version 1 to the current version
 * (`event-schemas.spec.ts` checks it).
 */
export const eventUpcasters: readonly Upcaster[] = [...newcomerUpcasters, ...matchUpcasters, ...cohortRunUpcasters];
