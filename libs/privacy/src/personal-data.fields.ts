import { JsonObject } from '@sleutel/event-store';

/** The field of an encoded event's data that holds the sealed personal data (or, once erased, the marker). */
export const PERSONAL_FIELD = 'personal';

/**
 * Top-level fields of a subject's event data kept in clear besides ids and
 * times: matching bookkeeping of codes and counts, which the audit trail must
 * still show after an erasure (SPEC §7: types, ids, times, scores) and which
 * say nothing about the person. Everything else, the whole profile and every
 * free-text reason included, is personal data — and so is a deferral's
 * `excluded` (per hard constraint, how many key persons it excluded): a count
 * under `gender-required` or `same-origin-declined` tells the person's
 * preferences (sealed since 2026-11-30; earlier deferrals keep it in clear).
 */
export const DEFAULT_CLEAR_FIELDS: readonly string[] = [
  'status', // a lifecycle code
  'outcome', // how a match ended for the newcomer (`NewcomerMatchReleased`), a code
  'score', // a proposal's score
  'policyVersion', // which scoring policy decided (`NewcomerMatchingDeferred`)
  'considered', // how many key persons were considered
];

/**
 * Fields sealed although their names say id: the do-not-match list
 * (`NewcomerDoNotMatchChanged.keyPersonIds`) is part of the profile (SPEC §3),
 * and whom a newcomer must be kept away from is personal, whatever the ids.
 */
export const DEFAULT_SEALED_FIELDS: readonly string[] = ['keyPersonIds'];

/** Ids and times: `…Id`, `…Ids`, `at` and `…At` (case-sensitive, so `paid` or `format` do not qualify). */
const ID_OR_TIME = /^at$|(?:Id|Ids|At)$/;

export type ClearFieldRule = (field: string) => boolean;

export function clearFieldRule(allowList: readonly string[] = DEFAULT_CLEAR_FIELDS, sealList: readonly string[] = DEFAULT_SEALED_FIELDS): ClearFieldRule {
  if (allowList.includes(PERSONAL_FIELD)) throw new Error(`"${PERSONAL_FIELD}" holds the sealed personal data and cannot be a clear field`);
  const allowed = new Set(allowList);
  const sealed = new Set(sealList);
  return (field) => field !== PERSONAL_FIELD && !sealed.has(field) && (ID_OR_TIME.test(field) || allowed.has(field));
}

/** The data split into what stays in clear and the personal rest (null when there is none). */
export function splitPersonalData(data: JsonObject, isClear: ClearFieldRule): { clear: JsonObject; personal: JsonObject | null } {
  const entries = Object.entries(data);
  const personal = entries.filter(([field]) => !isClear(field));
  // fromEntries defines own properties, so a field named `__proto__` stays data, not a prototype.
  return {
    clear: Object.fromEntries(entries.filter(([field]) => isClear(field))),
    personal: personal.length === 0 ? null : Object.fromEntries(personal),
  };
}
