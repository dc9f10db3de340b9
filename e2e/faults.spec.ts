/**
 * The Drive panel's "Faults & lifecycle" tab: what NDIS does to the adapter (MiniportPause … MiniportHaltEx,
 * NdisCloseAdapterEx), NBL returns per queue, and faults, each a user action the engine applies, Step back undoes,
 * Save as scenario writes as its step, and a share link replays.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { copyLink, expect, openElsewhere, showLowerPanels, test } from './fixtures.ts';

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

const view = (page: Page) => page.evaluate(() => window.vmqE2E?.view() ?? null);

/** Opens `scenario`, runs `steps` of its steps, and shows the tab. */
async function openTab(page: Page, scenario: string, steps = 0) {
  await page.goto(`/?scenario=${scenario}`);
  await expect(page.getByTestId('scenario-title')).toBeVisible();
  for (let i = 0; i < steps; i++) await page.getByTestId('step-scenario').click();
  await expect(page.getByTestId('step-counter')).toContainText(`${steps} /`);
  await showLowerPanels(page);
  await page.getByRole('tab', { name: 'Faults & lifecycle' }).click();
  return page.getByTestId('faults');
}

/** After free-with-outstanding-nbls's first 8 steps, QueueId 1 holds 8 NBLs (the scenario returns by hand). */
const HOLDING = { scenario: 'free-with-outstanding-nbls.json', steps: 8 };

test('MiniportPause from the tab pauses the adapter; the calls follow its reported state; restart by keyboard', async ({
  page,
}) => {
  const faults = await openTab(page, 'vmq-in-a-minute.json');
  const pause = faults.getByTestId('lifecycle-pause');
  const restart = faults.getByTestId('lifecycle-restart');
  await expect(faults.getByTestId('faults-adapter-state')).toHaveText('adapter Running');
  await expect(restart).toBeDisabled();
  await pause.click();
  await expect.poll(async () => (await view(page))?.state).toBe('Paused');
  await expect(faults.getByTestId('faults-adapter-state')).toHaveText('adapter Paused');
  await expect(page.getByTestId('adapter-state')).toContainText('adapter Paused');
  await expect(pause).toBeDisabled();
  await expect(restart).toBeEnabled();
  await expect(restart).toHaveAccessibleDescription('The paused adapter runs again.');

  await restart.focus();
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await view(page))?.state).toBe('Running');
  await expect(faults.getByTestId('faults-adapter-state')).toHaveText('adapter Running');

  // Step back undoes the restart, as any user action.
  await page.getByTestId('step-back').click();
  await expect.poll(async () => (await view(page))?.state).toBe('Paused');
});

test('Return NBLs of one queue gives back that many, oldest first, and only that queue’s', async ({ page }) => {
  const faults = await openTab(page, HOLDING.scenario, HOLDING.steps);
  const held = async (queueId: number) =>
    (await view(page))?.queues.find((q) => q.QueueId === queueId)?.outstandingNbls;
  expect(await held(1)).toBe(8);
  const queue = faults.getByLabel('QueueId').first();
  await expect(queue.locator('option')).toHaveText(['every queue', 'QueueId 1 · VM1 · 8 NBLs held']);
  await queue.selectOption('1');
  await faults.getByLabel('count').fill('3');
  await faults.getByTestId('faults-return-count').click();
  await expect.poll(() => held(1)).toBe(5);
  await expect(queue.locator('option').nth(1)).toHaveText('QueueId 1 · VM1 · 5 NBLs held');
  await faults.getByTestId('faults-return-all').click();
  await expect.poll(() => held(1)).toBe(0);
  await expect(faults.getByTestId('no-nbls-held')).toBeVisible();
});

test('NdisCloseAdapterEx with a queue left: R41, NDIS frees it, and the binding leaves the list', async ({ page }) => {
  const faults = await openTab(page, HOLDING.scenario, HOLDING.steps);
  const close = faults.getByRole('button', { name: 'NdisCloseAdapterEx: close the binding vmswitch' });
  await expect(close).toHaveAccessibleDescription(/NDIS aborts the binding’s pending requests/);
  await close.click();
  await expect.poll(async () => (await view(page))?.violations.map((v) => v.rule)).toContain('R41');
  await expect(faults.getByTestId('binding-row')).toHaveCount(0);
  await expect(faults).toContainText('Every binding is closed.');
  // NDIS's own FREE_QUEUE gives the NBLs back and frees the queue (the engine decides; the page shows it).
  await expect
    .poll(async () => (await view(page))?.queues.some((q) => q.QueueId === 1 && q.state !== 'Undefined'))
    .toBe(false);
});

test('a fault and a lifecycle call are saved as their steps, and a share link replays them', async ({
  page,
  browser,
}, testInfo) => {
  const faults = await openTab(page, HOLDING.scenario, HOLDING.steps);
  await faults.getByLabel('QueueId').nth(1).selectOption('1');
  await faults.getByTestId('withhold-nbls').click();
  await faults.getByTestId('lifecycle-pause').click();
  await expect.poll(async () => (await view(page))?.state).toBe('Paused');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('save-as-scenario').click()]);
  const file = testInfo.outputPath(download.suggestedFilename());
  await download.saveAs(file);
  const steps = (JSON.parse(readFileSync(file, 'utf8')) as { steps: Record<string, unknown>[] }).steps;
  expect(steps.filter((step) => 'fault' in step || 'adapter' in step)).toEqual([
    { fault: { withholdNbls: { QueueId: 1 } } },
    { adapter: 'pause' },
  ]);

  const link = await copyLink(page);
  expect(new URL(link).searchParams.get('acts')).not.toBeNull();
  const other = await openElsewhere(browser, link);
  await expect.poll(async () => (await view(other))?.state).toBe('Paused');
  expect(await view(other)).toEqual(await view(page));
  await expect(other.getByTestId('load-problem')).toHaveCount(0);
});
