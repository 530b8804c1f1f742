import { isCountryCode, listCountries } from './countries';
import { isLanguageCode, listLanguages } from './languages';
import { listMunicipalities } from './municipalities';
import { searchCountries, searchLanguages, searchMunicipalities } from './reference-search';

const codes = (answer: { items: readonly { code: string }[] }) => answer.items.map((item) => item.code);

describe('searchLanguages', () => {
  it('offers exactly the codes a profile accepts (isLanguageCode), no more and no fewer', () => {
    const everything = listLanguages().map((language) => language.code);
    const offered = new Set(codes(searchLanguages({ codes: everything, limit: everything.length })));
    expect(offered.size).toBe(everything.filter(isLanguageCode).length);
    for (const code of everything) expect({ code, offered: offered.has(code) }).toEqual({ code, offered: isLanguageCode(code) });
    expect(codes(searchLanguages({ limit: 100_000 }))).toHaveLength(offered.size);
  });

  it('finds the languages of SPEC §3 by what an intake worker types', () => {
    expect(codes(searchLanguages({ q: 'apc', limit: 1 }))).toEqual(['apc']);
    expect(codes(searchLanguages({ q: 'levantine', limit: 5 }))).toEqual(['apc', 'ajp']);
    expect(codes(searchLanguages({ q: 'Dari', limit: 1 }))).toEqual(['prs']);
    expect(codes(searchLanguages({ q: 'tigrinya', limit: 1 }))).toEqual(['tir']);
    expect(codes(searchLanguages({ q: 'kurdish', limit: 4 }))).toEqual(['kur', 'ckb', 'kmr', 'sdh']);
    expect(codes(searchLanguages({ q: 'NGABERE', limit: 1 }))).toEqual(['gym']); // Ngäbere
  });

  it('offers, among equally good matches, living macrolanguages first, then living languages, then dead ones', () => {
    expect(codes(searchLanguages({ q: 'arab', limit: 1 }))).toEqual(['ara']);
    expect(codes(searchLanguages({ q: 'persian', limit: 1 }))).toEqual(['fas']);
    const byCode = new Map(listLanguages().map((language) => [language.code, language]));
    // "latin": every living match of the name-prefix tier comes before Latin itself (ancient).
    const latin = codes(searchLanguages({ q: 'latin', limit: 10 }));
    expect(latin).toContain('lat');
    const livingAfterLatin = latin.slice(latin.indexOf('lat') + 1).filter((code) => byCode.get(code)!.type === 'living' && byCode.get(code)!.name.toLowerCase().startsWith('latin'));
    expect(livingAfterLatin).toEqual([]);
  });

  it('puts the exact code before code prefixes, and those before names', () => {
    expect(codes(searchLanguages({ q: 'ara', limit: 3 }))).toEqual(['ara', 'arl', 'arg']); // ard (Arabana) is extinct: after the living ones
    const startingTi = listLanguages().filter((language) => language.code.startsWith('ti')).map((language) => language.code);
    const found = codes(searchLanguages({ q: 'ti', limit: 100 }));
    expect(found.slice(0, startingTi.length).sort()).toEqual(startingTi);
    expect(found).toContain('tir');
    expect(found.length).toBe(100);
  });

  it('finds by the Dutch name an intake worker types, where CLDR has one, and says it', () => {
    for (const [q, code] of [['Arabisch', 'ara'], ['Koerdisch', 'kur'], ['Perzisch', 'fas'], ['Engels', 'eng'], ['Nederlands', 'nld'], ['levantijns', 'apc'], ['Somalisch', 'som'], ['oekraiens', 'ukr']]) {
      expect({ q, first: codes(searchLanguages({ q, limit: 1 }))[0] }).toEqual({ q, first: code });
    }
    expect(searchLanguages({ codes: ['nld'], limit: 1 }).items).toEqual([{ code: 'nld', name: 'Dutch', nl: 'Nederlands' }]);
    // No Dutch name where CLDR has none: the entry carries the English one alone.
    expect(searchLanguages({ codes: ['gym'], limit: 1 }).items[0]).not.toHaveProperty('nl');
  });

  it('gives code, name and the macrolanguage only where there is one', () => {
    expect(searchLanguages({ codes: ['apc', 'tir'], limit: 2 }).items).toEqual([
      { code: 'apc', name: 'North Levantine Arabic', nl: 'Levantijns-Arabisch', macrolanguage: 'ara' },
      { code: 'tir', name: 'Tigrinya', nl: 'Tigrinya' },
    ]);
  });

  it('reports codes that are not ISO 639-3 as they are written', () => {
    expect(searchLanguages({ codes: ['apc', 'ARA', 'xx'], limit: 3 }).unknownCodes).toEqual(['ARA', 'xx']);
  });

  it('never offers the special codes mis, mul, und and zxx: not by name, not by code, and asked for they are unknown codes', () => {
    const special = ['mis', 'mul', 'und', 'zxx'];
    for (const q of ['multiple', 'multiple languages', 'undetermined', 'uncoded', 'no linguistic content', ...special]) {
      expect({ q, offered: codes(searchLanguages({ q, limit: 100 })).filter((code) => special.includes(code)) }).toEqual({ q, offered: [] });
    }
    expect(searchLanguages({ codes: ['apc', ...special, 'tir'], limit: 10 })).toEqual({
      items: [{ code: 'apc', name: 'North Levantine Arabic', nl: 'Levantijns-Arabisch', macrolanguage: 'ara' }, { code: 'tir', name: 'Tigrinya', nl: 'Tigrinya' }],
      unknownCodes: special,
      excludedCodes: [],
    });
    expect(codes(searchLanguages({ limit: 100_000 })).filter((code) => special.includes(code))).toEqual([]);
  });
});

