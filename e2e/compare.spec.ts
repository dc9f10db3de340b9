/**
 * Compare mode: the same scenario on Windows Server 2008 R2 and 2012 in lockstep. The memory maps must diverge
 * exactly where §7 says: guest-memory post-lookahead buffers on 2008 R2, none on 2012.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, SCREENS_DIR, test } from './fixtures.ts';

/** The split scenario's step count, as the step counter shows it. */
const SPLIT_STEPS: number = JSON.parse(readFileSync('public/scenarios/lookahead-split-2008r2.json', 'utf8')).steps
  .length;

const side = (page: Page, profile: 'ws2008r2' | 'ws2012') => page.getByTestId(`compare-${profile}`);
const postLookahead = '[data-testid=memory-block][data-usage=NdisSharedMemoryUsageReceivePostLookahead]';

async function stepTo(page: Page, index: number, total: number) {
  await page.getByTestId('step-scenario').click();
  await expect(page.getByTestId('step-counter')).toHaveText(`${index} / ${total}`);
}

test('?compare=1 runs the split scenario on both versions: post-lookahead buffers in guest memory on 2008 R2 only', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1600, height: 1200 });
  await page.goto('/?compare=1');
  await expect(page.getByTestId('scenario-title')).toHaveText('Windows Server 2008 R2: the lookahead split');
  await expect(page.getByTestId('viz-stage')).toHaveAttribute('data-compare', 'true');
  expect(page.workers().length).toBe(2);
  await expect(side(page, 'ws2008r2').getByTestId('side-profile')).toContainText('ws2008r2 · NDIS 6.20');
  await expect(side(page, 'ws2012').getByTestId('side-profile')).toContainText('ws2012 · NDIS 6.30');
  await expect(side(page, 'ws2008r2').getByTestId('compare-headline')).toHaveText(
    '2008 R2: headers → host memory, payload → guest memory',
  );
  await expect(side(page, 'ws2012').getByTestId('compare-headline')).toHaveText(
    '2012: every buffer in host memory; the switch copies into the VM',
  );
  await page.getByTestId('compare-why').click(); // the longer caption is one click away
  await expect(page.getByTestId('compare-changes')).toContainText('LOOKAHEAD_SPLIT_REQUIRED');

  for (let i = 1; i <= 5; i++) await stepTo(page, i, SPLIT_STEPS); // allocate, filter, QUEUE_ALLOCATION_COMPLETE
  const left = side(page, 'ws2008r2');
  const right = side(page, 'ws2012');
  await expect(left.locator(postLookahead)).toHaveCount(1);
  await expect(left.locator(postLookahead)).toHaveAttribute('data-space', 'VM1');
  await expect(right.locator(postLookahead)).toHaveCount(0);
  await expect(right.locator('[data-testid=memory-block]:not([data-space=management-os])')).toHaveCount(0);
  await expect(right.getByTestId('memory-lane-empty')).toContainText("No receive buffers in VM1's memory");

  // Into the traffic, in lockstep: both sides at the same virtual time with the same frames in queue 1.
  for (let i = 6; i <= 9; i++) await stepTo(page, i, SPLIT_STEPS);
  for (let i = 0; i < 12; i++) await page.getByTestId('step-instant').click();
  await expect(page.getByTestId('sim-time')).toHaveText('16.000 µs');
  const classified = (column: typeof left) =>
    column.locator('[data-testid=diagram-queue][data-queue-id="1"]').getByTestId('diagram-queue-classified');
  await expect(classified(left)).not.toHaveText('0');
  await expect(classified(right)).toHaveText((await classified(left).textContent()) ?? '');
  await expect(right.getByTestId('side-profile')).toContainText('16.000 µs');
  await expect(left.getByTestId('frame-anatomy')).toHaveAttribute('data-split', 'true');
  await expect(right.getByTestId('frame-anatomy')).toHaveAttribute('data-split', 'false');
  await page.getByTestId('viz-stage').screenshot({ path: `${SCREENS_DIR}/compare.png` });

  await page.getByTestId('theme-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.getByTestId('viz-stage').screenshot({ path: `${SCREENS_DIR}/compare-dark.png` });
  await page.getByTestId('theme-toggle').click();
});

