/** The intake form's values and how they become the body of `POST`/`PATCH /newcomers` (SPEC §9). */
import type { FieldViolation } from '../../app/api';
import {
  availabilityOf, contactOf, idsOf, LanguageRow, languageRowsOf, languageSkillsOf, newLanguageRow, numberOrText, required, textOf, textOrNull,
} from './form-values';
import { NewcomerView, Slot, Topic, TOPICS } from './profile.types';

export interface NewcomerFormValues {
  readonly displayName: string;
  readonly phone: string;
  readonly email: string;
  readonly birthYear: string;
  readonly gender: string;
  readonly municipality: string;
  readonly postcodeArea: string;
  readonly languages: readonly LanguageRow[];
  readonly origin: string;
  /** Chosen topics with their priority; a topic that is absent is not a need. */
  readonly needs: Readonly<Partial<Record<Topic, number>>>;
  readonly slots: readonly Slot[];
  readonly from: string;
  readonly until: string;
  readonly keyPersonGender: string;
  readonly genderRequired: boolean;
  readonly sameOrigin: string;
  readonly remoteOk: boolean;
  readonly doNotMatch: string;
  readonly notes: string;
}

export type NewcomerBody = Record<string, unknown>;

/** A new intake; a worker limited to one municipality gets it filled in. */
export function emptyNewcomerForm(municipality = ''): NewcomerFormValues {
  return {
    displayName: '', phone: '', email: '', birthYear: '', gender: '', municipality, postcodeArea: '',
    languages: [newLanguageRow()], origin: '', needs: {}, slots: [], from: '', until: '',
    keyPersonGender: 'any', genderRequired: false, sameOrigin: 'no-preference', remoteOk: false,
    doNotMatch: '', notes: '',
  };
}

export function newcomerFormOf(view: NewcomerView): NewcomerFormValues {
  const needs: Partial<Record<Topic, number>> = {};
  for (const need of view.needs ?? []) needs[need.topic] = need.priority;
  const preferences = view.preferences ?? {};
  return {
    displayName: view.displayName ?? '',
    phone: view.contact?.phone ?? '',
    email: view.contact?.email ?? '',
    birthYear: textOf(view.birthYear),
    gender: view.gender ?? '',
    municipality: view.municipality ?? '',
    postcodeArea: view.postcodeArea ?? '',
    languages: languageRowsOf(view.languages),
    origin: view.origin?.country ?? '',
    needs,
    slots: view.availability?.slots ?? [],
    from: view.availability?.from ?? '',
    until: view.availability?.until ?? '',
    keyPersonGender: preferences.keyPersonGender ?? 'any',
    genderRequired: preferences.genderRequired ?? false,
    sameOrigin: preferences.sameOrigin ?? 'no-preference',
    remoteOk: preferences.remoteOk ?? false,
    doNotMatch: (view.doNotMatch ?? []).join('\n'),
    notes: view.notes ?? '',
  };
}

/** The chosen needs in the fixed topic order: `needs[i]` in an API message is the i-th of these. */
export const needsOf = (values: NewcomerFormValues): { topic: Topic; priority: number }[] =>
  TOPICS.filter((topic) => values.needs[topic] !== undefined).map((topic) => ({ topic, priority: values.needs[topic]! }));

export function newcomerBodyOf(values: NewcomerFormValues): NewcomerBody {
  return {
    displayName: values.displayName,
    contact: contactOf(values),
    birthYear: numberOrText(values.birthYear),
    gender: values.gender || null,
    municipality: values.municipality,
    postcodeArea: textOrNull(values.postcodeArea.trim()),
    languages: languageSkillsOf(values.languages),
    origin: { country: values.origin },
    needs: needsOf(values),
    availability: availabilityOf(values),
    preferences: {
      keyPersonGender: values.keyPersonGender,
      genderRequired: values.keyPersonGender === 'any' ? false : values.genderRequired,
      sameOrigin: values.sameOrigin,
      remoteOk: values.remoteOk,
    },
    doNotMatch: idsOf(values.doNotMatch),
    notes: textOrNull(values.notes),
  };
}

/** Empty required fields, found before sending; every other rule is the API's. */
export function missingNewcomerFields(values: NewcomerFormValues, message: (field: string) => string): FieldViolation[] {
  const missing: FieldViolation[] = [];
  const check = (field: string, empty: boolean) => empty && missing.push(required(field, message(field)));
  check('displayName', values.displayName.trim() === '');
  check('birthYear', values.birthYear.trim() === '');
  check('municipality', values.municipality === '');
  values.languages.forEach((row, index) => check(`languages[${index}].code`, row.code === ''));
  values.languages.forEach((row, index) => check(`languages[${index}].level`, row.level === ''));
  check('origin.country', values.origin === '');
  return missing;
}

/**
 * API paths that count items re-addressed to what the form shows: the i-th
 * need by its topic (`needs[1].priority` → `needs.housing.priority`), the i-th
 * do-not-match id by its line.
 */
export function newcomerViolationOf(violation: FieldViolation, body: NewcomerBody): FieldViolation {
  const need = /^needs\[(\d+)\](.*)$/.exec(violation.field);
  const needs = body.needs as { topic: Topic }[] | undefined;
  if (need && needs?.[Number(need[1])]) return { ...violation, field: `needs.${needs[Number(need[1])].topic}${need[2]}` };
  const id = /^doNotMatch\[(\d+)\]$/.exec(violation.field);
  const ids = body.doNotMatch as string[] | undefined;
  if (id && ids?.[Number(id[1])] !== undefined) return { ...violation, field: 'doNotMatch', message: `${ids[Number(id[1])]}: ${violation.message}` };
  return violation;
}
