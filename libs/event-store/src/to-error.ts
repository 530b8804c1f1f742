/** Anything thrown, as an Error, so callbacks typed `(error: Error)` get one. */
export function toError(thrown: unknown): Error {
  return thrown instanceof Error ? thrown : new Error(String(thrown));
}
