/**
 * Time travel and the views of the trace: step back restores the engine exactly, the scrubber seeks, the event log
 * filters, and a mark on the timeline selects its event.
 */
import type { Page } from '@playwright/test';
import { expect, SCREENS_DIR, showLowerPanels, test } from './fixtures.ts';

/** What one step can change: the step index, the events produced, virtual time. */
const progress = (page: Page) =>
  page.evaluate(() => {
    const stats = window.vmqE2E?.stats();
    return `${stats?.nextStepIndex}/${stats?.eventCount}/${window.vmqE2E?.simTimeNs()}`;
  });

/** Runs `act` and waits until the page shows its effect. */
async function settle(page: Page, act: () => Promise<void>) {
  const before = await progress(page);
  await act();
  await expect.poll(() => progress(page)).not.toBe(before);
}

const view = (page: Page) => page.evaluate(() => window.vmqE2E?.view());

test('step back restores the exact earlier state: counters, queue states and the memory map', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('scenario-title')).toHaveText('VMQ in a minute');
  // Allocation, filters and QUEUE_ALLOCATION_COMPLETE (the memory map fills), the flows start; then into the
  // traffic instant by instant: frames arrive, DPCs indicate, NBLs come back.
  const seen = [await view(page)];
  for (let i = 0; i < 13; i++) {
    await settle(page, () => page.getByTestId('step-scenario').click());
    seen.push(await view(page));
  }
  for (let i = 0; i < 8; i++) {
    await settle(page, () => page.getByTestId('step-instant').click());
    seen.push(await view(page));
  }
  expect(seen.at(-1)?.totals.indicated).toBeGreaterThan(0);
  expect(seen.at(-1)?.memory.length).toBeGreaterThan(seen[0]?.memory.length ?? 0);
  await page.screenshot({ path: `${SCREENS_DIR}/before-step-back.png`, fullPage: true });

  for (let i = seen.length - 2; i >= 0; i--) {
    // Half of them from the keyboard: ← is Step back.
    await settle(page, () => (i % 2 === 0 ? page.keyboard.press('ArrowLeft') : page.getByTestId('step-back').click()));
    const restored = await view(page);
    expect(restored?.queues).toEqual(seen[i]?.queues);
    expect(restored?.memory).toEqual(seen[i]?.memory);
    expect(restored).toEqual(seen[i]);
    if (i === 13) {
      // Back before the traffic: the page shows the restored counters, not the ones it had a moment ago.
      const row = page.locator('[data-testid=queue-row][data-queue-id="1"]');
      await expect(row.getByTestId('queue-state')).toHaveText('Running');
      await expect(page.getByTestId('adapter-totals')).toContainText('arrived 0 · indicated 0');
    }
  }
  await expect(page.getByTestId('step-counter')).toHaveText('0 / 22');
  await expect(page.getByTestId('queue-row')).toHaveCount(1);
});

test('the scrubber seeks back and forth through virtual time', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('scenario-title')).toHaveText('VMQ in a minute');
  const scrubber = page.getByTestId('scrubber');
  await expect(scrubber).toHaveAttribute('max', '150000');
  await settle(page, () => scrubber.fill('60000'));
  await expect(page.getByTestId('sim-time')).toHaveText('60.000 µs');
  const at60 = await view(page);
  expect(at60?.totals.arrived).toBe(48);
  await settle(page, () => scrubber.fill('10000'));
  await expect(page.getByTestId('sim-time')).toHaveText('10.000 µs');
  expect((await view(page))?.totals.arrived).toBeLessThan(48);
  await settle(page, () => scrubber.fill('60000'));
  expect(await view(page)).toEqual(at60);
  await page.getByTestId('timeline').screenshot({ path: `${SCREENS_DIR}/timeline.png` });
});

