import { ConsoleHarness, startConsole } from '../support/browser';

/**
 * The console over plain HTTP from a host that is not localhost, as on a LAN
 * without TLS. Browsers exempt only loopback from upgrade-insecure-requests, so
 * the other console specs (on 127.0.0.1) cannot see a CSP that upgrades the
 * bundle's script to https and leaves the page blank.
 */
jest.setTimeout(90_000);

describe('web console: plain HTTP on a host that is not localhost', () => {
  let harness: ConsoleHarness;

  beforeAll(async () => {
    harness = await startConsole({ hostName: 'console.sleutel.test' });
  }, 120_000);

  afterAll(async () => {
    await harness?.close();
  });

  it('renders the sign-in page, its script loaded over http', async () => {
    expect(harness.baseUrl).toMatch(/^http:\/\/console\.sleutel\.test:\d+$/);
    const { page, errors } = await harness.anonymous('en');
    const scripts: string[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(request.url());
    });
    await page.goto('/');
    // Upgraded, the bundle's script was asked for at https://console.sleutel.test:…, which nothing answers.
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.filter((url) => !url.startsWith(`${harness.baseUrl}/assets/`))).toEqual([]);
    await page.waitForURL('**/login');
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    // Chromium notes that it ignores Cross-Origin-Opener-Policy on an untrustworthy origin; the header stays for TLS.
    expect(errors.filter((error) => !error.includes('Cross-Origin-Opener-Policy header has been ignored'))).toEqual([]);
  });
});
