import { KEY_PERSON_CATEGORY, NEWCOMER_CATEGORY } from '@sleutel/domain';
import { EventMetadata } from '@sleutel/event-store';

/**
 * A data subject: a person whose personal data events carry (SPEC §7). The
 * shape is that of `metadata.subject`, which the command runner sets from the
 * stream name (`newcomer-<id>`, `key-person-<id>`).
 */
export type DataSubjectType = typeof NEWCOMER_CATEGORY | typeof KEY_PERSON_CATEGORY;

export interface DataSubject {
  readonly type: DataSubjectType;
  readonly id: string;
}

export const DATA_SUBJECT_TYPES: readonly DataSubjectType[] = [NEWCOMER_CATEGORY, KEY_PERSON_CATEGORY];

export function isDataSubjectType(type: string): type is DataSubjectType {
  return (DATA_SUBJECT_TYPES as readonly string[]).includes(type);
}

/**
 * The data subject an event's metadata names, or null when it names none or
 * a subject that is not a person (a match's subject is the match: its personal
 * data belongs to the newcomer and key person it names).
 */
export function dataSubjectOf(metadata: EventMetadata): DataSubject | null {
  const subject = metadata.subject;
  if (subject === undefined || !isDataSubjectType(subject.type) || subject.id === '') return null;
  return { type: subject.type, id: subject.id };
}

/** The subject's own stream, as the command runner names it. */
export const subjectStream = (subject: DataSubject): string => `${subject.type}-${subject.id}`;

/** For error messages: ids only, never personal data. */
export const describeSubject = (subject: DataSubject): string => `${subject.type} ${subject.id}`;

/** The events that erase a subject, by the field naming it. */
const ERASURES: Readonly<Record<string, { readonly type: DataSubjectType; readonly idField: string }>> = {
  NewcomerErased: { type: NEWCOMER_CATEGORY, idField: 'newcomerId' },
  KeyPersonErased: { type: KEY_PERSON_CATEGORY, idField: 'keyPersonId' },
};

/** The event types that erase a subject. */
export const ERASURE_EVENT_TYPES: readonly string[] = Object.keys(ERASURES);

/** The subject an erasure event erases, and when; null for any other event (erasure events keep these fields in clear). */
export function erasureIn(event: { readonly type: string; readonly data: Readonly<Record<string, unknown>> }): { subject: DataSubject; erasedAt: string } | null {
  const erasure = ERASURES[event.type];
  if (erasure === undefined) return null;
  const id = event.data[erasure.idField];
  const erasedAt = event.data.erasedAt;
  return typeof id === 'string' && typeof erasedAt === 'string' ? { subject: { type: erasure.type, id }, erasedAt } : null;
}
