import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import type { TFunction } from 'i18next';
import { EXCLUSION_REASONS } from '../../../../libs/matching/src/exclusion-reason';
import { HARD_CONSTRAINT_REASON, SYSTEM_REASONS, systemReasonWords } from './closing-reason';
import { matchingMessages } from './messages';

/**
 * The sentences the matcher withdraws matches with, and the API tells one
 * instead (the domain's withdrawal-reasons.ts), read from their sources: string
 * literals that start with "The ".
 */
const LIBS = join(__dirname, '..', '..', '..', '..', 'libs');
const sentences = ['matcher/src/settlement.ts', 'matcher/src/pair-check.ts', 'domain/src/match/withdrawal-reasons.ts'].flatMap((file) =>
  [...readFileSync(join(LIBS, file), 'utf8').matchAll(/'(The [^']*)'|"(The [^"]*)"|`(The [^`]*)`/g)].map(([, single, double, template]) => ({ template: template !== undefined, text: single ?? double ?? template })));

type Texts = { readonly [key: string]: string | Texts };
/** A t() over the messages of `language`, enough for these words: a key's text with its values put in. */
const tIn = (language: 'en' | 'nl') => ((key: string, values?: Record<string, string>) => {
  const found = key.split('.').reduce<string | Texts | undefined>((texts, part) => (typeof texts === 'object' ? texts[part] : undefined), matchingMessages[language] as Texts);
  if (typeof found !== 'string') return values?.defaultValue ?? `MISSING ${key}`;
  return found.replace(/{{(\w+)}}/g, (_, name: string) => values?.[name] ?? '');
}) as unknown as TFunction<'matching'>;

describe('closing reasons', () => {
  it('finds the matcher’s sentences in its sources', () => {
    expect(sentences.length).toBeGreaterThanOrEqual(Object.keys(SYSTEM_REASONS).length + 1);
  });

  it.each(['en', 'nl'] as const)('says every sentence the matcher withdraws a match with in words of the console, in %s', (language) => {
    const t = tIn(language);
    for (const { template, text } of sentences) {
      const reason = template ? text.replace(/\$\{\w+\}/, EXCLUSION_REASONS[0]) : text;
      const words = systemReasonWords(reason, t);
      expect({ reason, known: words !== reason && !words.includes('MISSING') }).toEqual({ reason, known: true });
    }
  });

  it('names each hard constraint in words, and leaves a reason it does not know as written', () => {
    const t = tIn('nl');
    for (const constraint of EXCLUSION_REASONS) {
      const reason = `The pair no longer meets the hard constraint ${constraint} after a profile change`;
      expect(HARD_CONSTRAINT_REASON.test(reason)).toBe(true);
      expect(systemReasonWords(reason, t)).not.toContain(constraint);
    }
    expect(systemReasonWords('Opgeschort op verzoek van de gemeente', t)).toBe('Opgeschort op verzoek van de gemeente');
  });
});