test('the event log filters by kind, queue and VM, and a mark on the timeline selects its event', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('scenario-title')).toHaveText('VMQ in a minute');
  await showLowerPanels(page);
  await settle(page, () => page.getByTestId('scrubber').fill('150000'));

  const rows = page.getByTestId('trace-row');
  await page.getByTestId('log-kind-frame').click();
  await page.getByTestId('log-kind-nbl').click();
  await expect(page.getByTestId('trace-count')).toContainText(' of ');
  await expect(rows.and(page.locator('[data-kind^=frame-]'))).toHaveCount(0);
  await page.getByTestId('log-queue').selectOption('2');
  await page.getByTestId('trace').evaluate((node) => {
    node.scrollTop = 0;
  });
  await expect(rows.and(page.locator('[data-kind=status-indicated]'))).toHaveCount(1); // the DmaStopped of FREE_QUEUE
  await page.getByTestId('log-queue').selectOption('');
  await page.getByTestId('log-vm').selectOption('VM2');
  await rows.and(page.locator('[data-kind=status-indicated]')).click();
  await expect(page.getByTestId('inspect-event')).toContainText(
    'NDIS_STATUS_RECEIVE_QUEUE_STATE QueueId=2 NdisReceiveQueueOperationalStateDmaStopped',
  );
  await expect(page.getByTestId('inspect-queue')).toHaveAttribute('data-queue-id', '2');
  await page.screenshot({ path: `${SCREENS_DIR}/event-log-filtered.png`, fullPage: true });

  // The first OID answers sit at t = 0 in the OID row; pointing names them, clicking selects the first.
  await page.getByTestId('timeline').getByTestId('panel-toggle').click(); // the strip opens to its lanes
  const plot = page.getByTestId('timeline-plot');
  await plot.scrollIntoViewIfNeeded();
  const box = await plot.boundingBox();
  if (!box) throw new Error('the timeline has no box');
  await page.mouse.move(box.x + 134, box.y + 13);
  await expect(page.getByTestId('timeline-tooltip')).toContainText(
    '#1 OID_RECEIVE_FILTER_ALLOCATE_QUEUE → NDIS_STATUS_SUCCESS',
  );
  await expect(page.getByTestId('timeline-tooltip')).toContainText('#5 OID_RECEIVE_FILTER_QUEUE_ALLOCATION_COMPLETE');
  await page.getByTestId('timeline').screenshot({ path: `${SCREENS_DIR}/timeline-tooltip.png` });
  await page.mouse.click(box.x + 134, box.y + 13);
  await expect(page.getByTestId('inspect-event')).toHaveAttribute('data-kind', 'oid-completed');
  await expect(page.getByTestId('inspect-event').getByTestId('status-name')).toHaveText('NDIS_STATUS_SUCCESS');
  await expect(page.getByTestId('timeline-selected')).toHaveCount(1);
  await page.getByTestId('timeline').screenshot({ path: `${SCREENS_DIR}/timeline-selected.png` });
});

test("a frame's inspector shows the engine's reasons: which queue took it, and why each other did not", async ({
  page,
}) => {
  await page.goto('/');
  await expect(page.getByTestId('scenario-title')).toHaveText('VMQ in a minute');
  await showLowerPanels(page);
  await settle(page, () => page.getByTestId('scrubber').fill('150000'));
  await page.getByTestId('log-vm').selectOption('VM1');
  await page.getByTestId('trace-row').and(page.locator('[data-kind=frame-classified]')).last().click();
  const verdicts = page.getByTestId('inspect-frame').getByTestId('frame-verdicts');
  await expect(verdicts.locator('[data-takes=true]')).toHaveCount(1);
  await expect(verdicts.locator('[data-takes=true]')).toContainText('matches: destination 00-15-5D-00-00-01');
  await expect(verdicts.locator('[data-queue-id="0"]')).toContainText(
    'the default queue takes only frames no filter matched',
  );
  await page.getByTestId('inspector').screenshot({ path: `${SCREENS_DIR}/inspector-frame.png` });
});
