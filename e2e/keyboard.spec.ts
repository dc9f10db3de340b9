/**
 * The page with the keyboard alone (issue 12): a queue's whole life driven from the OID console and the traffic
 * generator, then the diagram walked to the freed queue's history; every selectable part of the drawings, the
 * timeline, the log and the findings reached with Tab and the arrows, ringed, and opened with Enter.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, showLowerPanels, test } from './fixtures.ts';

/** Presses Tab until `target` has the focus (it must be reachable, in the page's own order). */
async function tabTo(page: Page, target: Locator, { back = false, most = 400 } = {}) {
  for (let i = 0; i < most; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`Tab never reached ${target}`);
}

/** Arrow presses until `target` has the focus, failing after `most`. */
async function arrowTo(page: Page, key: string, target: Locator, most = 12) {
  for (let i = 0; i < most; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press(key);
  }
  await expect(target).toBeFocused();
}

const focusRing = (target: Locator) => target.evaluate((el) => getComputedStyle(el).strokeWidth);

const BLANK = {
  format: 'vmq-scenario',
  version: 1,
  title: 'Console playground',
  adapter: { profile: 'ws2012' },
  vms: [{ name: 'VM1', mac: '00-15-5D-00-00-01', vlan: 10 }],
  steps: [{ advance: '1ms' }],
};

test('a queue allocated, filtered, completed, fed and freed from the keyboard alone, then found in its history', async ({
  page,
}) => {
  test.setTimeout(120_000); // hundreds of key presses, each waited for
  await page.route('**/scenarios/console-playground.json', (route) =>
    route.fulfill({ contentType: 'application/json', body: JSON.stringify(BLANK) }),
  );
  await page.goto('/?scenario=console-playground.json');
  await expect(page.getByTestId('scenario-title')).toHaveText('Console playground');
  await showLowerPanels(page);
  const select = page.getByTestId('oid-select');
  const status = page.getByTestId('oid-answer').getByTestId('status-name');
  const send = async (oid: string, expected: string) => {
    await tabTo(page, select);
    await select.selectOption(oid); // a focused <select> takes its option from the keyboard
    await tabTo(page, page.getByTestId('oid-send'));
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('oid-answer')).toContainText(oid);
    await expect(status).toHaveText(expected);
  };
  await send('OID_RECEIVE_FILTER_ALLOCATE_QUEUE', 'NDIS_STATUS_SUCCESS');
  await send('OID_RECEIVE_FILTER_SET_FILTER', 'NDIS_STATUS_SUCCESS');
  await send('OID_RECEIVE_FILTER_QUEUE_ALLOCATION_COMPLETE', 'NDIS_STATUS_SUCCESS');

  // The tabs are one stop: Tab reaches the chosen one, the arrows the others.
  await tabTo(page, page.getByTestId('tab-console'), { back: true });
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('tab-traffic')).toBeFocused();
  await page.keyboard.press('Enter');
  await tabTo(page, page.getByTestId('traffic-count'));
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('20');
  await tabTo(page, page.getByTestId('traffic-start'));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('flows-sending').getByTestId('flow')).toContainText('UI to VM1');
  await tabTo(page, page.getByTestId('step-scenario'), { back: true });
  await page.keyboard.press('Enter'); // the 1 ms advance: every frame arrives, is indicated and returned
  await expect(page.getByTestId('flows-ended').getByTestId('flow')).toContainText('sent 20');

  await tabTo(page, page.getByTestId('tab-traffic'));
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('tab-console')).toBeFocused();
  await page.keyboard.press('Enter');
  await send('OID_RECEIVE_FILTER_CLEAR_FILTER', 'NDIS_STATUS_SUCCESS');
  await send('OID_RECEIVE_FILTER_FREE_QUEUE', 'NDIS_STATUS_SUCCESS');
  await expect.poll(() => page.evaluate(() => window.vmqE2E?.view()?.queues.length)).toBe(1);

  // Into the diagram (one Tab stop), across to the switch's FREE_QUEUE request, and open it.
  await page.evaluate(() => window.scrollTo(0, 0));
  const diagram = page.getByTestId('adapter-diagram');
  await tabTo(page, diagram.locator('[data-roving-key][tabindex="0"]'), { back: true });
  const freeRequest = diagram.locator('[data-testid=switch-oid][data-request-id="5"]').getByRole('button');
  for (const key of ['ArrowRight', 'ArrowRight', 'ArrowRight', 'End']) {
    if (await freeRequest.evaluate((el) => el === document.activeElement)) break;
    await page.keyboard.press(key);
  }
  await arrowTo(page, 'ArrowUp', freeRequest);
  await expect(freeRequest).toHaveAttribute('aria-label', /OID_RECEIVE_FILTER_FREE_QUEUE: NDIS_STATUS_SUCCESS/);
  await page.keyboard.press('Enter');
  const inspector = page.getByTestId('inspector');
  await expect(inspector).toContainText('OID_RECEIVE_FILTER_FREE_QUEUE');
  // The request shows the queue it freed, whose history tells its whole life.
  await expect(inspector.getByTestId('inspect-queue')).toHaveAttribute('data-queue-id', '1');
  await expect(inspector.getByTestId('inspect-queue')).toContainText('QueueId 1 is not allocated now');
  const history = inspector.getByTestId('queue-history');
  for (const state of ['Allocated', 'Set', 'Running', 'Paused', 'StopDma', 'Freeing'])
    await expect(history).toContainText(state);
});

