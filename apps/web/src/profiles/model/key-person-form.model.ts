/** The key-person form's values and how they become the body of `POST`/`PATCH /key-persons` (SPEC §9). */
import type { FieldViolation } from '../../app/api';
import { availabilityOf, contactOf, decimalText, LanguageRow, languageRowsOf, languageSkillsOf, newLanguageRow, numberOrText, required, textOf, textOrNull } from './form-values';
import { KeyPersonView, Slot, Topic, TOPICS } from './profile.types';

export interface KeyPersonFormValues {
  readonly displayName: string;
  readonly phone: string;
  readonly email: string;
  readonly gender: string;
  readonly municipality: string;
  readonly postcodeArea: string;
  readonly travelRadiusKm: string;
  readonly remoteOnly: boolean;
  readonly languages: readonly LanguageRow[];
  readonly origin: string;
  readonly expertise: readonly Topic[];
  readonly capacity: string;
  readonly maxHoursPerMonth: string;
  readonly slots: readonly Slot[];
  readonly from: string;
  readonly until: string;
  readonly engagement: string;
}

export type KeyPersonBody = Record<string, unknown>;

export function emptyKeyPersonForm(municipality = ''): KeyPersonFormValues {
  return {
    displayName: '', phone: '', email: '', gender: '', municipality, postcodeArea: '', travelRadiusKm: '', remoteOnly: false,
    languages: [newLanguageRow()], origin: '', expertise: [], capacity: '', maxHoursPerMonth: '', slots: [], from: '', until: '',
    engagement: 'volunteer',
  };
}

/** The form filled from a key person as read, its decimals written as a page in `language` writes them. */
export function keyPersonFormOf(view: KeyPersonView, language = 'en'): KeyPersonFormValues {
  return {
    displayName: view.displayName ?? '',
    phone: view.contact?.phone ?? '',
    email: view.contact?.email ?? '',
    gender: view.gender ?? '',
    municipality: view.municipality ?? '',
    postcodeArea: view.postcodeArea ?? '',
    travelRadiusKm: decimalText(view.travelRadiusKm, language),
    remoteOnly: view.remoteOnly ?? false,
    languages: languageRowsOf(view.languages),
    origin: view.origin?.country ?? '',
    expertise: TOPICS.filter((topic) => view.expertise?.includes(topic)),
    capacity: textOf(view.capacity),
    maxHoursPerMonth: decimalText(view.maxHoursPerMonth, language),
    slots: view.availability?.slots ?? [],
    from: view.availability?.from ?? '',
    until: view.availability?.until ?? '',
    engagement: view.engagement ?? 'volunteer',
  };
}

export function keyPersonBodyOf(values: KeyPersonFormValues): KeyPersonBody {
  return {
    displayName: values.displayName,
    contact: contactOf(values),
    gender: values.gender,
    municipality: values.municipality,
    postcodeArea: textOrNull(values.postcodeArea.trim()),
    // A remote-only key person needs no radius: none given is sent as none.
    travelRadiusKm: values.remoteOnly && values.travelRadiusKm.trim() === '' ? null : numberOrText(values.travelRadiusKm),
    remoteOnly: values.remoteOnly,
    languages: languageSkillsOf(values.languages),
    origin: { country: values.origin },
    expertise: TOPICS.filter((topic) => values.expertise.includes(topic)),
    capacity: numberOrText(values.capacity),
    maxHoursPerMonth: numberOrText(values.maxHoursPerMonth),
    availability: availabilityOf(values),
    engagement: values.engagement,
  };
}

export function missingKeyPersonFields(values: KeyPersonFormValues, message: (field: string) => string): FieldViolation[] {
  const missing: FieldViolation[] = [];
  const check = (field: string, empty: boolean) => empty && missing.push(required(field, message(field)));
  check('displayName', values.displayName.trim() === '');
  check('gender', values.gender === '');
  check('municipality', values.municipality === '');
  check('travelRadiusKm', !values.remoteOnly && values.travelRadiusKm.trim() === '');
  values.languages.forEach((row, index) => check(`languages[${index}].code`, row.code === ''));
  values.languages.forEach((row, index) => check(`languages[${index}].level`, row.level === ''));
  check('origin.country', values.origin === '');
  check('capacity', values.capacity.trim() === '');
  check('maxHoursPerMonth', values.maxHoursPerMonth.trim() === '');
  return missing;
}

/** `expertise[i]` re-addressed to its topic's checkbox. */
export function keyPersonViolationOf(violation: FieldViolation, body: KeyPersonBody): FieldViolation {
  const item = /^expertise\[(\d+)\]$/.exec(violation.field);
  const expertise = body.expertise as Topic[] | undefined;
  if (item && expertise?.[Number(item[1])]) return { ...violation, field: `expertise.${expertise[Number(item[1])]}` };
  return violation;
}
