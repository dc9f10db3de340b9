/**
 * The Playwright `test` every spec uses: it records console errors and uncaught page errors and fails the test
 * if any appeared, so each spec checks "no console errors" without saying so.
 */
import { test as base, expect } from '@playwright/test';
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
      await use(errors);
      expect(errors, 'console errors').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** Where screenshots for people to look at are saved (test-results/ is kept by CI). */
export const SCREENS_DIR = 'test-results/screens';