test('the toggle enters and leaves compare mode, keeping the scenario, and the URL follows', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('scenario-title')).toHaveText('VMQ in a minute');
  await expect(page.getByTestId('viz-stage')).toHaveAttribute('data-compare', 'false');

  await page.getByTestId('compare-toggle').click();
  // A 2012 scenario asks for no split: the toggle first offers the one that does; this time keep the current one.
  await expect(page.getByTestId('compare-offer')).toContainText('asks for no lookahead split');
  await page.getByTestId('compare-offer-keep').click();
  await expect(page.getByTestId('viz-stage')).toHaveAttribute('data-compare', 'true');
  await expect(page).toHaveURL(/[?&]compare=1/);
  await expect(page.getByTestId('scenario-title')).toHaveText('VMQ in a minute');
  await expect(side(page, 'ws2008r2').getByTestId('side-profile')).toContainText('ws2008r2');
  // A 2012 scenario asks for no split, so both sides would look alike: the caption says so and offers the one that does.
  await expect(page.getByTestId('compare-no-split')).toBeVisible();
  await page.getByTestId('compare-no-split').getByRole('button').click();
  await expect(page.getByTestId('scenario-title')).toHaveText('Windows Server 2008 R2: the lookahead split');
  await expect(page.getByTestId('compare-no-split')).toHaveCount(0);

  await page.getByTestId('compare-toggle').click();
  await expect(page.getByTestId('viz-stage')).toHaveAttribute('data-compare', 'false');
  await expect(page).not.toHaveURL(/compare=1/);
  await expect(page.getByTestId('scenario-title')).toHaveText('Windows Server 2008 R2: the lookahead split');
  await expect(page.getByTestId('side-profile')).toContainText('ws2008r2');
});

test('from the default story, accepting the offer shows guest post-lookahead blocks in the first 1080 px at 1920', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto('/');
  await expect(page.getByTestId('scenario-title')).toHaveText('VMQ in a minute');
  await page.getByTestId('compare-toggle').click();
  await page.getByTestId('compare-offer-split').click();
  await expect(page.getByTestId('scenario-title')).toHaveText('Windows Server 2008 R2: the lookahead split');
  await expect(page.getByTestId('viz-stage')).toHaveAttribute('data-compare', 'true');
  for (let i = 1; i <= 5; i++) await stepTo(page, i, SPLIT_STEPS); // allocate, filter, QUEUE_ALLOCATION_COMPLETE
  const guest = side(page, 'ws2008r2').locator(`${postLookahead}[data-space=VM1]`);
  await expect(guest).toHaveCount(1);
  const box = await guest.boundingBox();
  expect(box && box.y + box.height).toBeLessThanOrEqual(1080);
  // The 2012 side's map is level with it, so the two can be read across.
  const other = await side(page, 'ws2012').getByTestId('memory-map').boundingBox();
  const left = await side(page, 'ws2008r2').getByTestId('memory-map').boundingBox();
  expect(other?.y).toBe(left?.y);
  await page.screenshot({ path: `${SCREENS_DIR}/compare-1920.png` });
});

test('in compare mode the inspector shows the side a queue or a frame was picked on, not the other side', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1600, height: 1200 });
  await page.goto('/?compare=1');
  await expect(page.getByTestId('scenario-title')).toHaveText('Windows Server 2008 R2: the lookahead split');
  for (let i = 1; i <= 9; i++) await stepTo(page, i, SPLIT_STEPS);
  for (let i = 0; i < 12; i++) await page.getByTestId('step-instant').click();
  await expect(page.getByTestId('sim-time')).toHaveText('16.000 µs');

  const inspector = page.getByTestId('inspector');
  const postLookaheadUsage = 'NdisSharedMemoryUsageReceivePostLookahead';
  const sides = [
    { profile: 'ws2008r2', label: 'Windows Server 2008 R2', split: true },
    { profile: 'ws2012', label: 'Windows Server 2012', split: false },
  ] as const;

  // The same QueueId on each side is that side's queue: guest-memory post-lookahead buffers on 2008 R2 only.
  for (const { profile, label, split } of sides) {
    const queue = side(page, profile).locator('[data-testid=diagram-queue][data-queue-id="1"]');
    await queue.click();
    await expect(queue.getByRole('button')).toHaveAttribute('aria-pressed', 'true');
    await expect(inspector.getByTestId('inspector-side')).toHaveText(label);
    await expect(inspector.getByTestId('inspect-queue')).toHaveAttribute('data-queue-id', '1');
    const memory = inspector.getByTestId('inspect-queue').getByText(postLookaheadUsage);
    await expect(memory).toHaveCount(split ? 1 : 0);
  }
  // Only the side the selection names highlights its queue.
  await expect(
    side(page, 'ws2008r2').locator('[data-testid=diagram-queue][data-queue-id="1"]').getByRole('button'),
  ).toHaveAttribute('aria-pressed', 'false');

  // The same frame on each side: DMA'd in two halves on 2008 R2, into one host buffer on 2012.
  for (const { profile, label, split } of sides) {
    const frame = side(page, profile).getByTestId('frame-anatomy-frame');
    const frameId = ((await frame.textContent()) ?? '').replace('Frame ', '');
    await frame.click();
    await expect(inspector.getByTestId('inspector-side')).toHaveText(label);
    await expect(inspector.getByTestId('inspect-frame')).toHaveAttribute('data-frame-id', frameId);
    await expect(inspector.getByTestId('inspect-frame').getByText(postLookaheadUsage)).toHaveCount(split ? 1 : 0);
  }
});
