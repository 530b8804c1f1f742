/**
 * The one order of candidates: score descending, then key-person id
 * ascending by UTF-16 code units (never `localeCompare`, whose result depends
 * on the runtime's locale data), so ties break the same way everywhere.
 */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function compareCandidates(a: { readonly score: number; readonly keyPersonId: string }, b: { readonly score: number; readonly keyPersonId: string }): number {
  return b.score - a.score || compareIds(a.keyPersonId, b.keyPersonId);
}
