import { mkdirSync, readFileSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Role } from '@sleutel/auth';
import { Browser, chromium, ConsoleMessage, Page, Request } from 'playwright-core';
import { startTestApp, TestApp } from './test-app';
import { ensureConsoleBuilt } from './web-console';

/** Debian's Chromium (`apt-get install -y chromium`, done by .ci/run); CHROMIUM_PATH overrides. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS = join(__dirname, '..', 'artifacts', 'console');

export interface AxeViolation {
  readonly id: string;
  readonly impact: 'minor' | 'moderate' | 'serious' | 'critical' | null;
  readonly help: string;
  readonly nodes: readonly { readonly target: readonly string[]; readonly failureSummary?: string }[];
}

export interface SignedInPage {
  readonly page: Page;
  /** Errors the page logged or threw; a spec asserts there were none. */
  readonly errors: string[];
}

export interface ConsoleHarness {
  readonly api: TestApp;
  /** `http://127.0.0.1:port` (or `http://<hostName>:port`) of the real API serving the built console. */
  readonly baseUrl: string;
  readonly browser: Browser;
  /**
   * A fresh browser context (its own storage) signed in with a token for
   * `roles`, showing the console in `language`, 1366×768 (a common laptop).
   */
  signedIn(roles: Role | Role[], options?: { sub?: string; municipalities?: string[]; language?: 'nl' | 'en' }): Promise<SignedInPage>;
  /** A fresh context whose session holds `token` as given (e.g. one that expires soon). */
  withToken(token: string, language?: 'nl' | 'en'): Promise<SignedInPage>;
  /** A fresh context with no token, for the login page. */
  anonymous(language?: 'nl' | 'en'): Promise<SignedInPage>;
  close(): Promise<void>;
}

/** The real API (test-app) listening on a free port, serving the built console, and a headless Chromium driven by playwright-core. */
/**
 * `hostName`: the browser reaches the API by this name, which its resolver maps
 * to 127.0.0.1. Browsers treat loopback addresses and `localhost` as secure
 * origins; any other name is an ordinary site over plain HTTP, like a LAN host.
 */
export async function startConsole(options: { matcher?: boolean; env?: Record<string, string>; hostName?: string } = {}): Promise<ConsoleHarness> {
  ensureConsoleBuilt();
  const { hostName, ...appOptions } = options;
  const api = await startTestApp(appOptions);
  await api.app.listen(0, '127.0.0.1');
  const port = (api.app.getHttpServer().address() as AddressInfo).port;
  const baseUrl = `http://${hostName ?? '127.0.0.1'}:${port}`;
  const resolver = hostName ? [`--host-resolver-rules=MAP ${hostName} 127.0.0.1`] : [];
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage', ...resolver] });

  async function open(token: string | null, language: 'nl' | 'en'): Promise<SignedInPage> {
    const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1366, height: 768 }, locale: language === 'nl' ? 'nl-NL' : 'en-GB' });
    // Before any script of the page: the token as the login page would store it, and the language.
    await context.addInitScript({
      content: [
        token ? `if (!sessionStorage.getItem('sleutel.token')) sessionStorage.setItem('sleutel.token', ${JSON.stringify(token)});` : '',
        `if (!localStorage.getItem('sleutel.language')) localStorage.setItem('sleutel.language', ${JSON.stringify(language)});`,
      ].join('\n'),
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
    page.on('console', (message: ConsoleMessage) => {
      if (message.type() === 'error') errors.push(`console: ${message.text()}`);
    });
    opened.push(watch(page, errors));
    return { page, errors };
  }

  // What each page did, printed when a test fails (test/support/diagnosing-environment.js).
  const opened: WatchedPage[] = [];
  const reporters = ((globalThis as { __sleutelOnTestFailure?: Set<FailureReporter> }).__sleutelOnTestFailure ??= new Set());
  const report: FailureReporter = async (test, startedAt) => {
    const pages = opened.filter((watched) => watched.openedAt >= startedAt && !watched.page.isClosed());
    const parts = await Promise.all(pages.map((watched, index) => describePage(watched, `${test} [page ${index + 1}]`)));
    process.stderr.write(`\n=== console test failed: ${test}\n${parts.join('\n') || '(no page opened by this test is open)'}\n=== end of failure report\n`);
  };
  reporters.add(report);

  return {
    api,
    baseUrl,
    browser,
    signedIn: (roles, { sub = 'console-tester', municipalities, language = 'en' } = {}) => open(api.token(roles, { sub, municipalities }), language),
    withToken: (token, language = 'en') => open(token, language),
    anonymous: (language = 'en') => open(null, language),
    close: async () => {
      reporters.delete(report);
      await browser.close();
      await api.close();
    },
  };
}

