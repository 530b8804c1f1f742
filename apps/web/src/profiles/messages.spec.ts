import { describe, expect, it } from '@jest/globals';
import { en } from './messages.en';
import { nl } from './messages.nl';

/**
 * What the confirmation dialogs say a withdrawal, a retirement or a pause
 * does to the person's proposals and matches, against what the matcher does
 * (libs/matcher/src/settlement.ts; CLOSED_BY_WITHDRAWAL and
 * CLOSED_BY_RETIREMENT in view/subject-matches.tsx say the same for the
 * profile pages).
 */
describe.each(['en', 'nl'] as const)('the profile dialogs in %s', (language) => {
  const messages = language === 'en' ? en : nl;
  const accepted = messages.matches.statuses.accepted.toLowerCase();

  it('say that withdrawing a newcomer also withdraws an accepted, running match', () => {
    expect(messages.newcomers.view.withdrawExplain.toLowerCase()).toContain(accepted);
  });

  it('say that retiring or pausing a key person withdraws what awaits an answer, and that accepted matches continue', () => {
    for (const text of [messages.keyPersons.view.retireExplain, messages.keyPersons.view.pauseExplain]) {
      expect(text).toMatch(language === 'en' ? /awaiting an answer.* are withdrawn/ : /nog op een antwoord wachten.* worden ingetrokken/);
      expect(text).toMatch(language === 'en' ? /Accepted matches continue\./ : /Aanvaarde koppelingen gaan door\./);
    }
    expect(messages.keyPersons.view.retireExplain).toMatch(language === 'en' ? /also approved ones that one party has already accepted/ : /ook goedgekeurde die één partij al heeft aanvaard/);
  });
});

it('says in English what pausing does, as the server now does it', () => {
  expect(en.keyPersons.view.pauseExplain).toBe('No new proposals while paused. Proposals still awaiting an answer are withdrawn and their newcomers matched with someone else (the pair may be proposed again after resuming). Accepted matches continue. You can resume at any time.');
});
