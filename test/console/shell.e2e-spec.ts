import { ConsoleHarness, describeViolations, screenshot, seriousA11yViolations, startConsole } from '../support/browser';
import { expectText } from '../support/console-page';

/**
 * The console's shell in a real browser: served by the API under `/`, its
 * routes surviving a reload, login by token, the language switch, and the API
 * and operations paths untouched by it.
 */
jest.setTimeout(90_000);

describe('web console: shell', () => {
  let harness: ConsoleHarness;

  beforeAll(async () => {
    harness = await startConsole();
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
});
