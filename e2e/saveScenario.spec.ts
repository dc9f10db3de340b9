/**
 * A user's own session on top of a scenario: their first request detaches the scenario's remaining steps (so Play
 * cannot run them on top), and "Save as scenario" downloads what happened as a file that `vmq run` accepts and
 * that replays to the same adapter.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import type { AdapterView } from '../src/engine/types.ts';
import { parseScenario } from '../src/scenario/parse.ts';
import { createScenarioSession } from '../src/scenario/session.ts';
import { expect, SCREENS_DIR, showLowerPanels, test } from './fixtures.ts';

const view = (page: Page) => page.evaluate(() => window.vmqE2E?.view() ?? null);
const stats = (page: Page) => page.evaluate(() => window.vmqE2E?.stats() ?? null);

async function sendOid(page: Page, oid: string) {
  await page.getByTestId('oid-select').selectOption(oid);
  await page.getByTestId('oid-send').click();
  await expect(page.getByTestId('oid-answer').getByTestId('status-name')).toHaveText('NDIS_STATUS_SUCCESS');
}

/** The engine's own answer, headless: the saved file's steps run (vmq run then settles; the saved moment is this). */
function replayed(text: string): AdapterView {
  const parsed = parseScenario(text);
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
  const session = createScenarioSession(parsed.scenario);
  while (!session.done) session.runNextStep();
  return session.engine.view();
}

test('a request on top of the default story detaches its steps; Save as scenario downloads a file vmq run replays', async ({
  page,
}, testInfo) => {
  await page.goto('/');
  await expect(page.getByTestId('scenario-title')).toHaveText('VMQ in a minute');
  const stepCount = (await stats(page))?.stepCount ?? 0;
  await page.getByTestId('step-scenario').click();
  await expect(page.getByTestId('step-counter')).toHaveText(`1 / ${stepCount}`);

  await showLowerPanels(page);
  await sendOid(page, 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE');
  const notice = page.getByTestId('detached-notice');
  await expect(notice).toContainText(`remaining ${stepCount - 1} steps will not run`);
  await page.screenshot({ path: `${SCREENS_DIR}/detached-notice.png` });

  // Discarded, the steps stay unrun; with nothing scheduled there is nothing to play, and no story to replay over
  // what the user did.
  await page.getByTestId('detached-discard').click();
  await expect(notice).toBeHidden();
  await expect(page.getByTestId('step-detached')).toBeVisible();
  await expect(page.getByTestId('play-pause')).toBeDisabled();
  await expect(page.getByTestId('play-pause')).toHaveText('Play');
  await expect(page.getByTestId('playback-status')).toHaveText('idle');
  await page.keyboard.press('Space');
  await expect(page.getByTestId('step-counter')).toHaveText(`1 / ${stepCount}`);
  expect((await view(page))?.queues.map((q) => q.QueueId)).toEqual([0, 1]);

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('save-as-scenario').click()]);
  expect(download.suggestedFilename()).toBe('vmq-in-a-minute-session.json');
  const file = testInfo.outputPath(download.suggestedFilename());
  await download.saveAs(file);
  await expect(page.getByTestId('save-notice')).toContainText('vmq-in-a-minute-session.json');
  await expect(page.getByTestId('save-problems')).toHaveCount(0);

  const text = readFileSync(file, 'utf8');
  const saved = await view(page);
  expect(replayed(text)).toEqual(saved);
  // The CLI accepts it, and its closing expectation of the whole adapter holds (a failed check exits non-zero).
  const out = execFileSync('node', ['bin/vmq.mjs', 'run', '--quiet', file], { encoding: 'utf8' });
  expect(out).not.toMatch(/FAIL/);
});

test('Keep them runs the detached steps on top of what the user did', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('scenario-title')).toHaveText('VMQ in a minute');
  const stepCount = (await stats(page))?.stepCount ?? 0;
  await showLowerPanels(page);
  await sendOid(page, 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE');
  await page.getByTestId('detached-keep').click();
  await expect(page.getByTestId('detached-notice')).toBeHidden();
  await expect(page.getByTestId('step-detached')).toBeHidden();
  await page.getByTestId('step-scenario').click();
  await expect(page.getByTestId('step-counter')).toHaveText(`1 / ${stepCount}`);
});

test('a Query changes nothing, so it leaves the scenario attached', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('scenario-title')).toHaveText('VMQ in a minute');
  await showLowerPanels(page);
  await sendOid(page, 'OID_RECEIVE_FILTER_HARDWARE_CAPABILITIES');
  await expect.poll(async () => (await stats(page))?.eventCount).toBeGreaterThan(1);
  await expect(page.getByTestId('detached-notice')).toBeHidden();
  expect((await stats(page))?.detachedSteps).toBe(0);
});
