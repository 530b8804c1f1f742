import languageData from '../data/iso-639-3.json';
import {
  isLanguageCode, isMacrolanguageCode, isSpecialLanguageCode, language, languageName, languagesInfo, macrolanguageOf, specialLanguageCodes,
} from './languages';

describe('ISO 639-3 languages', () => {
  it.each(['apc', 'prs', 'tir', 'kmr', 'ckb', 'som', 'amh', 'ukr', 'nld', 'eng', 'ara', 'fas', 'pus'])(
    'accepts %s',
    (code) => expect(isLanguageCode(code)).toBe(true),
  );

  it.each(['xx', 'ARA', 'Apc', 'abc1', 'ar', 'zz', 'ZZ', 'sy', 'GM9999', '', ' apc', 'qaa-qtz'])(
    'rejects %j',
    (code) => expect(isLanguageCode(code)).toBe(false),
  );

  it.each(['mis', 'mul', 'und', 'zxx'])('refuses the special code %s: it is in ISO 639-3 but names no language', (code) => {
    expect(isLanguageCode(code)).toBe(false);
    expect(isSpecialLanguageCode(code)).toBe(true);
    expect(language(code)).toMatchObject({ code, scope: 'special', type: 'special' });
  });

  it('knows exactly the special codes the shipped data marks special (scope and type), and nothing else as special', () => {
    const marked = languageData.records.filter((record) => record.scope === 'special' || record.type === 'special').map((record) => record.code);
    expect(marked).toEqual(['mis', 'mul', 'und', 'zxx']);
    expect(languageData.records.filter((record) => record.scope === 'special').map((record) => record.code)).toEqual(marked);
    expect(specialLanguageCodes()).toEqual(marked);
    for (const record of languageData.records) {
      expect({ code: record.code, special: isSpecialLanguageCode(record.code), accepted: isLanguageCode(record.code) })
        .toEqual({ code: record.code, special: marked.includes(record.code), accepted: !marked.includes(record.code) });
    }
    expect(['apc', 'ara', 'xx', 'MUL', ''].filter(isSpecialLanguageCode)).toEqual([]);
  });

  it('keeps macrolanguages and historical languages', () => {
    for (const code of ['ara', 'fas', 'kur', 'zho', 'lat', 'grc']) expect({ code, accepted: isLanguageCode(code) }).toEqual({ code, accepted: true });
  });

  it('maps individual languages to their macrolanguage', () => {
    expect(macrolanguageOf('apc')).toBe('ara');
    expect(macrolanguageOf('acm')).toBe('ara');
    expect(macrolanguageOf('arz')).toBe('ara');
    expect(macrolanguageOf('prs')).toBe('fas');
    expect(macrolanguageOf('pes')).toBe('fas');
    expect(macrolanguageOf('kmr')).toBe('kur');
    expect(macrolanguageOf('ckb')).toBe('kur');
    expect(macrolanguageOf('pbu')).toBe('pus');
    expect(macrolanguageOf('cmn')).toBe('zho');
    expect(macrolanguageOf('swh')).toBe('swa');
    expect(macrolanguageOf('gaz')).toBe('orm');
  });

  it('has no macrolanguage for languages outside one, for macrolanguages or unknown codes', () => {
    expect(macrolanguageOf('tir')).toBeUndefined();
    expect(macrolanguageOf('nld')).toBeUndefined();
    expect(macrolanguageOf('ara')).toBeUndefined();
    expect(macrolanguageOf('xx')).toBeUndefined();
  });

  it('gives English names and the full record', () => {
    expect(languageName('tir')).toBe('Tigrinya');
    expect(languageName('nld')).toBe('Dutch');
    expect(languageName('prs')).toBe('Dari');
    expect(languageName('xx')).toBeUndefined();
    expect(language('ara')).toMatchObject({ code: 'ara', scope: 'macrolanguage' });
  });

  it('only maps to codes that are macrolanguages themselves', () => {
    for (const record of languageData.records) {
      const macro = macrolanguageOf(record.code);
      if (macro !== undefined) expect(language(macro)?.scope).toBe('macrolanguage');
    }
  });

  it('tells a macrolanguage code: exactly the records of scope macrolanguage, each with member languages', () => {
    for (const code of ['ara', 'fas', 'kur', 'zho', 'hbs', 'que']) expect({ code, macrolanguage: isMacrolanguageCode(code) }).toEqual({ code, macrolanguage: true });
    for (const code of ['kmr', 'ckb', 'apc', 'cmn', 'nld', 'tir', 'mul', 'KUR', 'xx', '']) expect({ code, macrolanguage: isMacrolanguageCode(code) }).toEqual({ code, macrolanguage: false });
    const macrolanguages = languageData.records.filter((record) => record.scope === 'macrolanguage').map((record) => record.code);
    expect(macrolanguages).toHaveLength(62);
    expect(languageData.records.filter((record) => isMacrolanguageCode(record.code)).map((record) => record.code)).toEqual(macrolanguages);
    const withMembers = new Set(languageData.records.flatMap((record) => (record.macrolanguage === undefined ? [] : [record.macrolanguage])));
    expect(macrolanguages.filter((code) => !withMembers.has(code))).toEqual([]);
  });

  it('agrees with its header', () => {
    expect(languagesInfo.count).toBe(languageData.records.length);
    expect(languagesInfo.count).toBeGreaterThan(7000);
    expect(languagesInfo.source).toMatch(/iso-639-3@/);
  });
});
