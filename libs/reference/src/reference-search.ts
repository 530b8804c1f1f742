/**
 * The reference lists as pickers offer them (the web console's language,
 * country and municipality fields): each entry in the shape shown, searchable
 * through a `ReferenceIndex` built at the first search (about 0.2 s, which a
 * process that never searches, the CLI or a matcher worker, does not pay).
 */
import { isCountryCode, listCountries } from './countries';
import { isLanguageCode, listLanguages } from './languages';
import { isMunicipalityCode, listMunicipalities } from './municipalities';
import { ReferenceAnswer, ReferenceIndex, ReferenceQuery } from './reference-index';
import type { Country } from './types';

export interface LanguageEntry {
  readonly code: string;
  /** The English reference name (ISO 639-3). */
  readonly name: string;
  /** The Dutch name, where Unicode's CLDR (through Node's ICU) has one: `apc` Levantijns-Arabisch, `nld` Nederlands. */
  readonly nl?: string;
  readonly macrolanguage?: string;
}

/**
 * Dutch names come from CLDR, which Node ships with ICU: about 600 of the
 * codes, all the languages newcomers commonly speak among them (Arabisch,
 * Koerdisch, Perzisch, Dari, Tigrinya, Somalisch). Search only: the ISO list
 * stays the reference, so a newer Node may name more, never change a code.
 */
const dutchNames = ((): ((code: string) => string | undefined) => {
  let names: Intl.DisplayNames;
  try {
    names = new Intl.DisplayNames(['nl'], { type: 'language', fallback: 'none' });
  } catch {
    return () => undefined;
  }
  return (code) => {
    try {
      const name = names.of(code);
      return name === undefined || name.toLowerCase() === code ? undefined : name;
    } catch {
      return undefined;
    }
  };
})();

function languageEntry(code: string, name: string, macrolanguage: string | undefined): LanguageEntry {
  const nl = dutchNames(code);
  return Object.freeze({ code, name, ...(nl === undefined ? {} : { nl }), ...(macrolanguage === undefined ? {} : { macrolanguage }) });
}

export interface MunicipalityEntry {
  readonly code: string;
  readonly name: string;
  readonly province: string;
}

/**
 * Exactly the codes a profile accepts: the domain's language rule asks
 * `isLanguageCode`, so the index is built through the same predicate (the
 * whole ISO 639-3 list, historical languages included, but not the special
 * codes mis, mul, und and zxx, which name no language: asked for, they are
 * unknown codes).
 * Among equally good matches, living macrolanguages come first, then living
 * languages, then the rest: "arab" offers Arabic before Arabana and Arabela,
 * and never a dead language before a spoken one.
 */
const languages = builtOnce(() => {
  const prominence = new Map(listLanguages().map((language) => [language.code, language.type !== 'living' ? 2 : language.scope === 'macrolanguage' ? 0 : 1]));
  return new ReferenceIndex<LanguageEntry>(
    listLanguages()
      .filter((language) => isLanguageCode(language.code))
      .map(({ code, name, macrolanguage }) => languageEntry(code, name, macrolanguage)),
    (language) => (language.nl === undefined ? [language.name] : [language.name, language.nl]),
    (language) => prominence.get(language.code) ?? 2,
  );
});

/** Found by code and by both names; ties in order of the English name. */
const countries = builtOnce(() => new ReferenceIndex<Country>(
  listCountries()
    .filter((country) => isCountryCode(country.code))
    .map(({ code, en, nl }) => Object.freeze({ code, en, nl })),
  (country) => [country.en, country.nl],
));

const municipalities = builtOnce(() => new ReferenceIndex<MunicipalityEntry>(
  listMunicipalities()
    .filter((municipality) => isMunicipalityCode(municipality.code))
    .map(({ code, name, province }) => Object.freeze({ code, name, province })),
  (municipality) => [municipality.name],
));

function builtOnce<T>(build: () => T): () => T {
  let built: { readonly value: T } | undefined;
  return () => (built ??= { value: build() }).value;
}

/** ISO 639-3 languages by code, English or Dutch name, e.g. `{ q: 'levantine' }` or `{ q: 'levantijns' }` → `apc` North Levantine Arabic. */
export function searchLanguages(query: ReferenceQuery): ReferenceAnswer<LanguageEntry> {
  return languages().search(query);
}

/** ISO 3166-1 countries by code, English or Dutch name, e.g. `{ q: 'syrie' }` → `SY`. */
export function searchCountries(query: ReferenceQuery): ReferenceAnswer<Country> {
  return countries().search(query);
}

/**
 * CBS municipalities by code or name. `within` (a token's municipalities)
 * limits what is found; asked codes outside it come back as `excludedCodes`.
 */
export function searchMunicipalities(query: ReferenceQuery, within: readonly string[] | null = null): ReferenceAnswer<MunicipalityEntry> {
  if (within === null) return municipalities().search(query);
  const visible = new Set(within);
  return municipalities().search(query, (municipality) => visible.has(municipality.code));
}
