import { keyPersonBody, newcomerBody } from '../support/bodies';
import { ConsoleHarness, describeViolations, screenshot, seriousA11yViolations, startConsole } from '../support/browser';
import { expectText } from '../support/console-page';
import { eventually } from '../support/eventually';
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
    const matching = page.getByRole('region', { name: 'Koppelen' });
    await expectText(matching, 'Er staat een voorstel of koppeling open');
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
    await expectText(matching, 'De laatste koppeling is beëindigd');
    await button.waitFor();
    await button.click();
    await expectText(page.getByRole('status').filter({ hasText: 'aangevraagd' }), 'Er is een koppeling aangevraagd.');
    expect(errors).toEqual([]);
  });

  it('says why a newcomer waits: when the matcher last looked, and how many key persons each hard constraint excluded', async () => {
    await harness.api.http.post('/api/v1/key-persons').set(as(harness.api.token('coordinator'))).send(keyPersonBody({ languages: [{ code: 'prs', level: 'native' }] })).expect(201);
    const intake = as(harness.api.token('intake'));
    const newcomerId = (await harness.api.http.post('/api/v1/newcomers').set(intake).send(newcomerBody({ languages: [{ code: 'kat', level: 'native' }] })).expect(201)).body.id as string;
    const deferral = await eventually(async () => (await harness.api.http.get(`/api/v1/newcomers/${newcomerId}`).set(intake).expect(200)).body.matching.lastDeferral ?? undefined, { what: 'a deferral' });
    const { page, errors } = await harness.signedIn('coordinator', { language: 'en' });

    await page.goto(`/intake/newcomers/${newcomerId}`);
    const matching = page.getByRole('region', { name: 'Matching' });
    await expectText(matching, 'Waiting for a key person');
    await expectText(matching, `nobody fitted: ${deferral.considered} key person`);
    await expectText(matching.locator('li[data-reason="no-shared-language"]'), `no shared language at conversational level or better: ${deferral.excluded['no-shared-language']}`);
    expect(deferral.excluded['no-shared-language']).toBeGreaterThanOrEqual(1);
    await screenshot(page, 'newcomer-waiting');
    expect(describeViolations(await seriousA11yViolations(page))).toBe('');
    expect(errors).toEqual([]);
  });
});
