/**
 * A newcomer's side of matching (SPEC §4): the one match held open for them
 * (invariant 2), the key persons they failed with (invariant 3), and why the
 * last attempt found nobody (SPEC §5). The match's own lifecycle lives on its
 * `match-<uuid>` stream; this stream only knows that a match is open until
 * the process manager releases it with the outcome.
 */
import { FieldViolation } from '../domain-error';
import { integerInRange, isRecord } from '../rules/value.rules';
import { fieldPath, violation } from '../rules/violation';

/** The match this newcomer is held for: reserved before it is proposed, open while proposed, approved or accepted. */
export interface OpenMatch {
  readonly matchId: string;
  readonly keyPersonId: string;
  readonly reservedAt: string;
}

/**
 * How an open match let go of the newcomer. `failed`: rejected, declined or
 * expired, so the pair is never tried again; `cancelled`: the worker lost the
 * race for the key person's capacity before proposing, which says nothing
 * about the pair; `ended` and `withdrawn` as the match's own statuses.
 */
export const NEWCOMER_MATCH_OUTCOMES = ['failed', 'ended', 'cancelled', 'withdrawn'] as const;
export type NewcomerMatchOutcome = (typeof NEWCOMER_MATCH_OUTCOMES)[number];

/** Why no proposal could be made: how many key persons were considered and, per failed hard constraint, how many it excluded. */
export interface NewcomerDeferral {
  readonly policyVersion: number;
  readonly considered: number;
  readonly excluded: Readonly<Record<string, number>>;
}

/**
 * A deferral as the newcomer's state keeps it: the reasons as they stood at
 * `deferredAt`. Later looks that find nobody again under the same policy do
 * not record their counts (`recordUnmatched`), so it is not what a ranking
 * would count now.
 */
export interface RecordedDeferral extends NewcomerDeferral {
  readonly deferredAt: string;
}

const REASON_CODE = /^[a-z][a-z0-9-]{0,63}$/;

/** Counts are checked as numbers, and reasons as codes, so no free text (and no personal data) rides along. */
export function deferralViolations(value: NewcomerDeferral): FieldViolation[] {
  const violations = [
    ...integerInRange(value.policyVersion, 'policyVersion', 'Policy version', 1, Number.MAX_SAFE_INTEGER),
    ...integerInRange(value.considered, 'considered', 'Considered', 0, Number.MAX_SAFE_INTEGER),
  ];
  if (!isRecord(value.excluded)) return [...violations, violation('excluded', 'type', 'Excluded must be an object of counts')];
  const counts = Object.entries(value.excluded);
  for (const [reason, count] of counts) {
    const field = fieldPath('excluded', reason);
    if (!REASON_CODE.test(reason)) violations.push(violation(field, 'type', 'Each exclusion reason must be a lower-case code'));
    violations.push(...integerInRange(count, field, 'Each exclusion count', 0, Number.MAX_SAFE_INTEGER));
  }
  if (violations.length === 0 && counts.reduce((sum, [, count]) => sum + count, 0) > value.considered) {
    violations.push(violation('excluded', 'range', 'Excluded key persons must not outnumber those considered'));
  }
  return violations;
}

/** Rebuilt field by field: only what the type names reaches the event. */
export const toDeferral = (value: NewcomerDeferral): NewcomerDeferral => ({
  policyVersion: value.policyVersion,
  considered: value.considered,
  excluded: Object.fromEntries(Object.entries(value.excluded)),
});
