/** Free text that only humans read: notes on a profile, reasons for a status change. */
import { FieldViolation } from '../domain-error';
import { optionalText, requiredText } from './value.rules';

export const NOTES_MAX_LENGTH = 4000;
export const REASON_MAX_LENGTH = 1000;

export const notesViolations = (value: unknown, field = 'notes'): FieldViolation[] =>
  optionalText(value, field, { label: 'Notes', maxLength: NOTES_MAX_LENGTH, singleLine: false });

export const reasonViolations = (value: unknown, field = 'reason'): FieldViolation[] =>
  optionalText(value, field, { label: 'Reason', maxLength: REASON_MAX_LENGTH, singleLine: false });

/** A reason that must be given: declining, rejecting, ending or withdrawing a match is always explained. */
export const requiredReasonViolations = (value: unknown, field = 'reason'): FieldViolation[] =>
  requiredText(value, field, { label: 'Reason', maxLength: REASON_MAX_LENGTH, singleLine: false });
