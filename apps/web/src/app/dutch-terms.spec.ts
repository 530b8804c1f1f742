import { describe, expect, it } from '@jest/globals';
import { auditMessages } from '../audit/audit.messages';
import { matchingMessages } from '../matching/messages';
import { nl as profilesNl } from '../profiles/messages.nl';
import { commonMessages } from './messages';

type Texts = { readonly [key: string]: string | Texts };

/** Every text of a bundle with its key, `eventTypes.CohortRunStarted`. */
const textsOf = (texts: Texts, prefix = ''): [string, string][] =>
  Object.entries(texts).flatMap(([key, value]) => (typeof value === 'string' ? [[`${prefix}${key}`, value] as [string, string]] : textsOf(value, `${prefix}${key}.`)));

const DUTCH: Record<string, Texts> = {
  common: commonMessages.nl as Texts, profiles: profilesNl as unknown as Texts, matching: matchingMessages.nl as Texts, audit: auditMessages.nl as Texts,
};

describe('the Dutch texts of the console', () => {
  it('call a cohort run a cohortronde everywhere, the audit included', () => {
    const runs = Object.entries(DUTCH).flatMap(([area, texts]) => textsOf(texts).filter(([, text]) => /cohortrun/i.test(text)).map(([key, text]) => `${area}: ${key}: ${text}`));
    expect(runs).toEqual([]);
    expect((auditMessages.nl.eventTypes as Texts).CohortRunStarted).toBe('Cohortronde gestart');
  });
});
