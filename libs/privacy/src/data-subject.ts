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
