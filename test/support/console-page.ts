import type { Locator, Page } from 'playwright-core';
import { describeViolations, screenshot, seriousA11yViolations } from './browser';
import { eventually } from './eventually';

/** What the browser specs of the console do over and over: wait for text, choose in a picker, check focus, screenshot + axe. */

/** Waits until the first element of `locator` contains `text`, and says what it held when it never does. */
export async function expectText(locator: Locator, text: string): Promise<void> {
  await locator.first().waitFor();
  await eventually(async () => (await locator.first().innerText()).includes(text), { timeoutMs: 10_000, what: `"${text}"` }).catch(async () => {
    throw new Error(`Expected "${text}" in: ${await locator.first().innerText()}`);
  });
}

export async function expectValue(locator: Locator, value: string): Promise<void> {
  await eventually(async () => (await locator.inputValue()) === value, { timeoutMs: 5_000, what: `value "${value}" in ${locator}` }).catch(async () => {
    expect(await locator.inputValue()).toBe(value);
  });
}

export async function expectFocused(locator: Locator): Promise<void> {
  await eventually(() => locator.evaluate((element) => element === (element as unknown as { ownerDocument: { activeElement: unknown } }).ownerDocument.activeElement), { timeoutMs: 5_000, what: `focus on ${locator}` });
}

/**
 * Types into a reference picker (combobox), waits until `option` heads the
 * list, and chooses it with the keyboard. Waiting for it merely to be listed
 * was not enough: the answer to an earlier, shorter search could still be
 * shown, and the first option then was another language.
 */
export async function choose(page: Page, label: string, text: string, option: string): Promise<void> {
  const input = page.getByRole('combobox', { name: label, exact: true });
  await input.click();
  await input.pressSequentially(text, { delay: 15 });
  await page.getByRole('option', { name: option }).first().waitFor();
  const first = page.locator(`[id="${await input.getAttribute('aria-controls')}"] [role="option"]`).first();
  await eventually(async () => ((await first.textContent()) ?? '').includes(option), { timeoutMs: 10_000, what: `"${option}" first among the options` }).catch(async (error: unknown) => {
    throw new Error(`${error instanceof Error ? error.message : String(error)}; the first option reads "${await first.textContent()}"`);
  });
  await input.press('ArrowDown');
  await input.press('Enter');
  await expectValue(input, option);
}

/** Saves the page as test/artifacts/console/<name>.png and expects no serious or critical axe-core violation on it. */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  expect(describeViolations(await seriousA11yViolations(page))).toBe('');
}

/** "Usable on a laptop screen": at the harness's 1366 × 768 nothing is wider than the window (no sideways scrolling). */
export async function expectFitsLaptop(page: Page): Promise<void> {
  const { scrollWidth, innerWidth } = (await page.evaluate('({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth })')) as { scrollWidth: number; innerWidth: number };
  expect({ innerWidth, overflow: scrollWidth > innerWidth }).toEqual({ innerWidth: 1366, overflow: false });
}

/**
 * The page's errors without Chromium's own "Failed to load resource" line for
 * each refused request with one of `statuses` (the browser logs one for every
 * 4xx, wanted or not). With `exactlyOne`, exactly one such line per status must be there.
 */
export function withoutRefusals(errors: readonly string[], statuses: readonly number[], options: { exactlyOne?: boolean } = {}): string[] {
  const line = (status: number) => `console: Failed to load resource: the server responded with a status of ${status}`;
  if (options.exactlyOne) for (const status of statuses) expect(errors.filter((error) => error.startsWith(line(status)))).toHaveLength(1);
  return errors.filter((error) => !statuses.some((status) => error.startsWith(line(status))));
}
