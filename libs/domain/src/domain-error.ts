/**
 * A rule of the domain said no. `code` is stable (clients and tests rely on
 * it); `kind` tells the HTTP layer which status family it belongs to.
 */
export type DomainErrorKind = 'not-found' | 'conflict' | 'invalid' | 'gone';

export interface FieldViolation {
  readonly field: string;
  readonly rule: string;
  readonly message: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly kind: DomainErrorKind,
    message: string,
    readonly violations: readonly FieldViolation[] = [],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export function assertNever(value: never): never {
  throw new Error(`Unhandled case: ${JSON.stringify(value)}`);
}
