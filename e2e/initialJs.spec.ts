/**
 * Bench P4 counts what the first view downloads by reading the build (src/bench/initialJs.ts): the entry, its
 * static imports and the worker's. This keeps that honest: the JavaScript Chromium really fetches, until the default
 * scenario is shown and the page has been quiet a while, is exactly that set — no lazy chunk the first view pulls
 * in behind the bench's back, and nothing counted that the page does not load.
 */
import { initialJs } from '../src/bench/initialJs.ts';
import { expect, test } from './fixtures.ts';

test.use({ viewport: { width: 1440, height: 900 } });

test('the first view fetches exactly the JavaScript bench P4 counts', async ({ page }) => {
  const fetched = new Set<string>();
  page.on('request', (request) => {
    const { pathname } = new URL(request.url());
    if (pathname.endsWith('.js')) fetched.add(pathname.slice(1));
  });
  await page.goto('/');
  await expect(page.getByTestId('scenario-title')).toHaveText('VMQ in a minute');
  await page.waitForLoadState('networkidle');
  // Parts that load after the first paint (or when near the viewport) would ask within this quiet spell.
  await page.waitForTimeout(2_000);
  expect([...fetched].sort()).toEqual(initialJs('dist').files.sort());
});
