import { createHmac } from 'node:crypto';
import type { DataKey } from '@sleutel/privacy';
import { ProblemException } from './problem';

const KEY_FORMAT = /^[\x21-\x7e]{1,200}$/;

/** Marks a fingerprint keyed by its subject's data key; one without it is keyed by the configured secret. */
const SUBJECT_KEYED = 's1:';

/**
 * `Idempotency-Key` on creates (SPEC §9). The key is remembered in the first
 * event's metadata together with a keyed fingerprint of the body (an HMAC, so
 * the log holds no guessable digest of personal data): a retry with the same
 * key and body gets the first answer, the same key with another body a 422.
 *
 * A registration's body is a person's profile, so its fingerprint is keyed by
 * that person's data key (`subjectFingerprint`): once they are erased, nobody
 * can test a guessed profile against it, not even whoever holds the token
 * secret. Bodies that name no person (a cohort run) use the secret's key.
 */
export class IdempotencyKeys {
  constructor(private readonly secret: string) {}

  parse(header: string | undefined): string | undefined {
    if (header === undefined) return undefined;
    if (!KEY_FORMAT.test(header)) {
      throw new ProblemException(400, 'REQUEST.INVALID_IDEMPOTENCY_KEY', 'Bad Request', 'Idempotency-Key must be 1 to 200 visible ASCII characters.', [
        { field: 'Idempotency-Key', rule: 'format', message: 'must be 1 to 200 visible ASCII characters' },
      ]);
    }
    return header;
  }

  fingerprint(body: unknown): string {
    return createHmac('sha256', this.secret).update(canonicalJson(body)).digest('base64url');
  }

  /** The fingerprint of a body about one person, keyed by their data key: gone with it at their erasure. */
  subjectFingerprint(body: unknown, subjectKey: DataKey): string {
    const key = createHmac('sha256', subjectKey.bytes).update('idempotency-fingerprint').digest();
    return `${SUBJECT_KEYED}${createHmac('sha256', key).update(canonicalJson(body)).digest('base64url')}`;
  }

  /** Whether `stored` is the fingerprint of `body`: as the subject's (`s1:`), or as the secret's (registrations stored before). */
  sameSubjectBody(stored: string | undefined, body: unknown, subjectKey: DataKey): boolean {
    if (stored === undefined) return false;
    return stored === (stored.startsWith(SUBJECT_KEYED) ? this.subjectFingerprint(body, subjectKey) : this.fingerprint(body));
  }

  static reused(): ProblemException {
    return new ProblemException(422, 'REQUEST.IDEMPOTENCY_KEY_REUSED', 'Unprocessable Content', 'This Idempotency-Key was used with a different body. Use a new key for a new request.', [
      { field: 'Idempotency-Key', rule: 'same-body', message: 'was already used with a different body' },
    ]);
  }
}

/**
 * The name an id is derived from for what one caller sent with one
 * Idempotency-Key: `<purpose>|<sub>|<key>`, with a backslash and `|` in the token's
 * `sub` escaped. Both a `sub` and a key may hold `|`: unescaped, the caller
 * `a|b` with key `c` and the caller `a` with key `b|c` named one id, so one
 * caller's retry met the other's registration (a 422, across municipalities
 * too) and one could take the id of the other's next one. A `sub` without
 * either character names what it always did, so retries made before still
 * find their first answer.
 */
export function idempotentName(purpose: string, subject: string, key: string): string {
  return `${purpose}|${subject.replace(/[\\|]/g, (character) => `\\${character}`)}|${key}`;
}

/** JSON with object keys sorted, so two equal bodies have one fingerprint. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
