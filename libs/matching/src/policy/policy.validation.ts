/**
 * Checks a scoring policy that arrives from outside (an admin's `PUT /policy`)
 * and names every problem as `{field, rule, message}`, the shape the HTTP
 * layer turns into problem details. An empty list means the value is a
 * `ScoringPolicy` that the scorer can use without further checks.
 */
import type { FieldViolation } from '@sleutel/domain';
import { CodeListRule, FieldRule, NumberRule, ObjectRule, POLICY_SCHEMA } from './policy.schema';
import { ALWAYS_APPLYING_COMPONENTS, ScoringPolicy } from './scoring-policy';

export function validatePolicy(policy: unknown): FieldViolation[] {
  const violations = fieldViolations(policy, POLICY_SCHEMA, 'policy');
  // Cross-field rules only make sense once every field has the right type.
  return violations.length > 0 ? violations : crossFieldViolations(policy as ScoringPolicy);
}

export function isValidPolicy(policy: unknown): policy is ScoringPolicy {
  return validatePolicy(policy).length === 0;
}

function fieldViolations(value: unknown, rule: FieldRule, field: string): FieldViolation[] {
  // An optional field may be left out; `null` is not its absence, and its own rule refuses it.
  const optional = (rule.kind === 'code-list' || rule.kind === 'number') && rule.optional === true;
  if (value === undefined && optional) return [];
  if ((value === undefined || value === null) && !optional) return [{ field, rule: 'required', message: `${field} is required` }];
  switch (rule.kind) {
    case 'object':
      return objectViolations(value, rule, field);
    case 'number':
      return numberViolations(value, rule, field);
    case 'choice':
      return typeof value === 'string' && rule.values.includes(value)
        ? []
        : [{ field, rule: 'enum', message: `${field} must be one of ${rule.values.join(', ')}` }];
    case 'boolean':
      return typeof value === 'boolean' ? [] : [{ field, rule: 'type', message: `${field} must be true or false` }];
    case 'code-list':
      return codeListViolations(value, rule, field);
  }
}

function codeListViolations(value: unknown, rule: CodeListRule, field: string): FieldViolation[] {
  if (!Array.isArray(value)) {
    return [{ field, rule: 'type', message: `${field} must be a list, each entry ${rule.describe}${rule.optional ? ' (leave it out for none)' : ''}` }];
  }
  if (value.length > rule.maxItems) return [{ field, rule: 'max-items', message: `${field} must have at most ${rule.maxItems} entries, each once` }];
  const seen = new Set<string>();
  return value.flatMap((code: unknown, index): FieldViolation[] => {
    const entry = `${field}[${index}]`;
    if (typeof code !== 'string') return [{ field: entry, rule: 'type', message: `${entry} must be ${rule.describe}` }];
    if (!rule.isCode(code)) {
      const hint = rule.hint?.(code);
      return [{ field: entry, rule: rule.codeRule, message: `${entry} must be ${rule.describe}${hint === undefined ? '' : `; ${hint}`}` }];
    }
    if (seen.has(code)) return [{ field: entry, rule: 'unique', message: `${entry} repeats an earlier entry; name each once` }];
    seen.add(code);
    return [];
  });
}

function objectViolations(value: unknown, rule: ObjectRule, field: string): FieldViolation[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return [{ field, rule: 'type', message: `${field} must be an object` }];
  }
  const record = value as Record<string, unknown>;
  // Unknown fields are refused rather than dropped: a misspelt weight would otherwise vanish silently.
  const unknown = Object.keys(record)
    .filter((key) => !(key in rule.fields))
    .map((key): FieldViolation => ({ field: `${field}.${key}`, rule: 'unknown', message: `${field}.${key} is not a policy field` }));
  const known = Object.entries(rule.fields).flatMap(([key, child]) => fieldViolations(record[key], child, `${field}.${key}`));
  return [...known, ...unknown];
}

function numberViolations(value: unknown, rule: NumberRule, field: string): FieldViolation[] {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    return [{ field, rule: 'type', message: `${field} must be a finite number` }];
  }
  if (rule.integer === true && !Number.isInteger(value)) {
    return [{ field, rule: 'integer', message: `${field} must be a whole number` }];
  }
  const belowMin = rule.minExclusive === true ? value <= rule.min : value < rule.min;
  if (belowMin || value > rule.max) {
    const lower = rule.minExclusive === true ? `more than ${rule.min}` : `at least ${rule.min}`;
    return [{ field, rule: 'range', message: `${field} must be ${lower} and at most ${rule.max}` }];
  }
  return [];
}

function crossFieldViolations(policy: ScoringPolicy): FieldViolation[] {
  const violations: FieldViolation[] = [];
  if (!ALWAYS_APPLYING_COMPONENTS.some((name) => policy.weights[name] > 0)) {
    violations.push({
      field: 'policy.weights',
      rule: 'at-least-one',
      message: `At least one of ${ALWAYS_APPLYING_COMPONENTS.join(', ')} must have a weight above 0`,
    });
  }
  const credit = policy.parameters.language.levelCredit;
  // A better shared level must never earn less: the scorer picks the best pair by this credit.
  if (!(credit.native >= credit.fluent && credit.fluent >= credit.conversational)) {
    violations.push({
      field: 'policy.parameters.language.levelCredit',
      rule: 'order',
      message: 'Level credit must not increase from native to fluent to conversational',
    });
  }
  const priority = policy.parameters.expertise.priorityWeights;
  // Priority 1 is the most urgent need (SPEC §3, the console's "1 – most urgent"): a less urgent one must never count more.
  if (!(priority['1'] >= priority['2'] && priority['2'] >= priority['3'])) {
    violations.push({
      field: 'policy.parameters.expertise.priorityWeights',
      rule: 'order',
      message: 'Priority weights must not increase from priority 1 (most urgent) to 2 to 3',
    });
  }
  return violations;
}