/** Saves a full-page screenshot as test/artifacts/console/<name>.png (not committed). */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Runs axe-core (WCAG 2.1 A and AA rules) on the page as it is and returns the
 * serious and critical violations. The script is evaluated through the
 * DevTools protocol, so the page's Content-Security-Policy stays as served.
 */
export async function seriousA11yViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run((globalThis as unknown as { document: unknown }).document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
  });
  return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
}

/** A readable line per violation, for a failing expectation's message. */
export function describeViolations(violations: readonly AxeViolation[]): string {
  return violations.map((v) => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`).join('\n');
}

type FailureReporter = (test: string, startedAt: number) => Promise<void>;

interface WatchedPage {
  readonly page: Page;
  readonly openedAt: number;
  readonly errors: readonly string[];
  /** The page's requests and their answers, oldest first, the last 80. */
  readonly traffic: string[];
  /** Requests sent and not yet answered or failed, with when they were sent. */
  readonly pending: Map<Request, number>;
}

function watch(page: Page, errors: readonly string[]): WatchedPage {
  const openedAt = Date.now();
  const watched: WatchedPage = { page, openedAt, errors, traffic: [], pending: new Map() };
  const at = () => `+${((Date.now() - openedAt) / 1000).toFixed(2)}s`;
  const log = (line: string) => {
    watched.traffic.push(`${at()} ${line}`);
    if (watched.traffic.length > 80) watched.traffic.shift();
  };
  const apiOnly = (request: Request) => new URL(request.url()).pathname.startsWith('/api/');
  page.on('request', (request) => {
    if (!apiOnly(request)) return;
    watched.pending.set(request, Date.now());
    log(`→ ${request.method()} ${request.url()}`);
  });
  page.on('response', (response) => {
    if (apiOnly(response.request())) log(`← ${response.status()} ${response.request().method()} ${response.url()}`);
  });
  page.on('requestfinished', (request) => watched.pending.delete(request));
  page.on('requestfailed', (request) => {
    if (!apiOnly(request)) return;
    watched.pending.delete(request);
    log(`✗ ${request.method()} ${request.url()}: ${request.failure()?.errorText ?? 'failed'}`);
  });
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) log(`navigated to ${frame.url()}`);
  });
  return watched;
}

/** What a page showed when its test failed: URL, visible text, unanswered requests, traffic, errors; and a screenshot. */
async function describePage(watched: WatchedPage, title: string): Promise<string> {
  const { page } = watched;
  const text = await page.locator('body').innerText({ timeout: 5_000 }).catch((error: unknown) => `(could not read: ${String(error)})`);
  const shot = await screenshot(page, `failed-${title.replace(/[^A-Za-z0-9]+/g, '-').slice(0, 100)}`).catch(() => '(none)');
  const pending = [...watched.pending].map(([request, sentAt]) => `  ${request.method()} ${request.url()} sent ${((Date.now() - sentAt) / 1000).toFixed(1)} s ago`);
  return [
    `--- ${title}: ${page.url()}`,
    `visible text:\n${text.slice(0, 3_000)}`,
    `unanswered requests:\n${pending.join('\n') || '  none'}`,
    `API traffic:\n${watched.traffic.map((line) => `  ${line}`).join('\n') || '  none'}`,
    `errors:\n${watched.errors.map((line) => `  ${line}`).join('\n') || '  none'}`,
    `screenshot: ${shot}`,
  ].join('\n');
}
