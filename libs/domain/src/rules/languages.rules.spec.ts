import { listLanguages, searchLanguages } from '@sleutel/reference';
import { LANGUAGES_MAX, languagesViolations, toLanguageSkills } from './languages.rules';

const rulesOf = (value: unknown) => languagesViolations(value).map((v) => `${v.field} ${v.rule}`);

describe('languages rules', () => {
  it('accepts ISO 639-3 codes with a level', () => {
    expect(rulesOf([{ code: 'apc', level: 'native' }, { code: 'kmr', level: 'conversational' }, { code: 'ckb', level: 'basic' }])).toEqual([]);
  });

  it('requires at least one language', () => {
    expect(rulesOf([])).toEqual(['languages min-items']);
    expect(rulesOf(null)).toEqual(['languages required']);
    expect(rulesOf('apc')).toEqual(['languages type']);
  });

  it(`allows at most ${LANGUAGES_MAX} languages`, () => {
    const many = ['apc', 'ara', 'prs', 'tir', 'kmr', 'ckb', 'nld', 'eng', 'som', 'fra', 'deu', 'spa', 'por', 'ita', 'rus', 'ukr', 'pol', 'tur', 'pus', 'urd', 'hin'];
    expect(rulesOf(many.map((code) => ({ code, level: 'basic' })))).toEqual(['languages max-items']);
  });

  it('refuses codes that are not ISO 639-3, including ISO 639-1 and upper case', () => {
    expect(rulesOf([{ code: 'ar', level: 'native' }, { code: 'APC', level: 'native' }, { code: 'qqq', level: 'native' }, { level: 'basic' }])).toEqual([
      'languages[0].code iso-639-3',
      'languages[1].code iso-639-3',
      'languages[2].code iso-639-3',
      'languages[3].code required',
    ]);
  });

  it('accepts exactly the codes the reference search offers (GET /reference/languages), and no others', () => {
    const all = listLanguages().map((language) => language.code);
    const offered = new Set(searchLanguages({ codes: all, limit: all.length }).items.map((language) => language.code));
    for (const code of [...all, 'ar', 'APC', 'qqq', 'qaa']) {
      expect({ code, accepted: rulesOf([{ code, level: 'basic' }]).length === 0 }).toEqual({ code, accepted: offered.has(code) });
    }
  });

  it('refuses unknown levels', () => {
    expect(rulesOf([{ code: 'tir', level: 'expert' }, { code: 'nld' }])).toEqual(['languages[0].level one-of', 'languages[1].level required']);
  });

  it('refuses a language listed twice, at the repetition', () => {
    expect(rulesOf([{ code: 'tir', level: 'native' }, { code: 'nld', level: 'basic' }, { code: 'tir', level: 'fluent' }])).toEqual([
      'languages[2].code unique',
    ]);
  });

  it('stores exactly code and level', () => {
    const input = [{ code: 'tir', level: 'native', note: 'x' } as { code: string; level: 'native' }];
    expect(toLanguageSkills(input)).toStrictEqual([{ code: 'tir', level: 'native' }]);
  });
});
