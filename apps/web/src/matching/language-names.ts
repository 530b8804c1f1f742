/**
 * Language names in the console's language for ISO 639-3 codes. The browser
 * knows nearly all codes profiles use (`tir` → Tigrinya, `apc` →
 * Levantijns-Arabisch); an unknown one is shown as its code.
 */
const cache = new Map<string, Intl.DisplayNames | null>();

function displayNames(language: string): Intl.DisplayNames | null {
  if (!cache.has(language)) {
    try {
      cache.set(language, new Intl.DisplayNames([language === 'nl' ? 'nl' : 'en'], { type: 'language', fallback: 'none' }));
    } catch {
      cache.set(language, null);
    }
  }
  return cache.get(language) ?? null;
}

export function languageName(code: string, language: string): string {
  let name: string | undefined;
  try {
    name = displayNames(language)?.of(code);
  } catch {
    name = undefined;
  }
  return name && name.toLowerCase() !== code.toLowerCase() ? name : code;
}