test('every selectable part of the diagram is one Tab stop away, ringed, and Enter opens it', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('scenario-title')).toHaveText('VMQ in a minute');
  for (let i = 1; i <= 12; i++) await page.getByTestId('step-scenario').click();
  const diagram = page.getByTestId('adapter-diagram');
  const stops = diagram.locator('[data-roving-key][tabindex="0"]');
  await expect(stops).toHaveCount(1); // one Tab stop for the whole drawing
  await tabTo(page, stops);
  const filter = diagram.locator('[data-testid=diagram-filter][data-filter-id="1"]').getByRole('button');
  const queue1 = diagram.locator('[data-testid=diagram-queue][data-queue-id="1"]').getByRole('button');
  const defaultQueue = diagram.locator('[data-testid=diagram-queue][data-queue-id="0"]').getByRole('button');
  const cpu1 = diagram.locator('[data-testid=diagram-cpu][data-cpu="1"]').getByRole('button');
  await page.keyboard.press('Home');
  await expect(filter).toBeFocused();
  expect(await focusRing(filter)).toBe('3px');
  await arrowTo(page, 'ArrowRight', defaultQueue);
  await arrowTo(page, 'ArrowDown', queue1);
  // The arrows are the drawing's: they did not step the simulation.
  await expect(page.getByTestId('step-counter')).toHaveText('12 / 22');
  await arrowTo(page, 'ArrowRight', cpu1);
  await expect(cpu1).toHaveAttribute('aria-label', 'CPU 1 DPC: runs the DPC of queue 1');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('inspect-queue')).toHaveAttribute('data-queue-id', '1');
  await arrowTo(page, 'ArrowLeft', queue1);
  await arrowTo(page, 'ArrowUp', defaultQueue);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('inspect-queue')).toHaveAttribute('data-queue-id', '0');
  // Tab again comes back to where the reader left the drawing.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Shift+Tab');
  await expect(defaultQueue).toBeFocused();

  // The memory map: its blocks are one stop too.
  const memory = page.getByTestId('memory-map');
  await tabTo(page, memory.locator('[data-roving-key][tabindex="0"]'));
  await page.keyboard.press('End');
  const last = memory.locator('[data-roving-key]').last();
  await expect(last).toBeFocused();
  expect(await focusRing(last)).toBe('3px');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('memory-block-why')).toBeVisible();
});

test.describe('with motion', () => {
  // Reduced motion (the suite's default) animates no frames at all.
  test.use({ reducedMotion: 'no-preference' });

  test('paused, the frames in flight can be reached and opened; playing, they are not in the way', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByTestId('scenario-title')).toHaveText('VMQ in a minute');
    for (let i = 1; i <= 9; i++) await page.getByTestId('step-scenario').click();
    const targets = page.getByTestId('flight-target');
    // Stepping instant by instant puts frames on the wire; the run stays paused.
    await expect(async () => {
      await page.keyboard.press('i');
      await expect(targets.first()).toBeAttached({ timeout: 300 });
    }).toPass({ timeout: 15_000 });
    const frame = targets.first();
    const frameId = await frame.getAttribute('data-frame-id');
    await frame.focus();
    await expect(frame).toHaveAttribute('aria-label', `Frame #${frameId}, in flight`);
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('inspector')).toContainText(`Frame ${frameId}`);
    await page.getByTestId('play-pause').click();
    await expect(targets).toHaveCount(0);
  });
});

test('timeline marks, log rows and conformance findings are reached with the keyboard and open with Enter', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await page.goto('/?scenario=free-with-filters.json&panels=timeline.log.conformance');
  await expect(page.getByTestId('scenario-title')).toHaveText('Freeing a queue that still has filters');
  for (let i = 1; i <= 5; i++) await page.getByTestId('step-scenario').click();
  await showLowerPanels(page);

  const cursor = page.getByTestId('timeline-cursor');
  await tabTo(page, cursor, { back: true });
  const first = await cursor.getAttribute('data-seq');
  await page.keyboard.press('Home');
  await expect(cursor).not.toHaveAttribute('data-seq', first ?? '');
  await page.keyboard.press('ArrowRight');
  const seq = await cursor.getAttribute('data-seq');
  await expect(cursor).toHaveAttribute('aria-label', /^OID requests, [\d.]+ µs: /);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('timeline-selected')).toBeAttached();
  await expect(
    page.locator(`[data-testid=trace-row][data-seq="${seq}"]`).getByRole('button', { pressed: undefined }),
  ).toHaveAttribute('aria-current', 'true');

  const rows = page.getByTestId('trace').locator('[data-roving-key]');
  await tabTo(page, page.getByTestId('trace').locator('[data-roving-key][tabindex="0"]'));
  await page.keyboard.press('Home');
  await expect(rows.first()).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(rows.nth(1)).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(rows.nth(1)).toHaveAttribute('aria-current', 'true');

  const finding = page.getByTestId('conformance-violation').getByRole('button');
  await tabTo(page, finding.first());
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('inspector')).toContainText('R21');
});

test('the shortcut sheet lists every key: D, V and the keys inside the drawings', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('scenario-title')).toHaveText('VMQ in a minute');
  await page.keyboard.press('Shift+?');
  const sheet = page.getByTestId('shortcut-sheet');
  await expect(sheet).toBeVisible();
  for (const key of ['D', 'V', 'W', 'Space', 'Esc'])
    await expect(sheet.locator('kbd', { hasText: key }).first()).toBeVisible();
  await expect(sheet.getByTestId('navigation-keys')).toContainText('Home / End');
  await expect(sheet.getByTestId('navigation-keys')).toContainText('Enter');
});
