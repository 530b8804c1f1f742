/** A PATCH names a section by sending it; absent (undefined) means "leave as is". */
export function has<T extends object>(body: T, key: keyof T): boolean {
  return Object.prototype.hasOwnProperty.call(body, key) && body[key] !== undefined;
}

/** The named keys a PATCH body sends, for commands that merge a partial section. */
export function pick<T extends object, K extends keyof T>(body: T, keys: readonly K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const key of keys) if (has(body, key)) out[key] = body[key];
  return out;
}
