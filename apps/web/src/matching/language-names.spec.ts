import { describe, expect, it } from '@jest/globals';
import { languageName, languageNameOf } from './language-names';

describe('language names', () => {
  it('names a code in the page’s language, marking an English name on a Dutch page as English', () => {
    expect(languageNameOf('nld', 'nl')).toEqual({ name: 'Nederlands', lang: 'nl' });
    expect(languageNameOf('nld', 'en')).toEqual({ name: 'Dutch', lang: 'en' });
  });

  it('prefers the API’s Dutch name on Dutch pages, and falls back to its English name where nobody has a Dutch one', () => {
    expect(languageName('tir', 'nl', { name: 'Tigrinya', nl: 'Tigrinya (Eritrees)' })).toBe('Tigrinya (Eritrees)');
    expect(languageNameOf('zzx', 'nl', { name: 'Some Language' })).toEqual({ name: 'Some Language', lang: 'en' });
    expect(languageNameOf('zzx', 'en', { name: 'Some Language', nl: 'Een taal' })).toEqual({ name: 'Some Language', lang: 'en' });
  });

  it('shows a code nobody names as itself', () => {
    expect(languageNameOf('zzx', 'nl')).toEqual({ name: 'zzx' });
    expect(languageName('zzx', 'en')).toBe('zzx');
  });
});
