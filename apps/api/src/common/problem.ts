import { FieldViolation } from '@sleutel/domain';

/**
 * An RFC 9457 problem detail. `code` is our stable machine-readable code;
 * `errors` lists every field that broke a rule, so a form can show each
 * message beside its field.
 */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly instance?: string;
  readonly code: string;
  readonly errors?: readonly FieldViolation[];
}

/** Members a problem type adds to the standard ones (RFC 9457 §3.2), such as the id of what is in the way. */
export type ProblemExtensions = Readonly<Record<string, string | number | boolean | null>>;

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Thrown by our own HTTP code for a problem that is not a domain error. */
export class ProblemException extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: readonly FieldViolation[],
    readonly headers: Readonly<Record<string, string>> = {},
    readonly extensions: ProblemExtensions = {},
  ) {
    super(detail ?? title);
    this.name = 'ProblemException';
  }
}

export function problemType(code: string): string {
  return `/problems/${code.toLowerCase().replace(/[._]/g, '-')}`;
}
