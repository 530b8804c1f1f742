/**
 * Registering a subject (`POST /newcomers`, `POST /key-persons`) from a form.
 * One Idempotency-Key lives as long as the form: a retry after a lost answer
 * is answered once by the API, never registered twice. (A refused attempt
 * stores nothing, so the same key serves the corrected submission too.)
 */
import { useRef, useState } from 'react';
import { ApiError, FieldViolation, newIdempotencyKey } from '../../app/api';
import { useApi } from '../../app/session';
import { useFormViolations } from '../../app/use-form-violations';
import type { Created } from '../model/profile.types';

export interface RegistrationOptions<F, B> {
  readonly path: string;
  bodyOf(values: F): B;
  missing(values: F): FieldViolation[];
  /** Re-addresses a violation from the body's indexes to the form's fields. */
  violationOf(violation: FieldViolation, body: B): FieldViolation;
}

export interface Registration<F> {
  readonly saving: boolean;
  /** What the form shows beside its fields and in the summary. */
  readonly violations: readonly FieldViolation[];
  /** A refusal that is not about fields (network, rights, server). */
  readonly error: unknown;
  submit(values: F): Promise<Created | null>;
}

export function useRegistration<F, B>({ path, bodyOf, missing, violationOf }: RegistrationOptions<F, B>): Registration<F> {
  const api = useApi();
  const key = useRef(newIdempotencyKey());
  const [saving, setSaving] = useState(false);
  // The latest `missing`, which says what is missing in the page's language now.
  const missingNow = useRef(missing);
  missingNow.current = missing;
  const { violations, own, fromApi } = useFormViolations();
  const [error, setError] = useState<unknown>(null);

  async function submit(values: F): Promise<Created | null> {
    const absent = missing(values);
    setError(null);
    own(() => missingNow.current(values));
    if (absent.length > 0) return null;
    const body = bodyOf(values);
    setSaving(true);
    try {
      const { body: created } = await api.post<Created>(path, body, { idempotencyKey: key.current });
      key.current = newIdempotencyKey();
      return created;
    } catch (failure) {
      if (failure instanceof ApiError && failure.errors.length > 0) fromApi(failure.errors, (v) => violationOf(v, body));
      else setError(failure);
      return null;
    } finally {
      setSaving(false);
    }
  }

  return { saving, violations, error, submit };
}
