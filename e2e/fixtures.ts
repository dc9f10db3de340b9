/**
 * The Playwright `test` every spec uses: it records console errors and uncaught page errors, the worker's
 * included, and fails the test if any appeared, so each spec checks "no console errors" without saying so.
 * CSP and Trusted Types violations are console errors, so every flow also checks that the policy holds.
 */
import { test as base, type Browser, expect, type Page } from '@playwright/test';
// The page's read-only test API (window.vmqE2E): its type, and its `declare global`, come with this import.
import type {} from '../src/app/page/e2eApi.ts';

export const test = base.extend<{ consoleErrors: string[] }>({
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
      // The browser's own messages from a worker (a CSP violation there) reach only the DevTools log.
      const devtools = await page.context().newCDPSession(page);
      devtools.on('Log.entryAdded', ({ entry }) => {
        if (entry.source === 'worker' && entry.level === 'error') errors.push(`worker: ${entry.text}`);
      });
      await devtools.send('Log.enable');
      await use(errors);
      expect(errors, 'console errors').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** Where screenshots for people to look at are saved (test-results/ is kept by CI). */
export const SCREENS_DIR = 'test-results/screens';

/**
 * The panels under the drawings (event log, OID console, traffic generator, sequence diagram) load only as they come
 * near the viewport (bench P4). A spec that uses them scrolls down to them once, as a reader would, and back to the top.
 */
export async function showLowerPanels(page: Page) {
  await page.getByTestId('drive').scrollIntoViewIfNeeded();
  const loading = page.getByTestId('part-loading');
  // Each placeholder loads its part once it has been near the viewport: visit the ones still waiting in turn.
  // (A placeholder may be replaced by its part while it is visited: the short timeout lets the visit move on.)
  await expect(async () => {
    for (const placeholder of await loading.all())
      await placeholder.scrollIntoViewIfNeeded({ timeout: 500 }).catch(() => undefined);
    await expect(loading).toHaveCount(0, { timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  await page.evaluate(() => window.scrollTo(0, 0));
}

/** Drops a file named `name` onto the page, as a file manager's drag does: enter, over, drop. `content` is its text,
 * or its bytes. */
export async function dropFile(page: Page, name: string, content: string | Uint8Array, { drop = true } = {}) {
  await page.evaluate(
    ([fileName, body, andDrop]) => {
      const data = new DataTransfer();
      const part = typeof body === 'string' ? body : Uint8Array.from(body as number[]);
      data.items.add(new File([part], fileName as string));
      const fire = (type: string) =>
        document.body.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }));
      fire('dragenter');
      fire('dragover');
      if (andDrop) fire('drop');
    },
    [name, typeof content === 'string' ? content : [...content], drop] as const,
  );
}

/** Copy link, as a user presses it, and the link it put on the clipboard (the test needs clipboard permissions). */
export async function copyLink(page: Page): Promise<string> {
  await page.getByTestId('copy-link').click();
  await expect(page.getByTestId('copied-link')).toContainText('Link copied');
  return page.evaluate(() => navigator.clipboard.readText());
}

/** Opens `link` in a browser context of its own — another reader — and waits until it has reached `events` trace
 * events, or, without them, until its scenario is on screen. */
export async function openElsewhere(browser: Browser, link: string, events?: number): Promise<Page> {
  const other = await (await browser.newContext()).newPage();
  await other.goto(link);
  if (events === undefined) await expect(other.getByTestId('scenario-title')).toBeVisible();
  else await expect.poll(() => other.evaluate(() => window.vmqE2E?.stats()?.eventCount)).toBe(events);
  return other;
}
