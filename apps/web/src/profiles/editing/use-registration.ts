/**
 * Registering a subject (`POST /newcomers`, `POST /key-persons`) from a form.
 * One Idempotency-Key lives as long as the form: a retry after a lost answer
 * is answered once by the API, never registered twice. (A refused attempt
 * stores nothing, so the same key serves the corrected submission too.)
 *
 * An attempt whose answer never arrived may have registered the subject. When
 * the next attempt, corrected meanwhile, is refused because the key was used
 * with another body, one of those unanswered bodies did: sent again with the
 * key, it is answered with the id it registered, and nothing is registered anew.
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

/** What became of attempts whose answer was lost. */
export type EarlierAttempt =
  /** The last attempt got no answer: it may have registered the subject. */
  | { readonly kind: 'unanswered' }
  /** An earlier attempt registered the subject; `id` is null when it could not be told which (e.g. erased since). */
  | { readonly kind: 'registered'; readonly id: string | null };

export interface Registration<F> {
  readonly saving: boolean;
  /** What the form shows beside its fields and in the summary. */
  readonly violations: readonly FieldViolation[];
  /** A refusal that is not about fields (network, rights, server). */
  readonly error: unknown;
  readonly earlier: EarlierAttempt | null;
  submit(values: F): Promise<Created | null>;
}

/** No answer, or a gateway's or server's failure: the API may have stored the registration all the same. */
const mayHaveRegistered = (failure: unknown): boolean => !(failure instanceof ApiError) || failure.status === 0 || failure.status >= 500;

export function useRegistration<F, B>({ path, bodyOf, missing, violationOf }: RegistrationOptions<F, B>): Registration<F> {
  const api = useApi();
  const key = useRef(newIdempotencyKey());
  const [saving, setSaving] = useState(false);
  // The latest `missing`, which says what is missing in the page's language now.
  const missingNow = useRef(missing);
  missingNow.current = missing;
  const { violations, own, fromApi } = useFormViolations();
  const [error, setError] = useState<unknown>(null);
  const [earlier, setEarlier] = useState<EarlierAttempt | null>(null);
  // The bodies sent with the current key whose answer never arrived.
  const unanswered = useRef<B[]>([]);

  /** Sends each unanswered body again with the key: the one that registered the subject is answered with its id. */
  async function registeredEarlier(): Promise<EarlierAttempt> {
    for (const sent of unanswered.current) {
      try {
        const { body: created } = await api.post<Created>(path, sent, { idempotencyKey: key.current });
        return { kind: 'registered', id: created.id };
      } catch {
        // Not this body (422), or no answer again: try the next.
      }
    }
    return { kind: 'registered', id: null };
  }

  async function submit(values: F): Promise<Created | null> {
    const absent = missing(values);
    setError(null);
    setEarlier(null);
    own(() => missingNow.current(values));
    if (absent.length > 0) return null;
    const body = bodyOf(values);
    setSaving(true);
    try {
      const { body: created } = await api.post<Created>(path, body, { idempotencyKey: key.current });
      key.current = newIdempotencyKey();
      unanswered.current = [];
      return created;
    } catch (failure) {
      if (failure instanceof ApiError && failure.code === 'REQUEST.IDEMPOTENCY_KEY_REUSED') setEarlier(await registeredEarlier());
      else if (failure instanceof ApiError && failure.errors.length > 0) fromApi(failure.errors, (v) => violationOf(v, body));
      else setError(failure);
      if (mayHaveRegistered(failure)) {
        unanswered.current.push(body);
        setEarlier({ kind: 'unanswered' });
      }
      return null;
    } finally {
      setSaving(false);
    }
  }

  return { saving, violations, error, earlier, submit };
}
