/**
 * Contact details: a phone number and an e-mail address, each optional; what
 * is given must be usable, because a coordinator will phone or mail it. A
 * newcomer's contact is optional altogether (SPEC §3); a key person's is not:
 * at least one of the two (`keyPersonContactViolations`).
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

/**
 * A key person's contact (SPEC §3 lists it, unlike a newcomer's, as no option):
 * the same rules, and a phone number or an e-mail address at least. Both
 * missing is named at `contact.phone`, the field a form shows first, with a
 * message that names both. Until 2026-12-02 a key person could be registered,
 * or their contact emptied, without either (found by a review); such a profile
 * keeps what it has until its contact is next changed.
 */
export function keyPersonContactViolations(value: unknown, field = 'contact'): FieldViolation[] {
  const violations = contactViolations(value, field);
  if (violations.length > 0) return violations;
  const given = (part: unknown) => typeof part === 'string' && part.trim() !== '';
  const contact = isRecord(value) ? value : {};
  return given(contact.phone) || given(contact.email)
    ? []
    : [violation(fieldPath(field, 'phone'), 'required', 'A key person needs a phone number or an e-mail address, for the coordinator to reach them')];
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
