/**
 * What the profile forms share: rows of languages, text that becomes a number
 * or null, and the per-field comparison behind partial saves (PATCH sends only
 * changed sections) and behind keeping a user's edits across a conflict.
 */
import type { FieldViolation } from '../../app/api';
import type { LanguageLevel, LanguageSkill, Slot } from './profile.types';

export interface LanguageRow {
  /** React's identity of the row; never sent, never compared. */
  readonly key: string;
  readonly code: string;
  readonly level: LanguageLevel | '';
}

let rowCounter = 0;
export const newLanguageRow = (code = '', level: LanguageLevel | '' = ''): LanguageRow => ({ key: `language-row-${++rowCounter}`, code, level });

export const languageRowsOf = (skills: readonly LanguageSkill[] | undefined): LanguageRow[] =>
  skills && skills.length > 0 ? skills.map((skill) => newLanguageRow(skill.code, skill.level)) : [newLanguageRow()];

export const languageSkillsOf = (rows: readonly LanguageRow[]): { code: string; level: string }[] =>
  rows.map((row) => ({ code: row.code, level: row.level }));

/**
 * A number typed as text: digits become a number, anything else is sent as
 * typed so the API can say what is wrong with it; empty is `null`.
 */
export function numberOrText(text: string): number | string | null {
  const trimmed = text.trim().replace(',', '.');
  if (trimmed === '') return null;
  return /^-?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : text;
}

export const textOrNull = (text: string): string | null => (text.trim() === '' ? null : text);
export const textOf = (value: string | number | null | undefined): string => (value === null || value === undefined ? '' : String(value));

/** A number as a form shows it for editing: a decimal comma on Dutch pages (`37,5`), no grouping, so that `numberOrText` reads it back. */
export const decimalText = (value: number | null | undefined, language: string): string => {
  const text = textOf(value);
  return language === 'nl' ? text.replace('.', ',') : text;
};

/** JSON of a value without row keys, for comparing two form values or two bodies. */
export const comparable = (value: unknown): string => JSON.stringify(value, (key, inner: unknown) => (key === 'key' ? undefined : inner));
export const sameValue = (a: unknown, b: unknown): boolean => comparable(a) === comparable(b);

/** The sections of `body` that differ from `base`: what a PATCH must send. */
export function changedSections<B extends Record<string, unknown>>(body: B, base: B): Partial<B> {
  const changed: Partial<B> = {};
  for (const key of Object.keys(body) as (keyof B)[]) {
    if (!sameValue(body[key], base[key])) changed[key] = body[key];
  }
  return changed;
}

/**
 * Three-way merge after a conflict: a field the user changed (mine ≠ base)
 * keeps the user's value, every other field takes the latest version. `both`
 * names the fields someone else changed too, differently: the user should look.
 */
export function mergeLatest<F extends object>(mine: F, base: F, latest: F): { form: F; both: (keyof F)[] } {
  const form = { ...latest };
  const both: (keyof F)[] = [];
  for (const key of Object.keys(mine) as (keyof F)[]) {
    if (sameValue(mine[key], base[key])) continue;
    form[key] = mine[key];
    if (!sameValue(latest[key], base[key]) && !sameValue(latest[key], mine[key])) both.push(key);
  }
  return { form, both };
}

/** A violation the console finds itself: only "this is required", everything else is the API's to say. */
/**
 * A change to a form: the new values of some fields, or a function of the
 * values as they are when the change is applied. A change derived from a
 * field's current value (a row of a list, one need, one hour of the week)
 * must be a function: two events can arrive before the page renders again
 * (a picker's choice is reported after its own render, and React renders that
 * report later than the next key or click), and a change computed from the
 * values shown would then undo the other.
 */
export type FormChange<F> = Partial<F> | ((previous: F) => Partial<F>);

export const applyChange = <F extends object>(previous: F, change: FormChange<F>): F => ({ ...previous, ...(typeof change === 'function' ? change(previous) : change) });

/** A body's `contact`: the phone and email filled in, trimmed; a blank one is left out. */
export function contactOf(values: { readonly phone: string; readonly email: string }): Record<string, string> {
  const contact: Record<string, string> = {};
  if (values.phone.trim()) contact.phone = values.phone.trim();
  if (values.email.trim()) contact.email = values.email.trim();
  return contact;
}

/** A body's `availability`: the week's slots, and the ends of the period that are given. */
export function availabilityOf(values: { readonly slots: readonly Slot[]; readonly from: string; readonly until: string }): Record<string, unknown> {
  const availability: Record<string, unknown> = { slots: values.slots };
  if (values.from) availability.from = values.from;
  if (values.until) availability.until = values.until;
  return availability;
}

export const required = (field: string, message: string): FieldViolation => ({ field, rule: 'required', message });

/** Key-person ids typed one per line (or separated by commas or spaces). */
export const idsOf = (text: string): string[] => text.split(/[\s,;]+/).map((id) => id.trim()).filter((id) => id !== '');
