/**
 * The first screen is the diagram's: at 1280×800 and up it starts inside the window and at least half of it shows;
 * the inspector opens beside it on a selection; the timeline is a strip until the reader opens it, and the docked
 * panels stay as the reader left them.
 */
import type { Page } from '@playwright/test';
import { expect, SCREENS_DIR, test } from './fixtures.ts';

async function openDefaultStory(page: Page) {
  await page.goto('/');
  await expect(page.getByTestId('scenario-title')).toHaveText('VMQ in a minute');
  // Into the story: two queues allocated and filtered, the narration on screen.
  for (let i = 1; i <= 6; i++) {
    await page.getByTestId('step-scenario').click();
    await expect(page.getByTestId('step-counter')).toHaveText(`${i} / 22`);
  }
  await expect(page.getByTestId('narration')).toBeVisible();
}

for (const [width, height] of [
  [1280, 800],
  [1440, 900],
  [1920, 1080],
] as const) {
  test(`at ${width}×${height} the diagram starts in the first screen and at least half of it shows`, async ({
    page,
  }) => {
    await page.setViewportSize({ width, height });
    await openDefaultStory(page);
    const box = await page.getByTestId('adapter-diagram').boundingBox();
    expect(box).not.toBeNull();
    const { y, height: h } = box as NonNullable<typeof box>;
    expect(y).toBeLessThan(height);
    expect(Math.min(y + h, height) - y).toBeGreaterThanOrEqual(h / 2);
  });
}

test('the inspector opens beside the diagram on a selection, in view, and leaves with Escape', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await openDefaultStory(page);
  await expect(page.getByTestId('inspector-drawer')).toHaveCount(0);
  await page.locator('[data-testid=diagram-queue][data-queue-id="1"]').click();
  const drawer = page.getByTestId('inspector-drawer');
  await expect(drawer).toContainText('QueueId');
  const diagram = await page.getByTestId('adapter-diagram').boundingBox();
  const beside = await drawer.boundingBox();
  expect(beside && diagram && beside.x > diagram.x + diagram.width - 1).toBe(true);
  expect(beside && beside.y < 800 && beside.y + 200 < 800).toBe(true);
  await page.screenshot({ path: `${SCREENS_DIR}/layout-inspector-1280.png` });
  await page.keyboard.press('Escape');
  await expect(drawer).toHaveCount(0);
});

test('the timeline is a strip that opens to its lanes, and the panels stay as the reader left them', async ({
  page,
}) => {
  await page.goto('/');
  const timeline = page.getByTestId('timeline');
  await expect(timeline).toHaveAttribute('data-open', 'false');
  await expect(page.getByTestId('timeline-plot')).toHaveCount(0);
  await expect(page.getByTestId('scrubber')).toBeVisible();
  await timeline.getByTestId('panel-toggle').click();
  await expect(page.getByTestId('timeline-plot')).toBeVisible();

  const conformance = page.getByTestId('conformance');
  await conformance.getByTestId('panel-toggle').click();
  await expect(conformance).toHaveAttribute('data-open', 'false');
  await expect(conformance.getByTestId('panel-toggle')).toHaveAttribute('aria-expanded', 'false');

  await page.reload();
  await expect(page.getByTestId('scenario-title')).toHaveText('VMQ in a minute');
  await expect(page.getByTestId('timeline-plot')).toBeVisible();
  await expect(page.getByTestId('conformance')).toHaveAttribute('data-open', 'false');
  await page.getByTestId('conformance').getByTestId('panel-toggle').click();
  await expect(page.getByTestId('conformance')).toHaveAttribute('data-open', 'true');
});
