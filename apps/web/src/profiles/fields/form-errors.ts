/**
 * Where the API's violations go in a form. A violation names a field path
 * (`languages[0].code`, `contact.email`, `birthYear`); each input has the id
 * derived from its path, so a message lands beside exactly that input, and the
 * error summary can link to it.
 */
import type { FieldViolation } from '../../app/api';

export class FormErrors {
  static readonly none = new FormErrors([]);

  constructor(readonly violations: readonly FieldViolation[]) {}

  get any(): boolean {
    return this.violations.length > 0;
  }

  /** Messages for exactly `path`. */
  at(path: string): string[] {
    return this.violations.filter((violation) => violation.field === path).map((violation) => violation.message);
  }

  /** Messages for `path` and everything inside it (`availability` → `availability.slots[2].end`). */
  under(path: string): string[] {
    return this.violations.filter((violation) => isWithin(violation.field, path)).map((violation) => violation.message);
  }
}

export const isWithin = (field: string, path: string): boolean =>
  field === path || field.startsWith(`${path}.`) || field.startsWith(`${path}[`);

/** `languages[0].code` in form `newcomer` → `newcomer-languages-0-code`. */
export const fieldId = (form: string, path: string): string => `${form}-${path.replace(/\[(\d+)\]/g, '-$1').replace(/\./g, '-')}`;

/** The path and its enclosing paths, innermost first: where to look for an input to focus. */
export function enclosingPaths(path: string): string[] {
  const paths = [path];
  let current = path;
  for (;;) {
    const parent = current.replace(/(\.[^.[\]]+|\[\d+\])$/, '');
    if (parent === current || parent === '') return paths;
    paths.push(parent);
    current = parent;
  }
}
