import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Area, Messages } from './area';
import { commonMessages } from './messages';

export const LANGUAGES = ['nl', 'en'] as const;
export type UiLanguage = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'sleutel.language';

function initialLanguage(): UiLanguage {
  const chosen = localStorage.getItem(STORAGE_KEY);
  if (chosen === 'nl' || chosen === 'en') return chosen;
  return navigator.language?.toLowerCase().startsWith('en') ? 'en' : 'nl';
}

/** Keys present in one language and missing in the other, as `namespace:path`. */
export function missingKeys(namespace: string, en: Messages, nl: Messages, prefix = ''): string[] {
  const missing: string[] = [];
  for (const key of new Set([...Object.keys(en), ...Object.keys(nl)])) {
    const a = en[key];
    const b = nl[key];
    const path = `${prefix}${key}`;
    if (a === undefined || b === undefined || typeof a !== typeof b) missing.push(`${namespace}:${path}`);
    else if (typeof a === 'object' && typeof b === 'object') missing.push(...missingKeys(namespace, a, b, `${path}.`));
  }
  return missing;
}

export function setupI18n(areas: readonly Area[]): typeof i18next {
  const resources: Record<UiLanguage, Record<string, Messages>> = { nl: { common: commonMessages.nl }, en: { common: commonMessages.en } };
  const missing = missingKeys('common', commonMessages.en, commonMessages.nl);
  for (const area of areas) {
    resources.nl[area.id] = area.messages.nl;
    resources.en[area.id] = area.messages.en;
    missing.push(...missingKeys(area.id, area.messages.en, area.messages.nl));
  }
  if (missing.length > 0) console.error(`Texts missing in one language: ${missing.join(', ')}`);
  void i18next.use(initReactI18next).init({
    resources,
    lng: initialLanguage(),
    fallbackLng: 'en',
    defaultNS: 'common',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  const apply = (language: string) => {
    document.documentElement.lang = language;
    localStorage.setItem(STORAGE_KEY, language);
  };
  apply(i18next.language);
  i18next.on('languageChanged', apply);
  return i18next;
}
