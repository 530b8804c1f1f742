/**
 * Opaque JSON handed to the domain to store as it is, such as a proposal's
 * explanation from the matcher. Events are stored as JSON, so anything JSON
 * would change on the way (undefined, NaN, Dates, Maps, class instances,
 * cycles) is refused here rather than silently altered in the store.
 */
import { FieldViolation } from '../domain-error';
import { fieldPath, itemPath, violation } from './violation';
import { isRecord } from './value.rules';

/** A JSON object as stored; what a command hands in is checked at run time by `jsonObjectViolations`. */
export type JsonObject = Readonly<Record<string, unknown>>;

const MAX_DEPTH = 32;

/** A plain JSON object of at most `maxCharacters` as JSON text; every offending value is named by its path. */
export function jsonObjectViolations(value: unknown, field: string, label: string, maxCharacters: number): FieldViolation[] {
  if (value === undefined || value === null) return [violation(field, 'required', `${label} is required`)];
  if (!isRecord(value) || !isPlainObject(value)) return [violation(field, 'type', `${label} must be a JSON object`)];
  const violations = nonJsonPaths(value, field, 0).map((path) =>
    violation(path, 'json', 'Must be text, a finite number, true, false, null, a list or an object'),
  );
  if (violations.length > 0) return violations;
  return JSON.stringify(value).length > maxCharacters
    ? [violation(field, 'max-length', `${label} must be at most ${maxCharacters} characters as JSON`)]
    : [];
}

/** A deep copy through JSON, for values `jsonObjectViolations` accepted: the event holds plain data only. */
export const toJsonObject = (value: object): JsonObject => JSON.parse(JSON.stringify(value)) as JsonObject;

function nonJsonPaths(value: unknown, path: string, depth: number): string[] {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return [];
  if (typeof value === 'number') return Number.isFinite(value) ? [] : [path];
  // Deeper than any explanation needs; also where a cycle ends up.
  if (depth >= MAX_DEPTH) return [path];
  if (Array.isArray(value)) {
    const items: readonly unknown[] = value;
    return items.flatMap((item, index) => nonJsonPaths(item, itemPath(path, index), depth + 1));
  }
  if (isRecord(value) && isPlainObject(value)) {
    return Object.entries(value).flatMap(([key, item]) => nonJsonPaths(item, fieldPath(path, key), depth + 1));
  }
  return [path];
}

function isPlainObject(value: object): boolean {
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
