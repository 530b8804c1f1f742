/**
 * Checks shared by the profile rules. They take `unknown` on purpose: the HTTP
 * layer checks only JSON shape, so anything may reach the domain and the rules
 * must not trust the static type.
 */
import { FieldViolation } from '../domain-error';
import { violation } from './violation';

export const isRecord = (value: unknown): value is Readonly<Record<string, unknown>> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Characters as a person counts them (code points, so an emoji is one). */
export const characterCount = (text: string): number => Array.from(text).length;

// C0 and C1 control characters and DEL, tabs and newlines included; and Unicode's line and paragraph separators,
// which break a line as a newline does (in a CSV export, a log line, a JavaScript string before ES2019).
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/**
 * What shows nothing on a page: whitespace (Unicode's, NBSP and ideographic
 * space included), format characters (zero-width space and joiners,
 * direction marks and overrides, soft hyphen), combining marks with no letter
 * to sit on, and the characters drawn as blanks (Braille blank, Hangul fillers).
 */
const INVISIBLE = /[\s\p{Cf}\p{M}\u2800\u115f\u1160\u3164\uffa0]/gu;

/** True when the text shows at least one character: a name of only direction marks or zero-width spaces is blank. */
export const hasVisibleText = (text: string): boolean => text.replace(INVISIBLE, '') !== '';

export interface TextRule {
  readonly label: string;
  readonly maxLength: number;
  /** Names and short labels: a newline or tab in them is a mistake and breaks exports. */
  readonly singleLine: boolean;
}

/** A required text, judged after trimming; one that shows nothing is blank. */
export function requiredText(value: unknown, field: string, rule: TextRule): FieldViolation[] {
  if (value === undefined || value === null) return [violation(field, 'required', `${rule.label} is required`)];
  if (typeof value !== 'string') return [violation(field, 'type', `${rule.label} must be text`)];
  if (!hasVisibleText(value)) return [violation(field, 'required', `${rule.label} must not be blank`)];
  return textContent(value.trim(), field, rule);
}

/** An optional text: `null`, absent or blank all mean "none". */
export function optionalText(value: unknown, field: string, rule: TextRule): FieldViolation[] {
  if (value === undefined || value === null) return [];
  if (typeof value !== 'string') return [violation(field, 'type', `${rule.label} must be text or null`)];
  return textContent(value.trim(), field, rule);
}

function textContent(text: string, field: string, rule: TextRule): FieldViolation[] {
  const violations: FieldViolation[] = [];
  if (characterCount(text) > rule.maxLength) {
    violations.push(violation(field, 'max-length', `${rule.label} must be at most ${rule.maxLength} characters`));
  }
  if (rule.singleLine && CONTROL_CHARACTER.test(text)) {
    violations.push(violation(field, 'no-control-characters', `${rule.label} must be a single line without control characters`));
  }
  return violations;
}

/** The stored form of an optional text: trimmed, and `null` when there is none. */
export const toOptionalText = (value: string | null | undefined): string | null => {
  const text = value?.trim() ?? '';
  return text === '' ? null : text;
};

export const integerInRange = (value: unknown, field: string, label: string, min: number, max: number): FieldViolation[] =>
  numberInRange(value, field, label, min, max, { integer: true });

export function numberInRange(
  value: unknown,
  field: string,
  label: string,
  min: number,
  max: number,
  options: { readonly integer?: boolean; readonly multipleOf?: number } = {},
): FieldViolation[] {
  if (value === undefined || value === null) return [violation(field, 'required', `${label} is required`)];
  if (typeof value !== 'number' || !Number.isFinite(value)) return [violation(field, 'type', `${label} must be a number`)];
  if (options.integer && !Number.isInteger(value)) return [violation(field, 'integer', `${label} must be a whole number`)];
  if (options.multipleOf !== undefined && !Number.isInteger(value / options.multipleOf)) {
    return [violation(field, 'multiple-of', `${label} must be a multiple of ${options.multipleOf}`)];
  }
  if (value < min || value > max) return [violation(field, 'range', `${label} must be between ${min} and ${max}`)];
  return [];
}

export function oneOf(value: unknown, allowed: readonly string[], field: string, label: string): FieldViolation[] {
  if (value === undefined || value === null) return [violation(field, 'required', `${label} is required`)];
  if (typeof value === 'string' && allowed.includes(value)) return [];
  return [violation(field, 'one-of', `${label} must be one of: ${allowed.join(', ')}`)];
}

export function requiredBoolean(value: unknown, field: string, label: string): FieldViolation[] {
  if (value === undefined || value === null) return [violation(field, 'required', `${label} is required`)];
  return typeof value === 'boolean' ? [] : [violation(field, 'type', `${label} must be true or false`)];
}

export function listViolations(
  value: unknown,
  field: string,
  label: string,
  bounds: { readonly min: number; readonly max: number },
): FieldViolation[] {
  if (value === undefined || value === null) return [violation(field, 'required', `${label} is required`)];
  if (!Array.isArray(value)) return [violation(field, 'type', `${label} must be a list`)];
  if (value.length < bounds.min) {
    return [violation(field, 'min-items', `${label} must have at least ${bounds.min} item${bounds.min === 1 ? '' : 's'}`)];
  }
  if (value.length > bounds.max) return [violation(field, 'max-items', `${label} must have at most ${bounds.max} items`)];
  return [];
}

/**
 * Flags every repetition of a key after its first occurrence, at the path of
 * the repetition, so the user sees which entry to remove. `null` keys (items
 * already reported as invalid) are skipped.
 */
export function duplicateViolations(
  keys: readonly (string | null)[],
  pathOf: (index: number) => string,
  message: string,
): FieldViolation[] {
  const seen = new Set<string>();
  const violations: FieldViolation[] = [];
  keys.forEach((key, index) => {
    if (key === null) return;
    if (seen.has(key)) violations.push(violation(pathOf(index), 'unique', message));
    seen.add(key);
  });
  return violations;
}

/** Partial updates: a field left out is not checked (and not changed). */
export const ifGiven = <T>(value: T | undefined, rule: (value: T) => FieldViolation[]): FieldViolation[] =>
  value === undefined ? [] : rule(value);
