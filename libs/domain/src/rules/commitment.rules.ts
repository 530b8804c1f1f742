/** What a key person commits to: concurrent newcomers, hours a month, and on what terms. */
import { FieldViolation } from '../domain-error';
import { CAPACITY_MAX, CAPACITY_MIN, ENGAGEMENTS, MONTHLY_HOURS_MAX } from '../profile';
import { integerInRange, numberInRange, oneOf } from './value.rules';

export const MONTHLY_HOURS_MIN = 1;
/** Half hours: a volunteer's tax-free allowance caps at about 37.5 hours a month (SPEC §3). */
export const MONTHLY_HOURS_STEP = 0.5;

export const capacityViolations = (value: unknown, field = 'capacity'): FieldViolation[] =>
  integerInRange(value, field, 'Capacity', CAPACITY_MIN, CAPACITY_MAX);

export const monthlyHoursViolations = (value: unknown, field = 'maxHoursPerMonth'): FieldViolation[] =>
  numberInRange(value, field, 'Maximum hours per month', MONTHLY_HOURS_MIN, MONTHLY_HOURS_MAX, { multipleOf: MONTHLY_HOURS_STEP });

export const engagementViolations = (value: unknown, field = 'engagement'): FieldViolation[] =>
  oneOf(value, ENGAGEMENTS, field, 'Engagement');
