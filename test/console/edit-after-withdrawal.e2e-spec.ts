import type { Page } from 'playwright-core';
import { newcomerBody } from '../support/bodies';
import { ConsoleHarness, startConsole } from '../support/browser';
import { expectAccessible, expectFocused, expectText, withoutRefusals } from '../support/console-page';

/**
 * An intake worker edits a newcomer whom someone else withdraws meanwhile:
 * the save meets a newer version (412), and the latest version, loaded, can
 * no longer be edited. The page said only that, and the edits were gone from
 * it, while leaving still asked about unsaved changes no longer shown. Now it
 * shows what was typed, read-only, so it can be copied, and leaving does not
 * ask about changes that cannot be saved any more.
 */
jest.setTimeout(120_000);

describe('web console: an edit that meets a withdrawal', () => {
  let harness: ConsoleHarness;
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    harness = await startConsole();
  }, 120_000);

  afterAll(async () => {
    await harness?.close();
  });

  const registerNewcomer = async (displayName: string): Promise<string> =>
    (await harness.api.http.post('/api/v1/newcomers').set(as(harness.api.token('intake'))).send(newcomerBody({ displayName })).expect(201)).body.id;

  /** A newcomer registered now, and the Dutch edit form of them open for an intake worker. */
  async function editorOfNew(name: string) {
    const id = await registerNewcomer(name);
    const { page, errors } = await harness.signedIn('intake', { language: 'nl' });
    await page.goto(`/intake/newcomers/${id}/edit`);
    await page.getByRole('heading', { level: 1, name: `${name} bewerken` }).waitFor();
    return { id, page, errors };
  }

  async function saveAndLoadLatest(page: Page): Promise<void> {
    await page.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
    const conflict = page.getByRole('alert').filter({ hasText: 'Iemand anders heeft' });
    await conflict.waitFor();
    await conflict.getByRole('button').click();
  }

  it('shows the unsaved edits read-only beside why they cannot be saved, and leaves without asking about them', async () => {
    const { id, page, errors } = await editorOfNew('Selam Gebre');
    await page.getByLabel('Notities (niet verplicht)').fill('Wil hulp bij de huurtoeslag.\nBellen na 16 uur.');
    await page.getByLabel('Telefoon (niet verplicht)').fill('+31687654321');
    await harness.api.http.post(`/api/v1/newcomers/${id}/withdraw`).set(as(harness.api.token('intake'))).send({ reason: 'Verhuisd' }).expect(200);

    await saveAndLoadLatest(page);
    await page.getByRole('heading', { level: 1, name: 'Selam Gebre kan niet worden bewerkt' }).waitFor();
    const unsaved = page.getByRole('region', { name: 'Uw wijzigingen die niet zijn opgeslagen' });
    await expectText(unsaved, 'niet meer worden opgeslagen');
    expect(await unsaved.getByRole('definition').allInnerTexts()).toEqual(['+31687654321', 'Wil hulp bij de huurtoeslag.\nBellen na 16 uur.']);
    expect(await unsaved.getByRole('term').allInnerTexts()).toEqual(['Telefoon', 'Notities']);
    expect(await page.locator('form').count()).toBe(0);
    // The button pressed is gone: the focus is on why.
    await expectFocused(page.getByRole('status').filter({ hasText: 'teruggetrokken' }));
    await expectAccessible(page, 'edit-after-withdrawal');

    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Nieuwkomers', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Nieuwkomers' }).waitFor();
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(withoutRefusals(errors, [412], { exactlyOne: true })).toEqual([]);
  });

  it('clears the field messages of an earlier refused save once the latest version is loaded', async () => {
    const { id, page, errors } = await editorOfNew('Dawit Haile');
    await page.getByLabel('Geboortejaar').fill('1850');
    await page.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
    await page.locator('#newcomer-birthYear-error').waitFor();

    await page.getByLabel('Geboortejaar').fill('1991');
    const read = await harness.api.http.get(`/api/v1/newcomers/${id}`).set(as(harness.api.token('intake'))).expect(200);
    await harness.api.http.patch(`/api/v1/newcomers/${id}`).set(as(harness.api.token('intake'))).set('If-Match', read.headers.etag).send({ notes: 'Van de andere medewerker.' }).expect(200);
    await saveAndLoadLatest(page);
    await page.getByRole('status').filter({ hasText: 'nieuwste versie' }).waitFor();
    expect(await page.locator('[id$="-error"]').count()).toBe(0);
    expect(await page.getByLabel('Geboortejaar').inputValue()).toBe('1991');
    expect(withoutRefusals(errors, [400, 412], { exactlyOne: true })).toEqual([]);
  });
});
