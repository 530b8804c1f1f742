import type { LanguageSkill } from '@sleutel/domain';
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

  it('follows a policy that raises the minimum level', () => {
    const fluent = policyWith({ constraints: { minSharedLevel: 'fluent' } });
    expect(excludes([{ code: 'eng', level: 'conversational' }], [{ code: 'eng', level: 'native' }], fluent)).toBe(true);
    expect(excludes([{ code: 'eng', level: 'fluent' }], [{ code: 'eng', level: 'native' }], fluent)).toBe(false);
  });
});
