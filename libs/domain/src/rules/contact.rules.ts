/**
 * Contact details. Both are optional; what is given must be usable, because
 * a coordinator will phone or mail it.
 */
import { FieldViolation } from '../domain-error';
import { Contact, ContactInput } from '../profile';
import { fieldPath, violation } from './violation';
import { isRecord } from './value.rules';

export const EMAIL_MAX_LENGTH = 254;

/** International format (E.164): `+`, a country code not starting with 0, 8–15 digits in all. */
const PHONE = /^\+[1-9]\d{7,14}$/;
/** Deliberately simple: one `@`, no spaces, a dotted domain without empty labels. */
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

/** People write `+31 6 1234-5678`; spaces and dashes carry no meaning, so they go. */
export const toPhoneNumber = (value: string): string => value.replace(/[\s-]/g, '');

export function contactViolations(value: unknown, field = 'contact'): FieldViolation[] {
  if (value === undefined || value === null) return [];
  if (!isRecord(value)) return [violation(field, 'type', 'Contact must be an object with phone and/or email')];
  return [...phoneViolations(value.phone, fieldPath(field, 'phone')), ...emailViolations(value.email, fieldPath(field, 'email'))];
}

function phoneViolations(value: unknown, field: string): FieldViolation[] {
  if (value === undefined || value === null || value === '') return [];
  if (typeof value !== 'string') return [violation(field, 'type', 'Phone must be text')];
  return PHONE.test(toPhoneNumber(value.trim()))
    ? []
    : [violation(field, 'phone', 'Phone must be in international format: + and 8 to 15 digits, e.g. +31612345678')];
}

function emailViolations(value: unknown, field: string): FieldViolation[] {
  if (value === undefined || value === null || value === '') return [];
  if (typeof value !== 'string') return [violation(field, 'type', 'Email must be text')];
  const email = value.trim();
  if (email.length > EMAIL_MAX_LENGTH) return [violation(field, 'max-length', `Email must be at most ${EMAIL_MAX_LENGTH} characters`)];
  return EMAIL.test(email) ? [] : [violation(field, 'email', 'Email must be an address like name@example.org')];
}

/** Stored form: only the keys that have a value, so `{}` means "no contact details". */
export function toContact(input: ContactInput | null | undefined): Contact {
  const phone = input?.phone?.trim() ? toPhoneNumber(input.phone.trim()) : null;
  const email = input?.email?.trim() || null;
  return { ...(phone === null ? {} : { phone }), ...(email === null ? {} : { email }) };
}
