import { keyPersonBody, newcomerBody } from '../support/bodies';
import { ConsoleHarness, startConsole } from '../support/browser';
import { expectText, withoutRefusals } from '../support/console-page';

/**
 * A profile page opened before someone else changed the person's status:
 * the action it still offers is refused (409), and the page then reads the
 * person again, so it shows their status now and no longer offers what the
 * API refuses. (It went on showing "Actief" beside a refusal saying they had
 * retired, with Pauzeren and Laten stoppen still offered.)
 */
jest.setTimeout(120_000);

describe('web console: a profile page whose person someone else changed meanwhile', () => {
  let harness: ConsoleHarness;
  let coordinator: string;
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    harness = await startConsole();
    coordinator = harness.api.token('coordinator', { sub: 'coordinator-ida' });
  }, 120_000);

  afterAll(async () => {
    await harness?.close();
  });

  it('shows a key person retired by someone else as retired once pausing them is refused, without the actions the API refuses', async () => {
    const id = (await harness.api.http.post('/api/v1/key-persons').set(as(coordinator)).send(keyPersonBody({ displayName: 'Mehari Tekle' })).expect(201)).body.id;
    const { page, errors } = await harness.signedIn('coordinator', { language: 'nl' });
    await page.goto(`/coordinator/key-persons/${id}`);
    await page.getByRole('button', { name: 'Pauzeren' }).waitFor();
    await harness.api.http.post(`/api/v1/key-persons/${id}/retire`).set(as(coordinator)).send({ reason: 'Verhuisd' }).expect(200);

    await page.getByRole('button', { name: 'Pauzeren' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Sleutelpersoon pauzeren' }).click();
    await expectText(page.getByRole('alert'), 'De sleutelpersoon is gestopt');
    await expectText(page.locator('.profiles-cards'), 'Gestopt');
    expect(await page.getByRole('dialog').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Pauzeren' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Laten stoppen' }).count()).toBe(0);
    expect(withoutRefusals(errors, [409], { exactlyOne: true })).toEqual([]);
  });

  it('shows a newcomer withdrawn by someone else as withdrawn once asking to match them is refused', async () => {
    const intake = harness.api.token('intake');
    const id = (await harness.api.http.post('/api/v1/newcomers').set(as(intake)).send(newcomerBody({ displayName: 'Hiwet Kidane' })).expect(201)).body.id;
    const { page, errors } = await harness.signedIn('intake', { language: 'nl' });
    await page.goto(`/intake/newcomers/${id}`);
    await page.getByRole('button', { name: 'Koppeling aanvragen' }).waitFor();
    await harness.api.http.post(`/api/v1/newcomers/${id}/withdraw`).set(as(intake)).send({ reason: 'Verhuisd' }).expect(200);

    await page.getByRole('button', { name: 'Koppeling aanvragen' }).click();
    await expectText(page.getByRole('alert'), 'De nieuwkomer is teruggetrokken');
    await expectText(page.locator('.profiles-cards'), 'Teruggetrokken');
    expect(await page.getByRole('button', { name: 'Koppeling aanvragen' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Terugtrekken' }).count()).toBe(0);
    expect(withoutRefusals(errors, [409], { exactlyOne: true })).toEqual([]);
  });
});
