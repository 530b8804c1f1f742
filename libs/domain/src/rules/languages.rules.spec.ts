import { listLanguages, searchLanguages } from '@sleutel/reference';
import { DeciderSpecification } from '../decider-specification';
import { keyPersonDecider } from '../key-person/key-person.decider';
import { KEY_PERSON_ID, registered as yonasRegistered, yonasInput } from '../key-person/key-person.fixtures';
import { newcomerDecider } from '../newcomer/newcomer.decider';
import { amalInput, NEWCOMER_ID, registered as amalRegistered } from '../newcomer/newcomer.fixtures';
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

  describe('ISO 639-3 special codes, which name no language (SPEC §4 inv. 5: a shared language must be one both can talk in)', () => {
    const SPECIAL = ['mis', 'mul', 'und', 'zxx'];
    const AT = '2026-12-02T14:00:00.000Z';

    it.each(SPECIAL)('refuses %s at its place in the list, under the language-code rule, saying it names no language and not echoing it', (code) => {
      const violations = languagesViolations([{ code: 'tir', level: 'native' }, { code, level: 'native' }]);
      expect(violations).toEqual([{ field: 'languages[1].code', rule: 'iso-639-3', message: expect.stringMatching(/must name a language: .*name each language/) }]);
      expect(violations[0].message).not.toMatch(/ISO 639-3 code, e\.g\./); // not the sentence for a code outside ISO 639-3
      expect(violations[0].message).toMatch(/mis, mul, und and zxx/); // the same sentence, whichever special code was sent
    });

    it('refuses them also when listed twice, without a separate duplicate violation', () => {
      expect(rulesOf([{ code: 'mul', level: 'native' }, { code: 'mul', level: 'basic' }])).toEqual(['languages[0].code iso-639-3', 'languages[1].code iso-639-3']);
    });

    it('keeps macrolanguages (ara, fas, kur) and their individual languages', () => {
      expect(rulesOf(['ara', 'fas', 'kur', 'apc', 'prs', 'kmr'].map((code) => ({ code, level: 'native' })))).toEqual([]);
    });

    it.each(SPECIAL)('a newcomer registering with %s, or changing their languages to it, is refused and records nothing', (code) => {
      const languages = [{ code, level: 'native' as const }, { code: 'tir', level: 'native' as const }];
      DeciderSpecification.for(newcomerDecider)
        .given([])
        .when({ type: 'RegisterNewcomer', data: { newcomerId: NEWCOMER_ID, at: AT, profile: { ...amalInput, languages } } })
        .thenThrows('NEWCOMER.INVALID_PROFILE', [{ field: 'languages[0].code', rule: 'iso-639-3' }]);
      DeciderSpecification.for(newcomerDecider)
        .given([amalRegistered])
        .when({ type: 'ChangeNewcomerLanguages', data: { newcomerId: NEWCOMER_ID, at: AT, languages } })
        .thenThrows('NEWCOMER.INVALID_PROFILE', [{ field: 'languages[0].code', rule: 'iso-639-3' }]);
    });

    it.each(SPECIAL)('a key person registering with %s, or changing their languages to it, is refused and records nothing', (code) => {
      const languages = [{ code: 'fas', level: 'native' as const }, { code, level: 'native' as const }];
      DeciderSpecification.for(keyPersonDecider)
        .given([])
        .when({ type: 'RegisterKeyPerson', data: { keyPersonId: KEY_PERSON_ID, at: AT, profile: { ...yonasInput, languages } } })
        .thenThrows('KEY_PERSON.INVALID_PROFILE', [{ field: 'languages[1].code', rule: 'iso-639-3' }]);
      DeciderSpecification.for(keyPersonDecider)
        .given([yonasRegistered])
        .when({ type: 'ChangeKeyPersonLanguages', data: { keyPersonId: KEY_PERSON_ID, at: AT, languages } })
        .thenThrows('KEY_PERSON.INVALID_PROFILE', [{ field: 'languages[1].code', rule: 'iso-639-3' }]);
    });
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
