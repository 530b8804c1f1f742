import { describe, expect, it } from '@jest/globals';
import { COMPONENT_NAMES } from '../../../../libs/matching/src/policy/scoring-policy';
import { matchingMessages } from './messages';

type Texts = { readonly [key: string]: string | Texts };
const componentTexts = (language: 'en' | 'nl', name: string): Texts => ((matchingMessages[language].component as Texts)[name] ?? {}) as Texts;

describe('matching messages', () => {
  it.each(['en', 'nl'] as const)('label every score component the policy knows, in %s', (language) => {
    for (const name of COMPONENT_NAMES) expect({ name, label: typeof componentTexts(language, name).label }).toEqual({ name, label: 'string' });
  });

  it('say whether the key person is of the preferred gender, in both languages, naming no gender', () => {
    for (const language of ['en', 'nl'] as const) {
      const { label, matches, differs } = componentTexts(language, 'gender');
      expect([label, matches, differs].every((text) => typeof text === 'string' && text !== '')).toBe(true);
      expect(`${String(matches)} ${String(differs)}`).not.toMatch(/\b(female|male|woman|man|vrouw|man)\b/i);
    }
  });
});
