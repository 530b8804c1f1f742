import { specialLanguageCodes } from '@sleutel/reference';
import { bestSharedLanguage } from '../components/language.component';
import { CandidateIndex } from '../index/candidate-index';
import { DEFAULT_POLICY } from '../policy/default.policy';
import { rank } from '../ranking/rank';
import { assess } from '../scoring/assess';
import { aKeyPerson, aNewcomer, NOW } from '../testing/matching.fixtures';
import { canBeShared, languageGroupOf, sharesLanguage } from './language-levels';

describe('language groups', () => {
  it('groups varieties under their macrolanguage; others stand alone', () => {
    expect(languageGroupOf('apc', [])).toBe('ara');
    expect(languageGroupOf('ara', [])).toBe('ara');
    expect(languageGroupOf('prs', [])).toBe('fas');
    expect(languageGroupOf('tir', [])).toBe('tir');
    expect(languageGroupOf('kmr', [])).toBe('kur');
  });

  it('shares a language at the minimum level on both sides, also within a macrolanguage', () => {
    const conversational = 1;
    expect(sharesLanguage([{ code: 'apc', level: 'native' }], [{ code: 'arb', level: 'conversational' }], conversational, [])).toBe(true);
    expect(sharesLanguage([{ code: 'apc', level: 'native' }], [{ code: 'arb', level: 'basic' }], conversational, [])).toBe(false);
    expect(sharesLanguage([{ code: 'tir', level: 'native' }], [{ code: 'amh', level: 'native' }], conversational, [])).toBe(false);
    expect(sharesLanguage([{ code: 'eng', level: 'conversational' }], [{ code: 'eng', level: 'native' }], 2, [])).toBe(false);
  });
});

/**
 * A policy's `separateMacrolanguages`: within those macrolanguages only the
 * same member language counts as shared (Kurmanji and Sorani, Mandarin and
 * Cantonese are distinct languages); every other macrolanguage still groups.
 */
describe('separate macrolanguages', () => {
  const conversational = 1;
  const kurmanji = [{ code: 'kmr', level: 'native' as const }];
  const sorani = [{ code: 'ckb', level: 'native' as const }];

  it('groups each code of a separate macrolanguage by itself, the macrolanguage code too', () => {
    expect(['kmr', 'ckb', 'kur', 'apc', 'tir'].map((code) => languageGroupOf(code, ['kur']))).toEqual(['kmr', 'ckb', 'kur', 'ara', 'tir']);
    expect(['cmn', 'yue', 'zho'].map((code) => languageGroupOf(code, ['kur', 'zho']))).toEqual(['cmn', 'yue', 'zho']);
  });

  it('shares no language between Kurmanji and Sorani when Kurdish is separate; without it they share Kurdish', () => {
    expect(sharesLanguage(kurmanji, sorani, conversational, ['kur'])).toBe(false);
    expect(sharesLanguage(kurmanji, [{ code: 'kur', level: 'native' }], conversational, ['kur'])).toBe(false);
    expect(sharesLanguage(kurmanji, sorani, conversational, [])).toBe(true);
    expect(sharesLanguage([{ code: 'cmn', level: 'native' }], [{ code: 'yue', level: 'native' }], conversational, ['zho'])).toBe(false);
  });

  it('still shares the same member language, and the macrolanguages it does not separate', () => {
    expect(sharesLanguage(kurmanji, [{ code: 'kmr', level: 'conversational' }], conversational, ['kur'])).toBe(true);
    expect(sharesLanguage(kurmanji, [{ code: 'kmr', level: 'basic' }, ...sorani], conversational, ['kur'])).toBe(false);
    expect(sharesLanguage([...kurmanji, { code: 'apc', level: 'fluent' }], [...sorani, { code: 'arb', level: 'fluent' }], conversational, ['kur'])).toBe(true);
  });
});

/**
 * ISO 639-3's special codes name no language. Profiles refuse them now, but a
 * profile stored before that can still hold one: it must never make a pair
 * feasible or earn language credit, on the plain path nor through the index.
 */
