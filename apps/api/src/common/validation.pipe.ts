import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldViolation } from '@sleutel/domain';
import { forbiddenKeyViolation, MAX_REPORTED_VIOLATIONS } from './json-structure';
import { ProblemException } from './problem';

/**
 * Shape and type checks at the edge (class-validator on the request DTOs):
 * unknown fields are refused, not silently dropped, and every violation is
 * reported with its field path and rule. Semantic rules (codes, time ranges,
 * overlaps) live in the domain and are reported the same way.
 */
export function requestValidationPipe(): ValidationPipe {
  return new RequestValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const violations = flatten(errors, '');
      const shown = violations.slice(0, MAX_REPORTED_VIOLATIONS);
      const more = violations.length > shown.length ? ` The first ${shown.length} of ${violations.length} violations are listed.` : '';
      return new ProblemException(400, 'REQUEST.INVALID', 'Bad Request', `The request does not have the expected shape.${more}`, shown);
    },
  });
}

/**
 * A query string's keys are checked as a body's are (json-structure.ts):
 * class-transformer drops `constructor`, `__proto__` and the inherited method
 * names before the whitelist sees them, so `?constructor=1` passed silently
 * where `?isAdmin=1` is refused. Bodies are checked before parsing reaches
 * here (`requireSafeJson`); a query string only here, where a DTO reads it.
 */
class RequestValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'query' && value !== null && typeof value === 'object') {
      const violations = Object.keys(value).flatMap((key) => forbiddenKeyViolation(key, key) ?? []).slice(0, MAX_REPORTED_VIOLATIONS);
      if (violations.length > 0) throw new ProblemException(400, 'REQUEST.INVALID', 'Bad Request', 'The request does not have the expected shape.', violations);
    }
    return super.transform(value, metadata);
  }
}

/** Constraints on a value's type; the others (ranges, lengths, patterns) assume the type is right. */
const TYPE_CONSTRAINTS = new Set(['isInt', 'isNumber', 'isString', 'isBoolean', 'isArray', 'isObject']);

export function flatten(errors: readonly ValidationError[], prefix: string): FieldViolation[] {
  return errors.flatMap((error) => {
    const field = join(prefix, error.property);
    const failed = Object.entries(error.constraints ?? {});
    // A value of the wrong type fails the range too (`limit=abc` is neither at least 1 nor at most 100): name the type
    // (and, for a missing value, that it is required) alone.
    const wrongType = failed.some(([constraint]) => TYPE_CONSTRAINTS.has(constraint));
    const named = wrongType ? failed.filter(([constraint]) => TYPE_CONSTRAINTS.has(constraint) || constraint === 'isDefined') : failed;
    const own = named.map(([constraint, message]) => ({
      field,
      rule: ruleName(constraint),
      message: constraint === 'whitelistValidation' ? 'is not a known field' : stripProperty(message, error.property),
    }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

function join(prefix: string, property: string): string {
  if (/^\d+$/.test(property)) return `${prefix}[${property}]`;
  return prefix ? `${prefix}.${property}` : property;
}

const RULES: Record<string, string> = {
  whitelistValidation: 'unknown-field',
  isDefined: 'required',
  nestedValidation: 'object',
  unknownValue: 'object',
};

function ruleName(constraint: string): string {
  return RULES[constraint] ?? constraint.replace(/^is(?=[A-Z])/, '').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`).replace(/^-/, '');
}

/** class-validator writes "languages must be an array"; the field is shown beside the message already. */
function stripProperty(message: string, property: string): string {
  return message.startsWith(`${property} `) ? message.slice(property.length + 1) : message;
}
