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

describe('the words the console uses for a match', () => {
  const matchingStatus = (language: 'en' | 'nl') => matchingMessages[language].status as Texts;
  const profilesStatus = (profilesNl.matches as unknown as Texts).statuses as Texts;

  it('name each status of a match alike on the profile pages and the matching pages', () => {
    expect(profilesStatus).toEqual(matchingStatus('nl'));
  });

  it('name the audit trail\'s closing events of a match as its status reads', () => {
    const eventTypes = auditMessages.nl.eventTypes as Texts;
    const status = matchingStatus('nl');
    expect({ declined: eventTypes.MatchDeclined, withdrawn: eventTypes.MatchWithdrawn, rejected: String(eventTypes.MatchRejected).split(' ')[0] })
      .toEqual({ declined: status.declined, withdrawn: status.withdrawn, rejected: status.rejected });
    expect(String(eventTypes.MatchAccepted).startsWith(String(status.accepted))).toBe(true);
    expect(String(eventTypes.MatchPartyAccepted).startsWith(String(status.accepted))).toBe(true);
  });

  it('use one word for each in Dutch: aanvaard, geweigerd, ingetrokken for a match (a newcomer is teruggetrokken), expertise', () => {
    const other = Object.entries(DUTCH).flatMap(([area, texts]) => textsOf(texts)
      .filter(([, text]) => /geaccepteerd|afgeslagen|deskundigheid/i.test(text))
      .map(([key, text]) => `${area}: ${key}: ${text}`));
    // "Niet geaccepteerd" is the title of an HTTP 400 (the request was not accepted), not a match's status.
    expect(other).toEqual(['common: problem.status.400: Niet geaccepteerd']);
    expect((profilesNl.fields as unknown as Texts).expertise).toBe(((matchingMessages.nl.component as Texts).expertise as Texts).label);
  });

  it('say "koppeling", not the English "match", in Dutch', () => {
    const english = Object.entries(DUTCH).flatMap(([area, texts]) => textsOf(texts)
      .filter(([, text]) => /\bmatch(es)?\b/i.test(text))
      .map(([key, text]) => `${area}: ${key}: ${text}`));
    expect(english).toEqual([]);
  });
});
