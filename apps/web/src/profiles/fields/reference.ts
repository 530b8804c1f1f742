/**
 * The reference lists behind the pickers and the readable profiles:
 * `GET /reference/{languages,countries,municipalities}?q=&codes=&limit=`.
 * Entries found once are kept for the session of the page, so a code shown
 * on a list and again in a form is asked for once.
 */
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Api } from '../../app/api';
import { useApi } from '../../app/session';
import { LanguageName, languageName, languageNameOf } from '../../matching/language-names';

export type ReferenceKind = 'languages' | 'countries' | 'municipalities';

export interface LanguageEntry {
  readonly code: string;
  /** English. */
  readonly name: string;
  /** Dutch, where the API has it. */
  readonly nl?: string;
  readonly macrolanguage?: string;
}
export interface CountryEntry {
  readonly code: string;
  readonly en: string;
  readonly nl: string;
}
export interface MunicipalityEntry {
  readonly code: string;
  readonly name: string;
  readonly province: string;
}
export type ReferenceEntry = LanguageEntry | CountryEntry | MunicipalityEntry;

interface ReferenceAnswer {
  readonly items: readonly ReferenceEntry[];
}

/** `null`: the API does not know the code (or it is outside the token's municipalities). */
const known = new Map<string, ReferenceEntry | null>();
const pending = new Map<string, Promise<void>>();
const keyOf = (kind: ReferenceKind, code: string) => `${kind}:${code}`;

/** A language by name and code, the name in the page's language as far as known (see language-names.ts). */
export function languageLabelOf(entry: LanguageEntry, language: string): LanguageName {
  // English pages keep the API's English name; Dutch pages take a Dutch one, the English one failing that.
  const named = language === 'nl' ? languageNameOf(entry.code, 'nl', entry) : { name: entry.name, lang: 'en' as const };
  return { ...named, name: `${named.name} (${entry.code})` };
}

/** How an entry reads in the console's language: languages by name and code, countries in nl or en. */
export function referenceLabel(kind: ReferenceKind, entry: ReferenceEntry, language: string): string {
  if (kind === 'languages') return languageLabelOf(entry as LanguageEntry, language).name;
  if (kind === 'countries') return language === 'nl' ? (entry as CountryEntry).nl : (entry as CountryEntry).en;
  return (entry as MunicipalityEntry).name;
}

/** The second line of an option: what tells two similar entries apart. */
export function referenceDetail(kind: ReferenceKind, entry: ReferenceEntry, language: string): string {
  if (kind === 'municipalities') return `${(entry as MunicipalityEntry).province} · ${entry.code}`;
  if (kind === 'countries') return entry.code;
  const { macrolanguage } = entry as LanguageEntry;
  return macrolanguage ? `↳ ${languageName(macrolanguage, language)} (${macrolanguage})` : '';
}

function remember(kind: ReferenceKind, items: readonly ReferenceEntry[]): void {
  for (const item of items) known.set(keyOf(kind, item.code), item);
}

async function fetchCodes(api: Api, kind: ReferenceKind, codes: readonly string[]): Promise<void> {
  try {
    const { body } = await api.get<ReferenceAnswer>(`/reference/${kind}`, { codes: codes.join(',') });
    remember(kind, body.items);
    for (const code of codes) if (!known.has(keyOf(kind, code))) known.set(keyOf(kind, code), null);
  } catch {
    // One unknown code refuses the whole batch: ask one by one, so the others still get their names.
    if (codes.length === 1) {
      known.set(keyOf(kind, codes[0]), null);
      return;
    }
    await Promise.all(codes.map((code) => fetchCodes(api, kind, [code])));
  }
}

/** The entries of `codes` (as far as known), loading the ones not seen yet. */
export function useReferenceEntries(kind: ReferenceKind, codes: readonly string[]): ReadonlyMap<string, ReferenceEntry> {
  const api = useApi();
  const [generation, setGeneration] = useState(0);
  const wanted = useMemo(() => [...new Set(codes.filter((code) => code !== ''))].sort(), [codes]);
  const signature = wanted.join(',');
  useEffect(() => {
    let current = true;
    const missing = wanted.filter((code) => !known.has(keyOf(kind, code)));
    if (missing.length === 0) return undefined;
    const waits = missing.map((code) => pending.get(keyOf(kind, code))).filter((wait): wait is Promise<void> => wait !== undefined);
    const fresh = missing.filter((code) => !pending.has(keyOf(kind, code)));
    if (fresh.length > 0) {
      const load = fetchCodes(api, kind, fresh).finally(() => fresh.forEach((code) => pending.delete(keyOf(kind, code))));
      fresh.forEach((code) => pending.set(keyOf(kind, code), load));
      waits.push(load);
    }
    void Promise.all(waits).then(() => current && setGeneration((g) => g + 1));
    return () => {
      current = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, kind, signature]);
  return useMemo(() => {
    const entries = new Map<string, ReferenceEntry>();
    for (const code of wanted) {
      const entry = known.get(keyOf(kind, code));
      if (entry) entries.set(code, entry);
    }
    return entries;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [kind, signature, generation]);
}

/** A function giving the readable name of a code (the code itself until or unless it is known). */
export function useReferenceNames(kind: ReferenceKind, codes: readonly string[]): (code: string | null | undefined) => string {
  const entries = useReferenceEntries(kind, codes);
  const { i18n } = useTranslation();
  return (code) => {
    if (!code) return '—';
    const entry = entries.get(code);
    return entry ? referenceLabel(kind, entry, i18n.language) : code;
  };
}

/**
 * The name of each language code in the page's language (with the language it
 * is written in, for `lang`): the browser's, or the API's list's where the
 * browser has none, loaded for the codes not seen yet.
 */
export function useLanguageNames(codes: readonly string[]): (code: string) => LanguageName {
  const entries = useReferenceEntries('languages', codes);
  const { i18n } = useTranslation();
  return (code) => languageNameOf(code, i18n.language, entries.get(code) as LanguageEntry | undefined);
}

/** Like `useReferenceNames('languages', …)`, with the language each label is written in. */
export function useLanguageLabels(codes: readonly string[]): (code: string) => LanguageName {
  const entries = useReferenceEntries('languages', codes);
  const { i18n } = useTranslation();
  return (code) => {
    const entry = entries.get(code) as LanguageEntry | undefined;
    return entry ? languageLabelOf(entry, i18n.language) : { name: code };
  };
}

export interface SearchState {
  readonly items: readonly ReferenceEntry[];
  readonly loading: boolean;
  readonly failed: boolean;
}

/** Entries matching `query`, asked `delayMs` after the last keystroke, while `active`. */
export function useReferenceSearch(kind: ReferenceKind, query: string, active: boolean, delayMs = 250): SearchState {
  const api = useApi();
  const [state, setState] = useState<SearchState>({ items: [], loading: false, failed: false });
  useEffect(() => {
    if (!active) return undefined;
    let current = true;
    setState((previous) => ({ ...previous, loading: true }));
    const timer = setTimeout(() => {
      api.get<ReferenceAnswer>(`/reference/${kind}`, { q: query.trim() || undefined, limit: 12 }).then(
        ({ body }) => {
          remember(kind, body.items);
          if (current) setState({ items: body.items, loading: false, failed: false });
        },
        () => current && setState({ items: [], loading: false, failed: true }),
      );
    }, delayMs);
    // Only the latest search sets the list: an answer to a query since changed, or to a search since closed, arrives to nothing.
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, kind, query, active, delayMs]);
  return state;
}
