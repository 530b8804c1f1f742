import { languageGroupOf, sharesLanguage } from './language-levels';

describe('language groups', () => {
  it('groups varieties under their macrolanguage; others stand alone', () => {
    expect(languageGroupOf('apc')).toBe('ara');
    expect(languageGroupOf('ara')).toBe('ara');
    expect(languageGroupOf('prs')).toBe('fas');
    expect(languageGroupOf('tir')).toBe('tir');
  });

  it('shares a language at the minimum level on both sides, also within a macrolanguage', () => {
    const conversational = 1;
    expect(sharesLanguage([{ code: 'apc', level: 'native' }], [{ code: 'arb', level: 'conversational' }], conversational)).toBe(true);
    expect(sharesLanguage([{ code: 'apc', level: 'native' }], [{ code: 'arb', level: 'basic' }], conversational)).toBe(false);
    expect(sharesLanguage([{ code: 'tir', level: 'native' }], [{ code: 'amh', level: 'native' }], conversational)).toBe(false);
    expect(sharesLanguage([{ code: 'eng', level: 'conversational' }], [{ code: 'eng', level: 'native' }], 2)).toBe(false);
  });
});
