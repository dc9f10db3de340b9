/**
 * What-if forks: fork the run at a scenario step with a changed filter, play both futures in lockstep, and read the
 * difference summary; the fork's link opens the same forks and the same summary.
 */
import { readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

const SCENARIO = 'default-queue-fallback.json';
interface Step {
  note?: string;
  traffic?: { name: string; dst: string; count: number };
}
const steps: Step[] = JSON.parse(readFileSync(`public/scenarios/${SCENARIO}`, 'utf8')).steps;
/** The fork point: just before the first traffic step, when VM1's queue (QueueId 1) is running. */
const FORK_AT = steps.findIndex((step) => step.traffic);
/** The flow to a MAC no filter names: the default queue takes it, unless the fork sets a filter for it. */
const unknown = steps.map((step) => step.traffic).find((flow) => flow?.name === 'to an unknown MAC');
if (!unknown) throw new Error(`${SCENARIO} has no flow to an unknown MAC`);
const MAC = unknown.dst;

const deltaOf = (table: Locator, key: string) => table.locator(`tr[data-key="${key}"]`).getByTestId('delta');

async function expectSummary(page: Page) {
  const diff = page.getByTestId('fork-diff-fork1');
  await expect(diff.getByTestId('fork-moved-count')).toHaveText(`${unknown?.count} frames`);
  await expect(diff.getByTestId('fork-moved').getByRole('button')).toHaveCount(unknown?.count ?? 0);
  await expect(diff.getByTestId('fork-moved').getByRole('button').first()).toContainText('QueueId 0 → 1');
  await expect(deltaOf(diff.getByTestId('fork-default-queue'), '0')).toHaveText(`-${unknown?.count}`);
}

test('a fork with a filter set for an unknown MAC moves its frames from the default queue to the VM queue', async ({
  page,
  context,
}) => {
  await page.setViewportSize({ width: 1440, height: 1000 });
  await page.goto(`/?scenario=${SCENARIO}`);
  for (let i = 1; i <= FORK_AT; i++) {
    await page.getByTestId('step-scenario').click();
    await expect(page.getByTestId('step-counter')).toHaveText(`${i} / ${steps.length}`);
  }
  await page.keyboard.press('w');
  const dialog = page.getByTestId('fork-dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByTestId('fork-mac').fill(MAC);
  await dialog.getByTestId('fork-queue').selectOption('1');
  await dialog.getByTestId('fork-confirm').click();
  await expect(dialog).toBeHidden();
  // Play at once: the transport waits until the fork has been replayed to the fork point, then moves every side.
  await page.getByTestId('play-pause').click();
  const fork = page.getByTestId('compare-fork1');
  await expect(fork.getByRole('heading', { level: 2 })).toHaveText(`fork 1: SET_FILTER ${MAC} on QueueId 1`);
  await expect(page.getByTestId('playback-status')).toHaveText('finished', { timeout: 30_000 });
  await expectSummary(page);

  const link = page.url();
  expect(new URL(link).searchParams.has('fork')).toBe(true);
  expect(new URL(link).searchParams.has('compare')).toBe(false);
  const other = await context.newPage();
  await other.setViewportSize({ width: 1440, height: 1000 });
  await other.goto(link);
  await expect(other.getByTestId('compare-fork1').getByRole('heading', { level: 2 })).toHaveText(
    `fork 1: SET_FILTER ${MAC} on QueueId 1`,
  );
  await expect(other.getByTestId('playback-status')).toHaveText('finished', { timeout: 30_000 });
  await expectSummary(other);

  await page.getByTestId('fork-close-fork1').click();
  await expect(page.getByTestId('compare-fork1')).toHaveCount(0);
  await expect(page.getByTestId('fork-summary')).toHaveCount(0);
});
