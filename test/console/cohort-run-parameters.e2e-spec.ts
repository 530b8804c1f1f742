import { ConsoleHarness, startConsole } from '../support/browser';

/**
 * A cohort run's page shows its parameters as the run stored them. It
 * rounded them to four decimals, so a waiting bonus of 0.00002 a day read 0,
 * which the API refuses as a waiting bonus.
 */
jest.setTimeout(120_000);

describe('web console: the parameters of a cohort run', () => {
  let harness: ConsoleHarness;

  beforeAll(async () => {
    harness = await startConsole();
  }, 120_000);

  afterAll(async () => {
    await harness?.close();
  });

  it('shows each parameter as stored, however small, in both languages', async () => {
    const coordinator = { Authorization: `Bearer ${harness.api.token('coordinator')}` };
    const started = await harness.api.http.post('/api/v1/cohort-runs').set(coordinator).send({ waitingBonusPerDay: 0.00002, loadCost: 0.123456789, candidatesPerNewcomer: 250 }).expect(202);
    const run = (await harness.api.http.get(`/api/v1/cohort-runs/${started.body.id}`).set(coordinator).expect(200)).body;
    expect(run.parameters).toEqual({ waitingBonusPerDay: 0.00002, loadCost: 0.123456789, candidatesPerNewcomer: 250 });

    for (const [language, expected] of [
      ['en', { 'Waiting bonus per day': '0.00002', 'Load cost': '0.123456789', 'Candidates per newcomer': '250' }],
      ['nl', { 'Wachtbonus per dag': '0,00002', Belastingskosten: '0,123456789', 'Kandidaten per nieuwkomer': '250' }],
    ] as const) {
      const { page, errors } = await harness.signedIn('coordinator', { language });
      await page.goto(`/coordinator/cohort-runs/${run.id}`);
      const facts = page.getByRole('region', { name: language === 'en' ? 'Parameters' : 'Instellingen' });
      await facts.locator('dd').first().waitFor();
      const shown: Record<string, string> = {};
      for (const fact of await facts.locator('.matching-fact').all()) shown[await fact.locator('dt').innerText()] = await fact.locator('dd').innerText();
      expect(shown).toMatchObject(expected);
      expect(errors).toEqual([]);
    }
  });
});
