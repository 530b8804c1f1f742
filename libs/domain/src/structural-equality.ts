/**
 * Equality of plain JSON data, used to make a change to the current value a
 * no-op (no event). Key order does not matter, array order does: the order
 * of languages or slots is the user's, and a reorder is a change.
 */
export function isStructurallyEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => isStructurallyEqual(item, b[i]));
  }
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  return (
    keysA.length === keysB.length &&
    keysA.every((key) => Object.prototype.hasOwnProperty.call(b, key) && isStructurallyEqual(a[key as keyof typeof a], b[key as keyof typeof b]))
  );
}
