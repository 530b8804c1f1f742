import type { LanguageSkill } from '@sleutel/domain';
import { DEFAULT_POLICY } from '../policy/default.policy';
import { aKeyPerson, aNewcomer, pairOf, policyWith } from '../testing/matching.fixtures';
import { noSharedLanguage } from './no-shared-language.constraint';

const excludes = (mine: LanguageSkill[], theirs: LanguageSkill[], policy = policyWith({})): boolean =>
  noSharedLanguage.excludes(pairOf(aNewcomer({ languages: mine }), aKeyPerson({ languages: theirs }), policy));

describe('no-shared-language', () => {
  it('passes one language both speak at conversational or better', () => {
    expect(excludes([{ code: 'tir', level: 'conversational' }], [{ code: 'tir', level: 'native' }])).toBe(false);
  });

  it('excludes when either side speaks it only at a basic level', () => {
    expect(excludes([{ code: 'nld', level: 'basic' }], [{ code: 'nld', level: 'fluent' }])).toBe(true);
    expect(excludes([{ code: 'eng', level: 'fluent' }], [{ code: 'eng', level: 'basic' }])).toBe(true);
  });

  it('passes two varieties of one macrolanguage', () => {
    expect(excludes([{ code: 'apc', level: 'native' }], [{ code: 'arb', level: 'fluent' }])).toBe(false);
    expect(excludes([{ code: 'prs', level: 'native' }], [{ code: 'pes', level: 'native' }])).toBe(false);
  });

  it('excludes unrelated languages', () => {
    expect(excludes([{ code: 'tir', level: 'native' }], [{ code: 'amh', level: 'native' }, { code: 'nld', level: 'fluent' }])).toBe(true);
  });

  it('excludes Kurmanji and Sorani under a policy that keeps Kurdish separate; version 1 still passes them', () => {
    const kurdishSeparate = policyWith({ version: 2, language: { separateMacrolanguages: ['kur'] } });
    const kurmanji = [{ code: 'kmr', level: 'native' as const }];
    const sorani = [{ code: 'ckb', level: 'native' as const }];
    expect(excludes(kurmanji, sorani, kurdishSeparate)).toBe(true);
    expect(excludes(kurmanji, sorani, DEFAULT_POLICY)).toBe(false);
    expect(excludes(kurmanji, [{ code: 'kmr', level: 'fluent' }], kurdishSeparate)).toBe(false);
    // Only the named macrolanguages are kept apart.
    expect(excludes([{ code: 'apc', level: 'native' }], [{ code: 'arb', level: 'fluent' }], kurdishSeparate)).toBe(false);
    expect(excludes([{ code: 'cmn', level: 'native' }], [{ code: 'yue', level: 'native' }], kurdishSeparate)).toBe(false);
    expect(excludes([{ code: 'cmn', level: 'native' }], [{ code: 'yue', level: 'native' }], policyWith({ language: { separateMacrolanguages: ['kur', 'zho'] } }))).toBe(true);
  });

  it('follows a policy that raises the minimum level', () => {
    const fluent = policyWith({ constraints: { minSharedLevel: 'fluent' } });
    expect(excludes([{ code: 'eng', level: 'conversational' }], [{ code: 'eng', level: 'native' }], fluent)).toBe(true);
    expect(excludes([{ code: 'eng', level: 'fluent' }], [{ code: 'eng', level: 'native' }], fluent)).toBe(false);
  });
});
