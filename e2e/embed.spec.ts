/**
 * The embedded player (issue 10 §2, docs/present-and-embed.md) in an <iframe> on another page, as a slide or a
 * document holds it: it fits the frame without scrollbars at 640×360 and tall and narrow, plays and steps, and shows
 * the narration; "Embed" copies an <iframe> snippet that opens the same moment in the player.
 */
import type { Frame, Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

const HOST = '/embedding-host.html';

/** Serves a page of someone else's holding `body` (the preview server has no such page). */
async function hostPage(page: Page, body: string): Promise<Frame> {
  await page.route(`**${HOST}`, (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><html><head><title>Slides</title></head><body style="margin:24px">${body}</body></html>`,
    }),
  );
  await page.goto(HOST);
  const element = await page.waitForSelector('iframe');
  const frame = await element.contentFrame();
  if (!frame) throw new Error('the iframe has no frame');
  await frame.waitForSelector('[data-testid=embed-player]');
  return frame;
}

/** Whether the player's document scrolls either way, and whether its drawing lies inside the frame. */
const fits = (frame: Frame) =>
  frame.evaluate(() => {
    const root = document.documentElement;
    const drawing = document.querySelector('[data-testid=fit-frame] > div')?.getBoundingClientRect();
    return {
      scrolls: root.scrollWidth > root.clientWidth || root.scrollHeight > root.clientHeight,
      inside:
        !!drawing &&
        drawing.left >= -0.5 &&
        drawing.top >= -0.5 &&
        drawing.right <= root.clientWidth + 0.5 &&
        drawing.bottom <= root.clientHeight + 0.5,
    };
  });

for (const [width, height] of [
  [640, 360],
  [360, 640],
]) {
  test(`the player fits a ${width}×${height} iframe without scrollbars, plays, steps and narrates`, async ({
    page,
  }) => {
    const frame = await hostPage(
      page,
      `<iframe src="/?scenario=vmq-in-a-minute.json&embed=1" width="${width}" height="${height}" style="border:0" title="VMQ"></iframe>`,
    );
    const player = frame.getByTestId('embed-player');
    await expect(player.getByTestId('step-counter')).toHaveText('0 / 22');
    // Chromeless: no header, no dock, no timeline.
    await expect(frame.locator('header')).toHaveCount(0);
    await expect(frame.getByTestId('dock')).toHaveCount(0);
    await expect(frame.getByTestId('adapter-diagram')).toBeVisible();
    await expect.poll(() => fits(frame)).toEqual({ scrolls: false, inside: true });

    for (let step = 1; step <= 4; step++) {
      await player.getByTestId('step-scenario').click();
      await expect(player.getByTestId('step-counter')).toHaveText(`${step} / 22`);
    }
    // The narration line says what the story's latest note says, as the whole page does.
    await expect(player.getByTestId('narration')).toHaveText(/filter steers frames/);
    await player.getByTestId('step-back').click();
    await expect(player.getByTestId('step-counter')).toHaveText('3 / 22');

    await player.getByTestId('play-pause').click();
    await expect(player.getByTestId('play-pause')).toHaveText('Pause');
    await expect.poll(() => frame.evaluate(() => window.vmqE2E?.stats()?.nextStepIndex)).toBeGreaterThan(3);
    await player.getByTestId('play-pause').click();
    await expect(player.getByTestId('play-pause')).toHaveText('Play');
    await expect.poll(() => fits(frame)).toEqual({ scrolls: false, inside: true });

    // Once it has focus, a clicker drives the player too.
    await player.getByTestId('step-counter').click();
    const at = (await frame.evaluate(() => window.vmqE2E?.stats()?.nextStepIndex)) ?? 0;
    await page.keyboard.press('PageDown');
    await expect.poll(() => frame.evaluate(() => window.vmqE2E?.stats()?.nextStepIndex)).toBe(at + 1);
    await page.keyboard.press('PageUp');
    await expect.poll(() => frame.evaluate(() => window.vmqE2E?.stats()?.nextStepIndex)).toBe(at);
  });
}

test('the memory map as the player: view=memory', async ({ page }) => {
  const frame = await hostPage(
    page,
    '<iframe src="/?scenario=vmq-in-a-minute.json&embed=1&view=memory" width="640" height="360" title="VMQ"></iframe>',
  );
  await expect(frame.getByTestId('memory-map')).toBeVisible();
  await expect(frame.getByTestId('adapter-diagram')).toHaveCount(0);
  await expect.poll(() => fits(frame)).toEqual({ scrolls: false, inside: true });
});

test('"Embed" copies an iframe of this moment, and the snippet works on another page', async ({ page }) => {
  await page.goto('/?scenario=vmq-in-a-minute.json');
  await expect(page.getByTestId('scenario-title')).toHaveText('VMQ in a minute');
  for (let i = 0; i < 5; i++) await page.keyboard.press('Shift+ArrowRight');
  await expect(page.getByTestId('step-counter')).toHaveText('5 / 22');
  await page.getByTestId('copy-embed').click();
  await expect(page.getByTestId('copied-link')).toContainText('Embed code copied');
  const snippet = await page.evaluate(() => navigator.clipboard.readText());
  await expect(page.getByTestId('embed-code')).toHaveValue(snippet);
  expect(snippet).toMatch(/^<iframe src="[^"]+" width="640" height="360" title="VMQ Playground: VMQ in a minute"/);
  const src = new URL((/src="([^"]+)"/.exec(snippet)?.[1] ?? '').replace(/&amp;/g, '&'));
  expect(src.searchParams.get('embed')).toBe('1');
  expect(src.searchParams.get('scenario')).toBe('vmq-in-a-minute.json');

  // The memory map instead: the code follows the choice.
  await page.getByTestId('embed-view-memory').click();
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toContain('view=memory');
  await page.getByTestId('embed-view-diagram').click();
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(snippet);

  const other = await (await page.context().browser()?.newContext())?.newPage();
  if (!other) throw new Error('no second page');
  const frame = await hostPage(other, snippet);
  await expect(frame.getByTestId('step-counter')).toHaveText('5 / 22');
  await expect.poll(() => fits(frame)).toEqual({ scrolls: false, inside: true });
  await expect(frame.getByTestId('narration')).not.toBeEmpty();
});
