import { TokenService } from '@sleutel/auth';
import type { Page } from 'playwright-core';
import { newcomerBody } from '../support/bodies';
import { ConsoleHarness, startConsole } from '../support/browser';
import { expectAccessible, expectFocused, expectText, expectValue, withoutRefusals } from '../support/console-page';
import { eventually } from '../support/eventually';

/**
 * A profile form that holds what an intake worker typed asks before it is
 * left: by the menu, a link, the browser's back button or signing out, in a
 * modal dialog in the page's language (Stay keeps everything, Leave goes on),
 * and closing the tab gets the browser's own prompt. Saving, the form's own
 * Cancel and an untouched form never ask.
 */
jest.setTimeout(120_000);

describe('web console: unsaved changes', () => {
  let harness: ConsoleHarness;

  beforeAll(async () => {
    // No clock skew: a short-lived token is refused when it says it expires.
    harness = await startConsole({ env: { AUTH_CLOCK_SKEW_SECONDS: '0' } });
  }, 120_000);

  afterAll(async () => {
    await harness?.close();
  });

  async function registerNewcomer(displayName: string): Promise<string> {
    const response = await harness.api.http.post('/api/v1/newcomers').set('Authorization', `Bearer ${harness.api.token('intake')}`).send(newcomerBody({ displayName })).expect(201);
    return response.body.id as string;
  }

  const menuLink = (page: Page, name: string) => page.getByRole('navigation', { name: /Main menu|Hoofdmenu/ }).getByRole('link', { name, exact: true });

  it('asks before a menu link leaves a typed intake form: Stay keeps the text, Leave goes on', async () => {
    const { page, errors } = await harness.signedIn('intake', { sub: 'intake-leave' });
    await page.goto('/intake/newcomers/new');
    await page.getByRole('heading', { level: 1, name: 'Register a newcomer' }).waitFor();
    const name = page.getByLabel('Name', { exact: true });
    await name.fill('Hana Tesfay');

    await menuLink(page, 'Newcomers').click();
    const dialog = page.getByRole('dialog', { name: 'Leave this page?' });
    await expectText(dialog, 'what you typed is lost');
    await expectFocused(dialog.getByRole('button', { name: 'Stay on this page' }));
    await expectAccessible(page, 'unsaved-changes-dialog');

    await dialog.getByRole('button', { name: 'Stay on this page' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(new URL(page.url()).pathname).toBe('/intake/newcomers/new');
    await expectValue(name, 'Hana Tesfay');

    await menuLink(page, 'Newcomers').click();
    await dialog.getByRole('button', { name: 'Leave and discard' }).click();
    await page.getByRole('heading', { level: 1, name: 'Newcomers' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/intake/newcomers');
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('is worked by keyboard alone, in Dutch: Escape stays with the focus back where it was, Tab and Enter leave', async () => {
    const id = await registerNewcomer('Keyboard Leave');
    const { page, errors } = await harness.signedIn('intake', { sub: 'intake-keys', language: 'nl' });
    // Opened from the newcomer's page, so the browser's back button stays in the console.
    await page.goto(`/intake/newcomers/${id}`);
    await page.getByRole('link', { name: 'Bewerken' }).click();
    const notes = page.locator('#newcomer-notes');
    await notes.fill('Lang intakegesprek: werkervaring, gezin, wensen.');

    // The browser's back button, with the focus in the field typed in.
    await notes.focus();
    await page.evaluate('history.back()');
    const dialog = page.getByRole('dialog', { name: 'Deze pagina verlaten?' });
    await expectText(dialog, 'gaat wat u invulde verloren');
    await expectFocused(dialog.getByRole('button', { name: 'Op deze pagina blijven' }));
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await expectFocused(notes);
    expect(new URL(page.url()).pathname).toBe(`/intake/newcomers/${id}/edit`);
    await expectValue(notes, 'Lang intakegesprek: werkervaring, gezin, wensen.');

    // A menu link reached by keyboard: Enter asks, Enter on Stay stays, and the focus is back on the link.
    const link = menuLink(page, 'Nieuwkomers');
    await link.focus();
    await page.keyboard.press('Enter');
    await expectFocused(dialog.getByRole('button', { name: 'Op deze pagina blijven' }));
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await expectFocused(link);
    expect(new URL(page.url()).pathname).toBe(`/intake/newcomers/${id}/edit`);

    await page.keyboard.press('Enter');
    await expectFocused(dialog.getByRole('button', { name: 'Op deze pagina blijven' }));
    await page.keyboard.press('Tab');
    await expectFocused(dialog.getByRole('button', { name: 'Verlaten en wijzigingen weggooien' }));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Nieuwkomers' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/intake/newcomers');
    expect(errors).toEqual([]);
  });

  it('does not ask when the form is saved, left by its own Cancel, or untouched', async () => {
    const id = await registerNewcomer('Saved Then Left');
    const { page, errors } = await harness.signedIn('intake', { sub: 'intake-saves' });

    // Untouched: a menu link simply goes.
    await page.goto(`/intake/newcomers/${id}/edit`);
    await page.locator('#newcomer-notes').waitFor();
    await menuLink(page, 'Newcomers').click();
    await page.getByRole('heading', { level: 1, name: 'Newcomers' }).waitFor();

    // Typed, then the form's own Cancel.
    await page.goto(`/intake/newcomers/${id}/edit`);
    await page.locator('#newcomer-notes').fill('Not wanted after all.');
    await page.getByRole('link', { name: 'Cancel', exact: true }).click();
    await page.waitForURL(new RegExp(`/intake/newcomers/${id}$`));

    // Typed and saved: the save's own navigation, and the menu afterwards, go without a word.
    await page.goto(`/intake/newcomers/${id}/edit`);
    await page.locator('#newcomer-notes').fill('Prefers mornings.');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.waitForURL(new RegExp(`/intake/newcomers/${id}$`));
    await expectText(page.getByRole('status').filter({ hasText: 'Changes saved' }), 'Changes saved');
    await menuLink(page, 'Newcomers').click();
    await page.getByRole('heading', { level: 1, name: 'Newcomers' }).waitFor();

    await page.getByRole('link', { name: 'Register a newcomer' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Half Typed');
    await page.getByRole('button', { name: 'Register newcomer' }).click();
    // Refused for the fields still missing: the form stays, and still asks.
    await page.locator('.profiles-error-summary').waitFor();
    await menuLink(page, 'Newcomers').click();
    await page.getByRole('dialog', { name: 'Leave this page?' }).getByRole('button', { name: 'Stay on this page' }).click();
    expect(new URL(page.url()).pathname).toBe('/intake/newcomers/new');

    expect(await page.getByRole('dialog').count()).toBe(0);
    const stored = await harness.api.http.get(`/api/v1/newcomers/${id}`).set('Authorization', `Bearer ${harness.api.token('intake')}`).expect(200);
    expect(stored.body.notes).toBe('Prefers mornings.');
    expect(errors).toEqual([]);
  });

  it('asks before signing out of a typed form, and before the tab is closed', async () => {
    const { page, errors } = await harness.signedIn('intake', { sub: 'intake-signout' });
    await page.goto('/intake/newcomers/new');
    const name = page.getByLabel('Name', { exact: true });
    await name.fill('Samira Ahmadi');

    const signOut = page.getByRole('button', { name: 'Sign out' });
    await signOut.click();
    const dialog = page.getByRole('dialog', { name: 'Leave this page?' });
    await dialog.getByRole('button', { name: 'Stay on this page' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expectFocused(signOut);
    await expectValue(name, 'Samira Ahmadi');

    // Closing the tab: the browser's own prompt.
    const prompt = new Promise<string>((resolve) => page.once('dialog', (shown) => void shown.dismiss().then(() => resolve(shown.type()))));
    await page.close({ runBeforeUnload: true });
    expect(await prompt).toBe('beforeunload');
    expect(page.isClosed()).toBe(false);
    await expectValue(name, 'Samira Ahmadi');

    await signOut.click();
    await dialog.getByRole('button', { name: 'Leave and discard' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(errors).toEqual([]);
  });

  it('lets the session dialog come and go over a typed form without asking, and asks when the user signs out from it', async () => {
    const id = await registerNewcomer('Expired Over Form');
    const short = harness.api.app.get(TokenService).issue({ subject: 'intake-expiry', roles: ['intake'], ttlSeconds: 10 });
    const { page, errors } = await harness.withToken(short, 'nl');
    await page.goto(`/intake/newcomers/${id}/edit`);
    const notes = page.locator('#newcomer-notes');
    await notes.fill('Werkervaring in de zorg.');
    await eventually(async () => (await harness.api.http.get(`/api/v1/newcomers/${id}`).set({ Authorization: `Bearer ${short}` })).status === 401, { what: 'the token to expire', timeoutMs: 20_000 });

    await page.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
    const session = page.getByRole('dialog', { name: 'Uw sessie is verlopen' });
    await session.waitFor();
    expect(await page.getByRole('dialog', { name: 'Deze pagina verlaten?' }).count()).toBe(0);

    const signOut = session.getByRole('button', { name: 'Uitloggen' });
    await signOut.click();
    const leave = page.getByRole('dialog', { name: 'Deze pagina verlaten?' });
    await leave.getByRole('button', { name: 'Op deze pagina blijven' }).click();
    await leave.waitFor({ state: 'detached' });
    await expectFocused(signOut);
    await expectValue(notes, 'Werkervaring in de zorg.');

    await signOut.click();
    await leave.getByRole('button', { name: 'Verlaten en wijzigingen weggooien' }).click();
    await page.getByRole('heading', { level: 1, name: 'Inloggen' }).waitFor();
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(withoutRefusals(errors, [401])).toEqual([]);
  });
});
