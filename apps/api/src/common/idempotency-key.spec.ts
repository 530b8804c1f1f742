import { randomBytes } from 'node:crypto';
import { DataKey } from '@sleutel/privacy';
import { idempotentName, IdempotencyKeys } from './idempotency-key';

describe('IdempotencyKeys', () => {
  const keys = new IdempotencyKeys('a-secret-of-the-installation');
  const person = (): DataKey => ({ version: 1, bytes: randomBytes(32) });
  const body = { displayName: 'Amal', birthYear: 1990, languages: [{ code: 'ara', level: 'native' }] };

  it('keys a body about a person by that person’s data key: another person’s key, or the secret alone, gives another fingerprint', () => {
    const amal = person();
    const stored = keys.subjectFingerprint(body, amal);
    expect(keys.sameSubjectBody(stored, { birthYear: 1990, languages: [{ level: 'native', code: 'ara' }], displayName: 'Amal' }, amal)).toBe(true);
    expect(keys.sameSubjectBody(stored, { ...body, birthYear: 1991 }, amal)).toBe(false);
    expect(keys.subjectFingerprint(body, person())).not.toBe(stored);
    expect(stored).not.toContain(keys.fingerprint(body));
  });

  it('still compares a registration stored before, whose fingerprint the secret keyed', () => {
    const amal = person();
    expect(keys.sameSubjectBody(keys.fingerprint(body), body, amal)).toBe(true);
    expect(keys.sameSubjectBody(keys.fingerprint(body), { ...body, birthYear: 1991 }, amal)).toBe(false);
    expect(keys.sameSubjectBody(undefined, body, amal)).toBe(false);
  });
});

describe('idempotentName', () => {
  it('names each caller and key apart, however the bars fall, and as before for a sub without bar or backslash', () => {
    const pairs: [string, string][] = [['a|b', 'c'], ['a', 'b|c'], ['a\\', '|c'], ['a\\|', 'c'], ['a', '\\|c'], ['a|b|c', 'd'], ['a|b', 'c|d']];
    const names = pairs.map(([subject, key]) => idempotentName('newcomer', subject, key));
    expect(new Set(names).size).toBe(pairs.length);
    expect(idempotentName('newcomer', 'intake-utrecht-3', 'form|7f3a')).toBe('newcomer|intake-utrecht-3|form|7f3a');
  });
});
