import { ConsoleHarness, startConsole } from '../support/browser';
import { expectText } from '../support/console-page';
import { proposedPair } from '../support/proposed-pair';

/**
 * "Koppeling aanvragen" on a newcomer's page is offered only while the
 * newcomer has no proposal or match open (proposed, approved or accepted):
 * the API refuses a match request then (409 NEWCOMER.ALREADY_MATCHING). The
 * page offered it whatever the newcomer's matches were.
 */
jest.setTimeout(120_000);

describe('web console: asking to match a newcomer', () => {
  let harness: ConsoleHarness;
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    harness = await startConsole({ matcher: true });
  }, 120_000);

  afterAll(async () => {
    await harness?.close();
  });

  it('is not offered while a proposal or an accepted match is open, and is offered again once the match has ended', async () => {
    const { newcomerId, matchId } = await proposedPair(harness.api, 'tir');
    const coordinator = as(harness.api.token('coordinator'));
    const { page, errors } = await harness.signedIn('intake', { language: 'nl' });
    const button = page.getByRole('button', { name: 'Koppeling aanvragen' });
    const matches = page.locator('section.profiles-matches tbody');

    await page.goto(`/intake/newcomers/${newcomerId}`);
    await expectText(matches, 'Voorgesteld');
    // The page's other actions are there, so it has settled what it offers.
    await page.getByRole('button', { name: 'Terugtrekken' }).waitFor();
    expect(await button.count()).toBe(0);

    await harness.api.http.post(`/api/v1/matches/${matchId}/accept`).set(coordinator).send().expect(200);
    await page.reload();
    await expectText(matches, 'Aanvaard');
    await page.getByRole('button', { name: 'Terugtrekken' }).waitFor();
    expect(await button.count()).toBe(0);

    await harness.api.http.post(`/api/v1/matches/${matchId}/end`).set(coordinator).send({ reason: 'Begeleiding afgerond' }).expect(200);
    await page.reload();
    await expectText(matches, 'Beëindigd');
    await button.waitFor();
    await button.click();
    await expectText(page.getByRole('status').filter({ hasText: 'aangevraagd' }), 'Er is een koppeling aangevraagd.');
    expect(errors).toEqual([]);
  });
});
