/**
 * Present mode (issue 10 §2, docs/present-and-embed.md): a presenter runs the story from a clicker (PageDown,
 * PageUp), full screen on F, Esc to leave; the narration reads as a caption, and a laser pointer rings what the mouse
 * is over. In compare mode too: "a presenter can run the comparison full screen with a clicker".
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

const nextStep = (page: Page) => page.evaluate(() => window.vmqE2E?.stats()?.nextStepIndex);
const shownAs = (page: Page) => page.evaluate(() => document.documentElement.dataset['show']);

test('a clicker runs the story in present mode: PageDown steps a scenario step, PageUp steps back, the caption narrates, Esc leaves', async ({
  page,
}) => {
  await page.goto('/?scenario=vmq-in-a-minute.json&present=1');
  await expect(page.getByTestId('caption-bar')).toBeVisible();
  expect(await shownAs(page)).toBe('present');
  // The drawings have the screen: no scenario picker, no dock, the narration in the caption instead.
  await expect(page.getByTestId('dock')).toHaveCount(0);
  await expect(page.getByTestId('narration')).toHaveCount(0);
  await expect(page.getByTestId('caption-step')).toHaveText('step 0 / 22');
  // Large type: the root font size scales every rem of the page.
  expect(
    await page.evaluate(() => Number.parseFloat(getComputedStyle(document.documentElement).fontSize)),
  ).toBeGreaterThan(16);

  const captions: string[] = [];
  for (let step = 1; step <= 3; step++) {
    await page.keyboard.press('PageDown');
    await expect.poll(() => nextStep(page)).toBe(step);
    await expect(page.getByTestId('caption-step')).toHaveText(`step ${step} / 22`);
    captions.push((await page.getByTestId('caption').textContent()) ?? '');
  }
  expect(captions.every((text) => text.length > 0)).toBe(true);
  expect(new Set(captions).size).toBeGreaterThan(1);

  await page.keyboard.press('PageUp');
  await expect.poll(() => nextStep(page)).toBe(2);
  await expect(page.getByTestId('caption')).toHaveText(captions[1] as string);

  // F: full screen, or a clear word that the browser refused and what to do instead.
  await page.keyboard.press('f');
  await expect
    .poll(
      async () =>
        (await page.evaluate(() => document.fullscreenElement !== null)) ||
        (await page.getByTestId('fullscreen-refused').isVisible()),
    )
    .toBe(true);
  if (await page.evaluate(() => document.fullscreenElement !== null)) {
    await page.keyboard.press('f');
    await expect.poll(() => page.evaluate(() => document.fullscreenElement)).toBeNull();
  }

  await page.keyboard.press('Escape');
  await expect(page.getByTestId('caption-bar')).toHaveCount(0);
  expect(await shownAs(page)).toBe('page');
  await expect.poll(() => new URL(page.url()).searchParams.has('present')).toBe(false);
  // The caption said what the page's narration says.
  await expect(page.getByTestId('narration')).toHaveText(captions[1] as string);
  // Outside present mode PageDown is the page's again: it does not step (the step after it lands on 3, not 4).
  await page.keyboard.press('PageDown');
  await page.getByTestId('step-scenario').click();
  await expect.poll(() => nextStep(page)).toBe(3);
  await expect(page.getByTestId('step-counter')).toHaveText('3 / 22');
});

test('the Present button and P enter present mode, and a copied link keeps it', async ({ page }) => {
  await page.goto('/?scenario=vmq-in-a-minute.json');
  await expect(page.getByTestId('scenario-title')).toHaveText('VMQ in a minute');
  await page.getByTestId('present-toggle').click();
  await expect(page.getByTestId('caption-bar')).toBeVisible();
  await expect(page.getByTestId('present-toggle')).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(() => new URL(page.url()).searchParams.get('present')).toBe('1');
  await page.getByTestId('copy-link').click();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(new URL(link).searchParams.get('present')).toBe('1');

  await page.keyboard.press('p');
  await expect(page.getByTestId('caption-bar')).toHaveCount(0);
  await page.keyboard.press('P');
  await expect(page.getByTestId('caption-bar')).toBeVisible();
});

test('the laser pointer rings the part of the drawing under the mouse, and never takes a click', async ({ page }) => {
  await page.goto('/?scenario=vmq-in-a-minute.json&present=1');
  await expect(page.getByTestId('caption-bar')).toBeVisible();
  const queue = page.locator('[data-testid=diagram-queue][data-queue-id="0"]');
  await queue.hover();
  const ring = page.getByTestId('laser-ring');
  await expect(ring).toHaveAttribute('data-on', 'diagram-queue');
  await expect(ring).toHaveCSS('opacity', '1');
  await expect(ring).toHaveCSS('pointer-events', 'none');
  const around = await ring.boundingBox();
  const part = await queue.boundingBox();
  if (!around || !part) throw new Error('no boxes');
  expect(around.x).toBeLessThan(part.x);
  expect(around.y).toBeLessThan(part.y);
  expect(around.x + around.width).toBeGreaterThan(part.x + part.width);
  expect(around.y + around.height).toBeGreaterThan(part.y + part.height);
  // A click goes through to the queue under it.
  await queue.click();
  await expect(page.getByTestId('inspector-drawer')).toContainText('QueueId');
  // Off the drawing, the ring goes; the glow stays with the pointer.
  await page.mouse.move(5, 5);
  await expect(ring).toHaveCSS('opacity', '0');
});

test('a presenter runs the comparison with a clicker: both sides step together, full width', async ({ page }) => {
  await page.goto('/?compare=1&present=1');
  await expect(page.getByTestId('viz-stage')).toHaveAttribute('data-compare', 'true');
  await expect(page.getByTestId('caption-bar')).toBeVisible();
  const times = page.getByTestId('side-profile');
  await expect(times).toHaveCount(2);
  for (let step = 1; step <= 4; step++) await page.keyboard.press('PageDown');
  await expect.poll(() => nextStep(page)).toBe(4);
  await expect(page.getByTestId('caption')).not.toBeEmpty();
  // The same instant on both sides (the text after the profile names the virtual time).
  const at = async () => (await times.allTextContents()).map((text) => text.split('t =')[1]?.trim());
  await expect.poll(async () => new Set(await at()).size).toBe(1);
  // The two columns share the full width of the window.
  const columns = await page
    .locator('[data-testid^=compare-ws]')
    .evaluateAll((nodes) => nodes.map((node) => node.getBoundingClientRect().width));
  const viewport = page.viewportSize()?.width ?? 0;
  expect(columns).toHaveLength(2);
  expect((columns[0] ?? 0) + (columns[1] ?? 0)).toBeGreaterThan(viewport * 0.85);
  await page.keyboard.press('PageUp');
  await expect.poll(() => nextStep(page)).toBe(3);
});
