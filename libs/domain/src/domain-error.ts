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

/**
 * The end of a switch over every known case. What reaches it at run time (an
 * event type appended by a newer replica during a rolling upgrade, say) is
 * named by its `type` alone: events and commands carry personal data, and this
 * message ends up in the log with a 500 and in a failed job's reason (SPEC §7).
 */
export function assertNever(value: never): never {
  const unknown: unknown = value;
  const type = typeof unknown === 'object' && unknown !== null ? (unknown as { type?: unknown }).type : unknown;
  throw new Error(`Unhandled case: ${typeof type === 'string' ? type : `a ${typeof unknown}`}`);
}