describe('searchCountries', () => {
  it('offers every country a profile accepts, with both names', () => {
    const all = listCountries().map((country) => country.code);
    expect(codes(searchCountries({ limit: 1000 })).sort()).toEqual(all.filter(isCountryCode));
    expect(searchCountries({ codes: ['SY'], limit: 1 }).items).toEqual([{ code: 'SY', en: 'Syrian Arab Republic', nl: 'Syrië' }]);
  });

  it('finds by code, English or Dutch name, without diacritics', () => {
    expect(codes(searchCountries({ q: 'sy', limit: 1 }))).toEqual(['SY']);
    expect(codes(searchCountries({ q: 'syrie', limit: 5 }))).toEqual(['SY']);
    expect(codes(searchCountries({ q: 'nederland', limit: 5 }))).toEqual(['NL']);
    expect(codes(searchCountries({ q: 'eritrea', limit: 5 }))).toEqual(['ER']);
    expect(codes(searchCountries({ q: 'curacao', limit: 5 }))).toEqual(['CW']);
    expect(codes(searchCountries({ q: 'ivoire', limit: 5 }))).toEqual(['CI']);
  });
});

describe('searchMunicipalities', () => {
  it('finds by name, word, code or code digits, with the province', () => {
    expect(searchMunicipalities({ q: 'utrecht', limit: 5 }).items).toEqual([
      { code: 'GM0344', name: 'Utrecht', province: 'Utrecht' },
      { code: 'GM1581', name: 'Utrechtse Heuvelrug', province: 'Utrecht' },
    ]);
    expect(codes(searchMunicipalities({ q: 'gravenhage', limit: 5 }))).toEqual(['GM0518']);
    expect(codes(searchMunicipalities({ q: 'gm0344', limit: 5 }))).toEqual(['GM0344']);
    expect(codes(searchMunicipalities({ q: '0363', limit: 5 }))).toEqual(['GM0363']);
    expect(codes(searchMunicipalities({ q: 'fryslan', limit: 5 }))).toEqual(['GM1970', 'GM1900']);
  });

  it('lists all 342 without a scope, and only the scope\'s with one, naming asked codes outside it', () => {
    expect(codes(searchMunicipalities({ limit: 1000 }))).toHaveLength(listMunicipalities().length);
    expect(codes(searchMunicipalities({ limit: 1000 }, ['GM0363', 'GM0344', 'GM9999']))).toEqual(['GM0363', 'GM0344']);
    expect(codes(searchMunicipalities({ q: 'utrecht', limit: 5 }, ['GM1581']))).toEqual(['GM1581']);
    expect(codes(searchMunicipalities({ limit: 10 }, []))).toEqual([]);
    const asked = searchMunicipalities({ codes: ['GM0344', 'GM0599', 'GM9999'], limit: 3 }, ['GM0344']);
    expect({ items: codes(asked), excluded: asked.excludedCodes, unknown: asked.unknownCodes })
      .toEqual({ items: ['GM0344'], excluded: ['GM0599'], unknown: ['GM9999'] });
  });
});
