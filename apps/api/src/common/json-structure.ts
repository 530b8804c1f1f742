import { FieldViolation } from '@sleutel/domain';

/** Deeper than any body of the API needs (a policy is 4 levels, a profile 4); deeper only costs stack. */
export const MAX_JSON_DEPTH = 10;

/**
 * Keys that reach an object's prototype when code copies or merges a body, or
 * that name what every object inherits (`toString`, `valueOf`, `hasOwnProperty`…).
 * JSON.parse makes them own keys; class-transformer then drops `__proto__`,
 * `constructor` and the inherited methods silently, so the whitelist never
 * sees them and a body carrying them would pass. Refused here, at any depth,
 * before anything reads the body.
 */
const FORBIDDEN_KEYS: ReadonlySet<string> = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);

/** The violation of a key in `FORBIDDEN_KEYS`, for a body or a query string alike. */
export function forbiddenKeyViolation(key: string, field: string): FieldViolation | null {
  return FORBIDDEN_KEYS.has(key) ? { field, rule: 'forbidden-key', message: 'is not a field name this API accepts' } : null;
}

/** C0 controls except tab, line feed and carriage return, and DEL: never text a person typed. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
/** A surrogate half without its partner: not Unicode text, and turned into U+FFFD (silently changed) when stored as UTF-8. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The most violations one answer reports: enough to fix a form, bounded whatever the body. */
export const MAX_REPORTED_VIOLATIONS = 20;

/**
 * The most items any array of any body may hold: the largest any field allows
 * (availability slots, do-not-match ids). Checked before validation, which
 * would otherwise visit every item and report each one's errors (33,000 empty
 * slots, 99 KB, or 165 bytes gzipped, took 1.3 s and answered 28 MB).
 */
export const MAX_ARRAY_ITEMS = 100;

/**
 * Rules every JSON body obeys whatever the operation: bounded nesting, no
 * prototype keys, arrays of at most `MAX_ARRAY_ITEMS`, well-formed Unicode
 * without control characters, in keys and values. Returns the violations with their field paths, as validation does;
 * empty when the body is fine. Right-to-left marks, emoji and combining
 * characters are ordinary text (names in Arabic script need them) and pass.
 */
export function jsonStructureViolations(body: unknown): FieldViolation[] {
  const violations: FieldViolation[] = [];
  visit(body, '', 0, violations);
  return violations.slice(0, MAX_REPORTED_VIOLATIONS);
}

function visit(value: unknown, path: string, depth: number, violations: FieldViolation[]): void {
  if (violations.length >= MAX_REPORTED_VIOLATIONS) return;
  if (typeof value === 'string') {
    checkText(value, path || 'body', violations);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  if (depth >= MAX_JSON_DEPTH) {
    violations.push({ field: path || 'body', rule: 'max-depth', message: `must not nest objects and arrays more than ${MAX_JSON_DEPTH} levels deep` });
    return;
  }
  if (Array.isArray(value)) {
    if (value.length > MAX_ARRAY_ITEMS) {
      violations.push({ field: path || 'body', rule: 'max-items', message: `must have at most ${MAX_ARRAY_ITEMS} items` });
      return;
    }
    value.forEach((item, index) => visit(item, `${path}[${index}]`, depth + 1, violations));
    return;
  }
  for (const key of Object.keys(value)) {
    const field = path ? `${path}.${shown(key)}` : shown(key);
    const forbidden = forbiddenKeyViolation(key, field);
    if (forbidden) {
      violations.push(forbidden);
      continue;
    }
    if (checkText(key, field, violations)) visit((value as Record<string, unknown>)[key], field, depth + 1, violations);
  }
}

/** True when the text is acceptable; otherwise records why. */
function checkText(text: string, field: string, violations: FieldViolation[]): boolean {
  if (LONE_SURROGATE.test(text)) {
    violations.push({ field: safe(field), rule: 'well-formed-unicode', message: 'must be well-formed Unicode text' });
    return false;
  }
  if (CONTROL.test(text)) {
    violations.push({ field: safe(field), rule: 'control-character', message: 'must not contain control characters' });
    return false;
  }
  return true;
}

/** A key as it appears in a field path: long keys shortened, so an error never echoes a large submission. */
function shown(key: string): string {
  const characters = Array.from(key);
  return characters.length > 64 ? `${characters.slice(0, 64).join('')}…` : key;
}

/** A path with its unprintable characters escaped, so the error itself is clean text. */
function safe(field: string): string {
  return field.replace(new RegExp(`${CONTROL.source}|${LONE_SURROGATE.source}`, 'g'), (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
