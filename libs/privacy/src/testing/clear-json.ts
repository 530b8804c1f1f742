/**
 * The JSON of `value` with the bytes of every seal (`iv`, `ct`, `tag` beside
 * an `alg`) left out: what the log says in clear to a reader without the
 * keys. A test that a word is not stored in clear searches this, not the
 * whole JSON, where a short code turns up in the random base64 now and then
 * (`apc` in a 1 kB ciphertext about once in 250 runs) and fails a test of a
 * seal that was sound.
 */
export function clearJsonOf(value: unknown): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, key: string, field: unknown) {
    return SEAL_BYTES.has(key) && typeof this.alg === 'string' && typeof field === 'string' ? `<${key}>` : field;
  });
}

const SEAL_BYTES = new Set(['iv', 'ct', 'tag']);
