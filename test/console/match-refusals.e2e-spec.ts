import { keyPersonBody, newcomerBody } from '../support/bodies';
import { ConsoleHarness, startConsole } from '../support/browser';
import { expectText, withoutRefusals } from '../support/console-page';
import { eventually } from '../support/eventually';

/**
 * A 409 on a match's page that nobody else's decision caused: the deadline
 * passed before the expiry sweep closed the proposal. It said "Already
 * decided. Someone else decided on this match first; the page now shows its
 * current state", beside a page that still showed the proposal to approve.
 */
jest.setTimeout(120_000);

type Match = { id: string; status: string; expiresAt: string };

describe('web console: a refusal of a decision that no one else made', () => {
  let harness: ConsoleHarness;
  let coordinator: string;
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    // Proposals lapse after 3 s; the sweep that would close them waits an hour.
    harness = await startConsole({ matcher: true, env: { PROPOSAL_DEADLINE_SECONDS: '3', EXPIRY_SWEEP_INTERVAL_MS: '3600000' } });
    coordinator = harness.api.token('coordinator', { sub: 'coordinator-ida' });
  }, 120_000);

  afterAll(async () => {
    await harness?.close();
  });

  it('says the deadline passed, not that someone else decided first', async () => {
    const evenings = { slots: [{ day: 'tue', start: '18:00', end: '21:00' }] };
    await harness.api.http.post('/api/v1/key-persons').set(as(coordinator)).send(keyPersonBody({ availability: evenings, languages: [{ code: 'amh', level: 'native' }] })).expect(201);
    const newcomerId = (await harness.api.http.post('/api/v1/newcomers').set(as(harness.api.token('intake'))).send(newcomerBody({
      displayName: 'Meron Tadesse', availability: evenings, languages: [{ code: 'amh', level: 'native' }],
      preferences: { keyPersonGender: 'any', genderRequired: false, sameOrigin: 'no-preference', remoteOk: false },
    })).expect(201)).body.id;
    const proposal = await eventually(async () => {
      const items: Match[] = (await harness.api.http.get(`/api/v1/matches?newcomerId=${newcomerId}`).set(as(coordinator)).expect(200)).body.items;
      return items.find((m) => m.status === 'proposed');
    }, { what: 'a proposal', timeoutMs: 20_000 });
    const { page, errors } = await harness.signedIn('coordinator', { language: 'nl' });
    await page.goto(`/coordinator/matches/${proposal.id}`);
    await page.getByRole('button', { name: 'Voorstel goedkeuren' }).waitFor();
    // Until the deadline has passed (the sweep that would close the proposal is an hour away).
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, Date.parse(proposal.expiresAt) - Date.now()) + 250));

    await page.getByRole('button', { name: 'Voorstel goedkeuren' }).click();
    const alert = page.locator('section.matching-actions').getByRole('alert');
    await expectText(alert, 'De termijn voor dit antwoord is verstreken');
    expect(await alert.innerText()).toContain('Niet mogelijk.');
    expect(await alert.innerText()).not.toContain('Iemand anders heeft eerder over deze koppeling besloten');
    expect(withoutRefusals(errors, [409], { exactlyOne: true })).toEqual([]);
  });
});
