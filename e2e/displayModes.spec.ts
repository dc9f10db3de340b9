/**
 * The page under the settings a reader may have for their eyes (WCAG 1.4.4, 1.4.10, 1.4.11): 200 % zoom reflows the
 * page instead of widening it, forced colours (Windows High Contrast) keep every control's edge and the chosen state,
 * and a queue's state is always a word, never only a colour.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

async function intoTheFreeSequence(page: Page) {
  await page.goto('/');
  await expect(page.getByTestId('scenario-title')).toHaveText('VMQ in a minute');
  for (let i = 1; i <= 20; i++) await page.getByTestId('step-scenario').click();
  await expect(page.getByTestId('step-counter')).toHaveText('20 / 22');
}

// 1280 and 1440 px windows at 200 %: the page lays out in half as many CSS pixels.
for (const [width, height] of [
  [640, 400],
  [720, 450],
] as const) {
  test(`at 200 % zoom of a ${width * 2} px window the page reflows: no sideways scrolling, states still named`, async ({
    page,
  }) => {
    await page.setViewportSize({ width, height });
    await intoTheFreeSequence(page);
    // The drawing scrolls inside its own box (its minimum width); the page itself never does.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    const queues = page.getByTestId('diagram-queue');
    await expect(queues.filter({ hasText: 'Running' })).toHaveCount(2);
    await expect(queues.filter({ hasText: 'freed' })).toHaveCount(1);
    await expect(page.getByTestId('play-pause')).toBeInViewport();
  });
}

test.describe('in forced colours', () => {
  test.use({ forcedColors: 'active' });

  test('every button keeps an edge, and the chosen option of a choice is marked without its colour', async ({
    page,
  }) => {
    await intoTheFreeSequence(page);
    for (const id of ['play-pause', 'step-scenario', 'fork-open']) {
      const edge = await page
        .getByTestId(id)
        .evaluate((b) => [getComputedStyle(b).borderTopStyle, getComputedStyle(b).borderTopWidth]);
      expect(edge, id).toEqual(['solid', '1px']);
    }
    // The theme toggle is a pressed button in the dark theme: its state shows in system colours.
    const toggle = page.locator('header button[aria-pressed]').filter({ hasText: 'theme' });
    const background = () => toggle.evaluate((b) => getComputedStyle(b).backgroundColor);
    await expect(toggle).toHaveAttribute('aria-pressed', 'false');
    const off = await background();
    await page.keyboard.press('t');
    await expect(toggle).toHaveAttribute('aria-pressed', 'true');
    expect(await background()).not.toBe(off);
  });
});

test('each VM has its own shape in the legend, beside its colour and its name', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('scenario-title')).toHaveText('VMQ in a minute');
  const legend = page.getByTestId('adapter-diagram').locator('span:has(> svg path)');
  const shapes = await legend.evaluateAll((keys) =>
    keys.map((k) => ({ name: k.textContent?.trim(), d: k.querySelector('path')?.getAttribute('d') })),
  );
  const vms = shapes.filter((s) => /^VM\d$/.test(s.name ?? ''));
  expect(vms.map((s) => s.name)).toEqual(['VM1', 'VM2']);
  expect(new Set(shapes.map((s) => s.d)).size).toBe(shapes.length);
});
