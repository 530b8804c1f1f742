import { DEFAULT_POLICY } from '../policy/default.policy';
import { bestSharedLanguage, languageValue } from './language.component';

const parameters = DEFAULT_POLICY.parameters.language;
const CONVERSATIONAL = 1;

describe('language component', () => {
  it('credits the shared level, the lower of the two sides', () => {
    expect(languageValue(3, true, parameters)).toBe(1);
    expect(languageValue(2, true, parameters)).toBe(0.9);
    expect(languageValue(1, true, parameters)).toBe(0.6);
  });

  it('gives partial credit within a macrolanguage', () => {
    expect(languageValue(3, false, parameters)).toBe(0.7);
    expect(bestSharedLanguage([{ code: 'apc', level: 'native' }], [{ code: 'arb', level: 'native' }], CONVERSATIONAL, parameters)).toEqual({
      value: 0.7,
      newcomerLanguage: 'apc',
      keyPersonLanguage: 'arb',
      sharedLevel: 'native',
      viaMacrolanguage: 'ara',
    });
  });

  it('takes the best pair: a native variety beats a conversational exact match', () => {
    const best = bestSharedLanguage(
      [{ code: 'eng', level: 'conversational' }, { code: 'apc', level: 'native' }],
      [{ code: 'eng', level: 'native' }, { code: 'arb', level: 'fluent' }],
      CONVERSATIONAL,
      parameters,
    );
    expect(best).toMatchObject({ newcomerLanguage: 'apc', keyPersonLanguage: 'arb', sharedLevel: 'fluent', value: 0.9 * 0.7 });
  });

  describe('with a macrolanguage kept separate (Kurmanji and Sorani are distinct languages)', () => {
    const kurdishSeparate = { ...parameters, separateMacrolanguages: ['kur'] };

    it('gives no credit for two members of it, and names no macrolanguage', () => {
      expect(bestSharedLanguage([{ code: 'kmr', level: 'native' }], [{ code: 'ckb', level: 'native' }], CONVERSATIONAL, kurdishSeparate)).toBeNull();
      expect(bestSharedLanguage([{ code: 'kmr', level: 'native' }], [{ code: 'kur', level: 'native' }], CONVERSATIONAL, kurdishSeparate)).toBeNull();
    });

    it('keeps version 1 as it was: partial credit via Kurdish', () => {
      expect(bestSharedLanguage([{ code: 'kmr', level: 'native' }], [{ code: 'ckb', level: 'native' }], CONVERSATIONAL, parameters)).toEqual({
        value: 0.7,
        newcomerLanguage: 'kmr',
        keyPersonLanguage: 'ckb',
        sharedLevel: 'native',
        viaMacrolanguage: 'kur',
      });
    });

    it('still credits the same member language in full, and other macrolanguages partially', () => {
      expect(bestSharedLanguage([{ code: 'kmr', level: 'native' }], [{ code: 'ckb', level: 'native' }, { code: 'kmr', level: 'fluent' }], CONVERSATIONAL, kurdishSeparate))
        .toEqual({ value: 0.9, newcomerLanguage: 'kmr', keyPersonLanguage: 'kmr', sharedLevel: 'fluent', viaMacrolanguage: null });
      expect(bestSharedLanguage(
        [{ code: 'kmr', level: 'native' }, { code: 'apc', level: 'fluent' }],
        [{ code: 'ckb', level: 'native' }, { code: 'arb', level: 'native' }],
        CONVERSATIONAL,
        kurdishSeparate,
      )).toEqual({ value: 0.9 * 0.7, newcomerLanguage: 'apc', keyPersonLanguage: 'arb', sharedLevel: 'fluent', viaMacrolanguage: 'ara' });
    });
  });

  it('ignores languages below the minimum level, and finds nothing when none is shared', () => {
    expect(bestSharedLanguage([{ code: 'nld', level: 'basic' }], [{ code: 'nld', level: 'native' }], CONVERSATIONAL, parameters)).toBeNull();
    expect(bestSharedLanguage([{ code: 'tir', level: 'native' }], [{ code: 'som', level: 'native' }], CONVERSATIONAL, parameters)).toBeNull();
  });
});