describe('special codes (mis, mul, und, zxx)', () => {
  const SPECIAL = ['mis', 'mul', 'und', 'zxx'] as const;
  const parameters = DEFAULT_POLICY.parameters.language;
  const conversational = 1;

  it('are exactly the special codes of the reference data, and nothing else is refused', () => {
    expect(specialLanguageCodes()).toEqual(SPECIAL);
    expect(SPECIAL.filter(canBeShared)).toEqual([]);
    expect(['apc', 'ara', 'fas', 'kur', 'tir', 'nld', 'xx'].filter(canBeShared)).toEqual(['apc', 'ara', 'fas', 'kur', 'tir', 'nld', 'xx']);
  });

  it.each(SPECIAL)('%s on both sides is not a shared language, whatever the levels', (code) => {
    expect(sharesLanguage([{ code, level: 'native' }, { code: 'tir', level: 'native' }], [{ code, level: 'native' }, { code: 'fas', level: 'native' }], conversational, [])).toBe(false);
    expect(bestSharedLanguage([{ code, level: 'native' }, { code: 'tir', level: 'native' }], [{ code, level: 'native' }, { code: 'fas', level: 'native' }], conversational, parameters)).toBeNull();
  });

  it('earns no credit beside a language the pair does share: the real one is the shared language', () => {
    const newcomer = [{ code: 'mul', level: 'native' as const }, { code: 'apc', level: 'conversational' as const }];
    const keyPerson = [{ code: 'mul', level: 'native' as const }, { code: 'arb', level: 'fluent' as const }];
    expect(sharesLanguage(newcomer, keyPerson, conversational, [])).toBe(true);
    expect(bestSharedLanguage(newcomer, keyPerson, conversational, parameters)).toEqual({
      value: parameters.levelCredit.conversational * parameters.macrolanguageCredit,
      newcomerLanguage: 'apc',
      keyPersonLanguage: 'arb',
      sharedLevel: 'conversational',
      viaMacrolanguage: 'ara',
    });
  });

  it('keeps a pair with only a special code in common out of the ranking, on the plain path and through the index alike', () => {
    const newcomer = aNewcomer({ languages: [...SPECIAL.map((code) => ({ code, level: 'native' as const })), { code: 'tir', level: 'native' }] });
    const keyPersons = SPECIAL.map((code, i) => aKeyPerson({ id: `k-${i}`, languages: [{ code, level: 'native' }, { code: 'fas', level: 'native' }] }));
    for (const keyPerson of keyPersons) expect(assess(newcomer, keyPerson, DEFAULT_POLICY, NOW)).toEqual({ feasible: false, reason: 'no-shared-language' });
    const plain = rank(newcomer, keyPersons, DEFAULT_POLICY, NOW);
    expect(plain.ranking).toEqual([]);
    expect(plain.excluded['no-shared-language']).toBe(SPECIAL.length);
    const index = new CandidateIndex(keyPersons);
    expect(index.rank(newcomer, DEFAULT_POLICY, NOW)).toEqual(plain);
    expect(index.feasibleScores(newcomer, DEFAULT_POLICY, NOW).scores).toEqual([]);
  });

  it('scores a pair that also shares a real language as the plain path does, through the index too', () => {
    const newcomer = aNewcomer({ languages: [{ code: 'mul', level: 'native' }, { code: 'apc', level: 'conversational' }] });
    const keyPerson = aKeyPerson({ languages: [{ code: 'mul', level: 'native' }, { code: 'arb', level: 'fluent' }] });
    const plain = rank(newcomer, [keyPerson], DEFAULT_POLICY, NOW);
    expect(plain.ranking).toHaveLength(1);
    const index = new CandidateIndex([keyPerson]);
    expect(index.rank(newcomer, DEFAULT_POLICY, NOW)).toEqual(plain);
    expect(index.feasibleScores(newcomer, DEFAULT_POLICY, NOW).scores).toEqual([{ keyPersonId: keyPerson.id, score: plain.ranking[0].score }]);
    const withoutSpecial = rank({ ...newcomer, languages: newcomer.languages.slice(1) }, [{ ...keyPerson, languages: keyPerson.languages.slice(1) }], DEFAULT_POLICY, NOW);
    expect(plain.ranking[0].score).toBe(withoutSpecial.ranking[0].score);
  });
});
