import { TokenService } from '@sleutel/auth';
import { newcomerBody } from '../support/bodies';
import { ConsoleHarness, describeViolations, screenshot, seriousA11yViolations, startConsole } from '../support/browser';
import { expectFocused, expectText, withoutRefusals } from '../support/console-page';
import { eventually } from '../support/eventually';

/**
 * The console's shell in a real browser: served by the API under `/`, its
 * routes surviving a reload, login by token, a session that expires under an
 * open form, the notice a few minutes before it expires and its renewal, the
 * language switch, and the API and operations paths untouched by it. No
 * clock skew is allowed, so a short-lived token expires when it says.
 */
jest.setTimeout(90_000);

/** A token's `exp`, read as the console reads it. */
const expiryOf = (token: string): number => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')).exp;
/** A time of day as the console says it: Amsterdam time, to the minute. */
const clockTime = (exp: number, language: 'nl' | 'en') => new Intl.DateTimeFormat(language === 'nl' ? 'nl-NL' : 'en-GB', { timeStyle: 'short', timeZone: 'Europe/Amsterdam' }).format(exp * 1000);

describe('web console: shell', () => {
  let harness: ConsoleHarness;

  beforeAll(async () => {
    harness = await startConsole({ env: { AUTH_CLOCK_SKEW_SECONDS: '0' } });
  }, 120_000);

  afterAll(async () => {
    await harness?.close();
  });

  it('is served under / with its own routes, while API and operations paths keep answering as before', async () => {
    const { http } = harness.api;
    const index = await http.get('/').expect(200);
    expect(index.headers['content-type']).toMatch(/text\/html/);
    expect(index.headers['cache-control']).toBe('no-cache');
    expect(index.headers['content-security-policy']).toContain("script-src 'self'");
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(index.text)?.[1];
    expect(script).toBeDefined();
    const asset = await http.get(script!).expect(200);
    expect(asset.headers['content-type']).toMatch(/javascript/);
    expect(asset.headers['cache-control']).toContain('immutable');
    // The production build, though Jest's global setup built it with NODE_ENV=test: no development React or JSX.
    expect(process.env.NODE_ENV).toBe('test');
    expect({ jsxDev: asset.text.includes('jsxDEV'), reactDevelopmentWarnings: asset.text.includes('is deprecated in plain JavaScript React classes') })
      .toEqual({ jsxDev: false, reactDevelopmentWarnings: false });
    // A console route loads the console, so a reload or a shared link works.
    expect((await http.get('/coordinator/proposals').expect(200)).text).toBe(index.text);
    // The API's own 404 stays a problem, not the console.
    const missing = await http.get('/api/v1/no-such-thing').expect(404);
    expect(missing.headers['content-type']).toMatch(/application\/problem\+json/);
    await http.get('/health/live').expect(200);
    expect((await http.get('/metrics').expect(401)).headers['content-type']).toMatch(/problem\+json/);
    expect((await http.get('/docs-json').expect(200)).body.openapi).toMatch(/^3\./);
    // Only GET is the console's: a POST to a console path is not answered with the page.
    expect((await http.post('/coordinator/proposals').send({})).status).toBe(404);
  });

  it('signs in with a pasted token, refuses a bad one beside the field, and switches language', async () => {
    const { page, errors } = await harness.anonymous('en');
    await page.goto('/');
    await page.waitForURL('**/login');
    await page.getByLabel('Access token').fill('not-a-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expectText(page.locator('#token-error'), 'not a valid sleutel token');
    await screenshot(page, 'login');
    expect(describeViolations(await seriousA11yViolations(page))).toBe('');

    await page.getByLabel('Access token').fill(harness.api.token('coordinator', { sub: 'coco' }));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Welcome' }).waitFor();
    await expectText(page.locator('.who'), 'Signed in as coco (coordinator)');

    await page.getByLabel('Language').selectOption('nl');
    await page.getByRole('heading', { level: 1, name: 'Welkom' }).waitFor();
    expect(await page.evaluate('document.documentElement.lang')).toBe('nl');
    // The choice survives a reload; the token too (same tab).
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Welkom' }).waitFor();
    await page.getByRole('button', { name: 'Uitloggen' }).click();
    await page.waitForURL('**/login');
    expect(errors).toEqual([]);
  });

  it('sends a token the server refuses back to the login page', async () => {
    const { page } = await harness.anonymous('en');
    await page.goto('/login');
    const forged = harness.api.token('auditor').replace(/\.[^.]+$/, '.c2lnbmF0dXJl');
    await page.getByLabel('Access token').fill(forged);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expectText(page.locator('#token-error'), 'The server did not accept this token.');
    expect(page.url()).toMatch(/\/login$/);
  });

  it('keeps an open form when the session expires: says so, signs in again in place, and saves what was typed', async () => {
    const intake = harness.api.token('intake', { sub: 'intake-ina' });
    const id = (await harness.api.http.post('/api/v1/newcomers').set({ Authorization: `Bearer ${intake}` }).send(newcomerBody({ displayName: 'Session Expiry' })).expect(201)).body.id;
    // Long enough for a loaded machine to open the form before it expires (an expired token on arrival is a sign-in page).
    const short = harness.api.app.get(TokenService).issue({ subject: 'intake-ina', roles: ['intake'], ttlSeconds: 10 });
    const { page, errors } = await harness.withToken(short, 'nl');
    await page.goto(`/intake/newcomers/${id}/edit`);
    const notes = page.locator('#newcomer-notes');
    await notes.fill('Lang intakegesprek: werkervaring, gezin, wensen.');
    await eventually(async () => (await harness.api.http.get(`/api/v1/newcomers/${id}`).set({ Authorization: `Bearer ${short}` })).status === 401, { what: 'the token to expire', timeoutMs: 20_000 });

    await page.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
    const dialog = page.getByRole('dialog', { name: 'Uw sessie is verlopen' });
    await expectText(dialog, 'wat u invulde blijft staan');
    // Said by the dialog, in Dutch; the form behind it does not say it again in the API's English.
    expect(await page.locator('main .alert-error').allInnerTexts()).toEqual([]);
    await expectFocused(dialog.getByLabel('Toegangstoken'));
    // Someone else's token does not take over the page.
    await dialog.getByLabel('Toegangstoken').fill(harness.api.token('intake', { sub: 'intake-bob' }));
    await dialog.getByRole('button', { name: 'Opnieuw inloggen' }).click();
    await expectText(dialog.getByRole('alert'), 'Dit token is van intake-bob');
    await screenshot(page, 'session-expired');
    expect(describeViolations(await seriousA11yViolations(page))).toBe('');

    await dialog.getByLabel('Toegangstoken').fill(intake);
    await dialog.getByRole('button', { name: 'Opnieuw inloggen' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(page.url()).toMatch(new RegExp(`/intake/newcomers/${id}/edit$`));
    expect(await notes.inputValue()).toBe('Lang intakegesprek: werkervaring, gezin, wensen.');
    // Signed in again, the form no longer says the user is not.
    expect(await page.getByRole('alert').allInnerTexts()).toEqual([]);
    // Saved against the version the form started from.
    await page.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
    await page.waitForURL(new RegExp(`/intake/newcomers/${id}$`));
    const stored = await harness.api.http.get(`/api/v1/newcomers/${id}`).set({ Authorization: `Bearer ${intake}` }).expect(200);
    expect({ notes: stored.body.notes, revision: stored.body.revision }).toEqual({ notes: 'Lang intakegesprek: werkervaring, gezin, wensen.', revision: 1 });
    expect(withoutRefusals(errors, [401])).toEqual([]);
  });

  it('shows a page opened while the session had expired once the same user has signed in again in the dialog', async () => {
    const intake = harness.api.token('intake', { sub: 'intake-ina' });
    const id = (await harness.api.http.post('/api/v1/newcomers').set({ Authorization: `Bearer ${intake}` }).send(newcomerBody({ displayName: 'Page After Expiry' })).expect(201)).body.id;
    const short = harness.api.app.get(TokenService).issue({ subject: 'intake-ina', roles: ['intake'], ttlSeconds: 10 });
    const { page, errors } = await harness.withToken(short, 'en');
    await page.goto('/intake/newcomers');
    await page.getByRole('link', { name: 'Page After Expiry' }).waitFor();
    await eventually(async () => (await harness.api.http.get(`/api/v1/newcomers/${id}`).set({ Authorization: `Bearer ${short}` })).status === 401, { what: 'the token to expire', timeoutMs: 20_000 });
    // Idle meanwhile, the user opens the newcomer's page: refused, and the dialog asks for a token.
    await page.getByRole('link', { name: 'Page After Expiry' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Access token').fill(intake);
    await dialog.getByRole('button', { name: 'Sign in again' }).click();
    await dialog.waitFor({ state: 'detached' });
    // The page asks again, and shows the newcomer (it said "Not signed in" for good before).
    await page.getByRole('heading', { name: 'Page After Expiry' }).waitFor();
    expect(page.url()).toMatch(new RegExp(`/intake/newcomers/${id}$`));
    expect(withoutRefusals(errors, [401])).toEqual([]);
  });

  it('says a few minutes before the session ends when it ends, without taking focus from the form, and renews it in place', async () => {
    const intake = harness.api.token('intake', { sub: 'intake-ina' });
    const id = (await harness.api.http.post('/api/v1/newcomers').set({ Authorization: `Bearer ${intake}` }).send(newcomerBody({ displayName: 'Session Ending' })).expect(201)).body.id;
    const { page, errors } = await harness.withToken(intake, 'nl');
    // The page's own clock, so that the laptop's lid can be closed for a while (fastForward) while the API's token stays valid.
    await page.clock.install();
    await page.goto(`/intake/newcomers/${id}/edit`);
    const notes = page.locator('#newcomer-notes');
    await notes.fill('Lang intakegesprek: werkervaring, gezin, wensen.');
    const notice = page.getByRole('region', { name: 'Sessie' });
    // Ten minutes left: nothing to say yet.
    expect(await notice.count()).toBe(0);

    // The lid shut for five and a half minutes: four and a half are left, and the notice is there once the laptop wakes.
    await page.clock.fastForward('05:30');
    await expectText(notice, `Uw sessie loopt om ${clockTime(expiryOf(intake), 'nl')} af.`);
    await expectFocused(notes);
    expect(await page.getByRole('dialog').count()).toBe(0);
    // In sight wherever the user is on a long form: at the foot of the window with the form's top in view.
    await page.evaluate('window.scrollTo(0, 0)');
    const box = await notice.boundingBox();
    expect({ inWindow: box !== null && box.y >= 0 && box.y + box.height <= 768, scrolled: await page.evaluate('window.scrollY') }).toEqual({ inWindow: true, scrolled: 0 });
    await screenshot(page, 'session-ending');
    expect(describeViolations(await seriousA11yViolations(page))).toBe('');

    await notice.getByRole('button', { name: 'Sessie verlengen' }).click();
    const dialog = page.getByRole('dialog', { name: 'Uw sessie verlengen' });
    await expectFocused(dialog.getByLabel('Toegangstoken'));
    // Only the same user renews the session.
    await dialog.getByLabel('Toegangstoken').fill(harness.api.token('intake', { sub: 'intake-bob' }));
    await dialog.getByRole('button', { name: 'Opnieuw inloggen' }).click();
    await expectText(dialog.getByRole('alert'), 'Dit token is van intake-bob');
    // An hour from now, well beyond the notice's lead even on the page's advanced clock.
    const renewed = harness.api.app.get(TokenService).issue({ subject: 'intake-ina', roles: ['intake'], ttlSeconds: 3600 });
    await dialog.getByLabel('Toegangstoken').fill(renewed);
    await dialog.getByRole('button', { name: 'Opnieuw inloggen' }).click();
    await dialog.waitFor({ state: 'detached' });
    await notice.waitFor({ state: 'detached' });
    // Back where the user was typing, with what was typed.
    await expectFocused(notes);
    expect(await notes.inputValue()).toBe('Lang intakegesprek: werkervaring, gezin, wensen.');
    expect(await page.evaluate("sessionStorage.getItem('sleutel.token')")).toBe(renewed);
    await page.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
    await page.waitForURL(new RegExp(`/intake/newcomers/${id}$`));
    const stored = await harness.api.http.get(`/api/v1/newcomers/${id}`).set({ Authorization: `Bearer ${renewed}` }).expect(200);
    expect({ notes: stored.body.notes, revision: stored.body.revision }).toEqual({ notes: 'Lang intakegesprek: werkervaring, gezin, wensen.', revision: 1 });
    expect(errors).toEqual([]);
  });

  it('lets the user put the renewal off, and says so once the session has ended', async () => {
    const token = harness.api.token('intake', { sub: 'intake-ina' });
    const { page, errors } = await harness.withToken(token, 'en');
    await page.clock.install();
    await page.goto('/intake/newcomers');
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.clock.fastForward('05:30');
    const notice = page.getByRole('region', { name: 'Session' });
    await expectText(notice, `Your session ends at ${clockTime(expiryOf(token), 'en')}.`);
    const renew = notice.getByRole('button', { name: 'Renew session' });
    await renew.click();
    const dialog = page.getByRole('dialog', { name: 'Renew your session' });
    await expectFocused(dialog.getByLabel('Access token'));
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await expectFocused(renew);
    await renew.click();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });

    // Five more minutes: past the token's expiry on the page's clock.
    await page.clock.fastForward('05:00');
    await expectText(notice, `Your session ended at ${clockTime(expiryOf(token), 'en')}. Sign in again before you save`);
    await notice.getByRole('button', { name: 'Sign in again' }).click();
    await page.getByRole('dialog', { name: 'Renew your session' }).waitFor();
    expect(errors).toEqual([]);
  });

  it('says in the page’s language on the login page that the server could not be reached', async () => {
    const { page, errors } = await harness.anonymous('nl');
    await page.route('**/api/v1/reference/countries**', (route) => route.abort('connectionrefused'));
    await page.goto('/login');
    await page.getByLabel('Toegangstoken').fill(harness.api.token('intake'));
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await expectText(page.locator('#token-error'), 'De server is niet bereikbaar. Controleer uw verbinding en probeer het opnieuw.');
    await page.getByLabel('Taal').selectOption('en');
    await expectText(page.locator('#token-error'), 'The server could not be reached. Check your connection and try again.');
    expect(errors.filter((error) => !error.includes('ERR_CONNECTION_REFUSED'))).toEqual([]);
  });
});
