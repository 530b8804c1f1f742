/**
 * Language names in the console's language for ISO 639-3 codes. The browser
 * knows most codes profiles use (`tir` → Tigrinya), though not all (Debian's
 * Chromium has no name for `apc`, North Levantine Arabic): the API's language
 * list (`GET /reference/languages`) fills in, with its Dutch name where it
 * has one and its English name otherwise. Only a code nobody names is shown
 * as itself.
 */
const cache = new Map<string, Intl.DisplayNames | null>();

/** What the API's language list says of a code: its English name, and its Dutch name where it has one. */
export interface KnownLanguage {
  readonly name?: string;
  readonly nl?: string;
}

/** A name, and the language it is written in (`lang` of the element showing it); none for a bare code. */
export interface LanguageName {
  readonly name: string;
  readonly lang?: 'nl' | 'en';
}

function displayNames(language: 'nl' | 'en'): Intl.DisplayNames | null {
  if (!cache.has(language)) {
    try {
      cache.set(language, new Intl.DisplayNames([language], { type: 'language', fallback: 'none' }));
    } catch {
      cache.set(language, null);
    }
  }
  return cache.get(language) ?? null;
}

function browserName(code: string, language: 'nl' | 'en'): string | undefined {
  let name: string | undefined;
  try {
    name = displayNames(language)?.of(code);
  } catch {
    name = undefined;
  }
  return name && name.toLowerCase() !== code.toLowerCase() ? name : undefined;
}

/** The code's name on a page in `language`: on Dutch pages the Dutch name, else the English one; on English pages the English one. */
export function languageNameOf(code: string, language: string, known: KnownLanguage = {}): LanguageName {
  if (language === 'nl') {
    const dutch = known.nl || browserName(code, 'nl');
    if (dutch) return { name: dutch, lang: 'nl' };
  }
  const english = language === 'nl' ? known.name || browserName(code, 'en') : browserName(code, 'en') || known.name;
  return english ? { name: english, lang: 'en' } : { name: code };
}

export function languageName(code: string, language: string, known?: KnownLanguage): string {
  return languageNameOf(code, language, known).name;
}
