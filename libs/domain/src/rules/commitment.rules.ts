/** What a key person commits to: concurrent newcomers, hours a month, and on what terms. */
import { FieldViolation } from '../domain-error';
import { CAPACITY_MAX, CAPACITY_MIN, ENGAGEMENTS, MONTHLY_HOURS_MAX } from '../profile';
import { integerInRange, oneOf } from './value.rules';

export const MONTHLY_HOURS_MIN = 1;

export const capacityViolations = (value: unknown, field = 'capacity'): FieldViolation[] =>
  integerInRange(value, field, 'Capacity', CAPACITY_MIN, CAPACITY_MAX);

export const monthlyHoursViolations = (value: unknown, field = 'maxHoursPerMonth'): FieldViolation[] =>
  integerInRange(value, field, 'Maximum hours per month', MONTHLY_HOURS_MIN, MONTHLY_HOURS_MAX);

export const engagementViolations = (value: unknown, field = 'engagement'): FieldViolation[] =>
  oneOf(value, ENGAGEMENTS, field, 'Engagement');
