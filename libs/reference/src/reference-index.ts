/**
 * Search over one reference list as a person uses it in a picker: by code or
 * by name, typed in any case and with or without diacritics, best match first.
 * Names are folded once when the index is built; a search is one pass over
 * the list, with no sorting of the matches (see `search`).
 */

/** What a picker asks: free text, or exact codes (those entries), or both; at most `limit` entries. */
export interface ReferenceQuery {
  readonly q?: string;
  readonly codes?: readonly string[];
  readonly limit: number;
}

export interface ReferenceAnswer<T> {
  readonly items: readonly T[];
  /** Asked `codes` that are not in the list at all. */
  readonly unknownCodes: readonly string[];
  /** Asked `codes` that are in the list but outside what the caller may see (`where`). */
  readonly excludedCodes: readonly string[];
}

/** How well an entry matches the text, best first; the tiers of the ranking. */
const MATCH_TIERS = ['exact-code', 'code-prefix', 'name-prefix', 'word-prefix', 'substring'] as const;

/**
 * Lower case, without diacritics (`Curaçao` → `curacao`, `Fryslân` → `fryslan`),
 * the few letters Unicode does not decompose spelled out (`ø` → `o`, `ß` → `ss`),
 * typographic apostrophes as `'`, and whitespace collapsed.
 */
export function foldText(text: string): string {
  // Lower case between two decompositions: a compatibility form can decompose to capitals (㎁ → nA), a capital lower to a mark (İ → i̇).
  return text
    .normalize('NFKD')
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[øđłßæœıðþ]/g, (letter) => UNDECOMPOSED[letter])
    .replace(/[’‘ʼ`´]/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

const UNDECOMPOSED: Readonly<Record<string, string>> = { ø: 'o', đ: 'd', ł: 'l', ß: 'ss', æ: 'ae', œ: 'oe', ı: 'i', ð: 'd', þ: 'th' };

interface Indexed<T> {
  readonly item: T;
  readonly code: string;
  /** Folded code and names. */
  readonly foldedCode: string;
  readonly foldedNames: readonly string[];
  /** Place in name order: ties within a tier are broken by it, after `prominence`. */
  readonly order: number;
  /** Lower comes first among equally good matches (e.g. living languages before extinct ones). */
  readonly prominence: number;
}

export class ReferenceIndex<T extends { readonly code: string }> {
  /** In name order (the first name, folded; then code). */
  private readonly entries: readonly Indexed<T>[];
  private readonly byCode: ReadonlyMap<string, Indexed<T>>;

  /**
   * `names(item)`: the names it is found by; the first is the one ties are
   * ordered by. `prominence(item)`: among matches of the same tier, lower
   * comes first (default: all equal, so name order).
   */
  constructor(items: readonly T[], names: (item: T) => readonly string[], prominence: (item: T) => number = () => 0) {
    const folded = items.map((item) => {
      const foldedNames = names(item).map(foldText);
      return { item, code: item.code, foldedCode: foldText(item.code), foldedNames, sortKey: sortKey(foldedNames[0]), prominence: prominence(item) };
    });
    folded.sort((a, b) => compare(a.sortKey, b.sortKey) || compare(a.code, b.code));
    this.entries = folded.map((entry, order) => Object.freeze({ ...entry, order }));
    this.byCode = new Map(this.entries.map((entry) => [entry.code, entry]));
  }

  /**
   * With `codes`: those entries, once each, in the order asked; codes that are
   * not in the list, or not visible (`where`), are reported rather than
   * answered. With `q`: the entries it matches, ranked by `MATCH_TIERS`, ties
   * in name order; with both, `q` ranks and filters the asked entries. With
   * neither: everything visible, in name order.
   */
  search(query: ReferenceQuery, where: (item: T) => boolean = () => true): ReferenceAnswer<T> {
    const unknownCodes: string[] = [];
    const excludedCodes: string[] = [];
    let candidates: readonly Indexed<T>[];
    if (query.codes === undefined) {
      candidates = this.entries.filter((entry) => where(entry.item));
    } else {
      const asked: Indexed<T>[] = [];
      for (const code of new Set(query.codes)) {
        const entry = this.byCode.get(code);
        if (entry === undefined) unknownCodes.push(code);
        else if (!where(entry.item)) excludedCodes.push(code);
        else asked.push(entry);
      }
      candidates = asked;
    }
    const q = foldText(query.q ?? '');
    const ranked = q === '' ? candidates : rankedMatches(q, query.codes === undefined ? candidates : [...candidates].sort((a, b) => a.order - b.order));
    return { items: ranked.slice(0, Math.max(0, query.limit)).map((entry) => entry.item), unknownCodes, excludedCodes };
  }
}

/** One pass in name order into a bucket per tier; within a tier the more prominent first (a stable sort keeps name order among equals). */
function rankedMatches<T>(q: string, inNameOrder: readonly Indexed<T>[]): Indexed<T>[] {
  const buckets: Indexed<T>[][] = MATCH_TIERS.map(() => []);
  for (const entry of inNameOrder) {
    const tier = tierIndex(entry, q);
    if (tier !== null) buckets[tier].push(entry);
  }
  return buckets.flatMap((bucket) => bucket.sort((a, b) => a.prominence - b.prominence));
}

/** The entry's place in `MATCH_TIERS` for `q` (folded), or null when `q` matches neither its code nor its names. */
function tierIndex(entry: Indexed<unknown>, q: string): number | null {
  if (entry.foldedCode === q) return 0;
  if (entry.foldedCode.startsWith(q)) return 1;
  if (entry.foldedNames.some((name) => name.startsWith(q))) return 2;
  if (entry.foldedNames.some((name) => startsAWord(name, q))) return 3;
  if (entry.foldedCode.includes(q) || entry.foldedNames.some((name) => name.includes(q))) return 4;
  return null;
}

const WORD_CHARACTER = /[\p{L}\p{N}]/u;

/** Whether `q` occurs in `text` at the start of a word other than the first: `arab` in `north levantine arabic`, `grav` in `'s-gravenhage`. */
function startsAWord(text: string, q: string): boolean {
  for (let at = text.indexOf(q, 1); at !== -1; at = text.indexOf(q, at + 1)) {
    if (!WORD_CHARACTER.test(text[at - 1])) return true;
  }
  return false;
}

/** A name as it is ordered: without leading punctuation, so `'s-Gravenhage` sorts under s, `'Are'are` under a. */
function sortKey(name: string | undefined): string {
  return (name ?? '').replace(/^[^\p{L}\p{N}]+/u, '');
}

/** Code-unit order: the same on every machine, unlike a locale's collation. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
