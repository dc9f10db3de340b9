/**
 * The charts panel (issue 10 §4): the numbers each chart shows at the timeline's cursor are the engine's own
 * counters and levels (window.vmqE2E's AdapterView), a rewind takes back what it undid, and the exports are a
 * standalone SVG and a CSV with its columns named.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

const view = (page: Page) => page.evaluate(() => window.vmqE2E?.view() ?? null);

interface Shown {
  atCursor: number;
  total: number;
}

/** Each series of a chart as it shows it: its value at the cursor and, for a rate, the total so far. */
const shownValues = (page: Page, chart: string): Promise<Record<string, Shown>> =>
  page
    .locator(`svg[data-chart="${chart}"] [data-testid=chart-value]`)
    .evaluateAll((rows) =>
      Object.fromEntries(
        rows.map((row) => [
          row.getAttribute('data-series'),
          { atCursor: Number(row.getAttribute('data-at-cursor')), total: Number(row.getAttribute('data-total')) },
        ]),
      ),
    );

/** Opens the free-with-outstanding-nbls story with the charts open, and runs its first `steps` scenario steps. */
async function openAt(page: Page, steps: number) {
  await page.goto('/?scenario=free-with-outstanding-nbls.json&panels=charts');
  await expect(page.getByTestId('scenario-title')).toBeVisible();
  for (let i = 0; i < steps; i++) await page.keyboard.press('Shift+ArrowRight');
  await expect.poll(() => page.evaluate(() => window.vmqE2E?.stats()?.nextStepIndex)).toBe(steps);
  // The panel loads as it comes near, as the lower panels do.
  await page.getByTestId('dock').scrollIntoViewIfNeeded();
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await expect(page.getByTestId('charts-grid')).toBeVisible();
  await expectCursorAtNow(page);
}

async function expectCursorAtNow(page: Page) {
  const now = await page.evaluate(() => window.vmqE2E?.simTimeNs());
  await expect(page.getByTestId('charts-grid')).toHaveAttribute('data-cursor-ns', String(now));
}

test("the numbers at the cursor are the engine's counters", async ({ page }) => {
  await openAt(page, 6);
  const adapter = await view(page);
  expect(adapter?.totals.arrived, 'the story has sent its burst').toBeGreaterThan(0);
  await expect(page.getByTestId('sampled-notice')).toHaveCount(0);
  const queues = adapter?.queues ?? [];

  const received = await shownValues(page, 'queue-frames');
  for (const q of queues.filter((q) => q.counters.indicated > 0))
    expect(received[q.QueueId]?.total, `QueueId ${q.QueueId}`).toBe(q.counters.indicated);
  const perCpu = Object.values(await shownValues(page, 'cpu-frames'));
  expect(perCpu.reduce((sum, s) => sum + s.total, 0)).toBe(adapter?.totals.indicated);

  const drops = await shownValues(page, 'drops');
  expect(Object.fromEntries(Object.entries(drops).map(([reason, s]) => [reason, s.total]))).toEqual(
    adapter?.totals.dropped,
  );
  expect(Object.keys(drops)).toContain('no-free-buffer');

  const outstanding = await shownValues(page, 'outstanding');
  const inUse = await shownValues(page, 'occupancy');
  for (const q of queues) {
    expect(outstanding[q.QueueId]?.atCursor, `QueueId ${q.QueueId}`).toBe(q.outstandingNbls);
    expect(inUse[q.QueueId]?.atCursor, `QueueId ${q.QueueId}`).toBe(q.ring.slots.filter((s) => s !== 'free').length);
  }
  expect(Math.max(...queues.map((q) => q.outstandingNbls))).toBeGreaterThan(0);
});

test('a step back takes back what it undid', async ({ page }) => {
  await openAt(page, 6);
  const before = await view(page);
  await page.keyboard.press('ArrowLeft');
  await expect.poll(async () => (await view(page))?.totals.arrived).toBeLessThan(before?.totals.arrived ?? 0);
  await expectCursorAtNow(page);
  const after = await view(page);
  const received = Object.values(await shownValues(page, 'queue-frames'));
  expect(received.reduce((sum, s) => sum + s.total, 0)).toBe(after?.totals.indicated);
  const drops = Object.values(await shownValues(page, 'drops'));
  expect(drops.reduce((sum, s) => sum + s.total, 0)).toBe(
    Object.values(after?.totals.dropped ?? {}).reduce((sum, n) => sum + n, 0),
  );
});

test('exports the charts as a standalone SVG and their data as CSV', async ({ page, context }, testInfo) => {
  await openAt(page, 6);
  const adapter = await view(page);

  const [svgDownload] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('charts-export-svg').click(),
  ]);
  expect(svgDownload.suggestedFilename()).toMatch(/\.svg$/);
  const svgFile = testInfo.outputPath(svgDownload.suggestedFilename());
  await svgDownload.saveAs(svgFile);
  // Parsed on a blank page of its own, as an editor would open the file (the app's page admits no markup).
  const blank = await context.newPage();
  const svg = await blank.evaluate(
    (text) => {
      const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
      const root = doc.documentElement;
      return {
        errors: doc.getElementsByTagName('parsererror').length,
        root: root.localName,
        namespace: root.namespaceURI,
        font: root.getAttribute('font-family'),
        text: root.textContent ?? '',
        // The file has no stylesheet: no colour may name one of the page's variables.
        variables: /var\(--/.test(text),
      };
    },
    readFileSync(svgFile, 'utf8'),
  );
  expect(svg).toMatchObject({ errors: 0, root: 'svg', namespace: 'http://www.w3.org/2000/svg', variables: false });
  expect(svg.font).toContain('system-ui');
  for (const title of ['Received per queue', 'Received per CPU', 'Receive buffers in use', 'Outstanding NBLs'])
    expect(svg.text).toContain(title);
  expect(svg.text).toContain('no-free-buffer');

  const [csvDownload] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('charts-export-csv').click(),
  ]);
  const csvFile = testInfo.outputPath(csvDownload.suggestedFilename());
  await csvDownload.saveAs(csvFile);
  const [header, ...rows] = readFileSync(csvFile, 'utf8').trimEnd().split('\n');
  expect(header).toBe('t_ns,bucket_width_ns,chart,unit,series,value,count_in_bucket');
  const cells = rows.map((row) => row.split(','));
  expect(cells.length).toBeGreaterThan(0);
  for (const row of cells) expect(row).toHaveLength(7);
  const counted = (chart: string) =>
    cells.filter((row) => row[2] === chart).reduce((sum, row) => sum + Number(row[6]), 0);
  expect(counted('queue-frames')).toBe(adapter?.totals.indicated);
  expect(counted('drops')).toBe(adapter?.totals.dropped['no-free-buffer']);
});

test('a click on a chart seeks there, and the numbers follow the cursor', async ({ page }) => {
  await openAt(page, 6);
  const end = (await page.evaluate(() => window.vmqE2E?.simTimeNs())) ?? 0;
  const plot = page.locator('svg[data-chart="queue-frames"] [data-testid=chart-plot]');
  const box = await plot.boundingBox();
  // A tenth of the way in: inside the burst, before it has ended.
  await plot.click({ position: { x: (box?.width ?? 0) / 10, y: 10 } });
  await expect.poll(() => page.evaluate(() => window.vmqE2E?.simTimeNs())).toBeLessThan(end);
  // Off the plot, the numbers are read at the cursor again, not at the hover.
  await page.mouse.move(0, 0);
  await expectCursorAtNow(page);
  const adapter = await view(page);
  const received = Object.values(await shownValues(page, 'queue-frames'));
  expect(received.reduce((sum, s) => sum + s.total, 0)).toBe(adapter?.totals.indicated);
  const outstanding = await shownValues(page, 'outstanding');
  for (const q of adapter?.queues ?? []) expect(outstanding[q.QueueId]?.atCursor ?? 0).toBe(q.outstandingNbls);
});

test('levels opened late say since when, and a rewind and replay draws them from the start', async ({ page }) => {
  await page.goto('/?scenario=free-with-outstanding-nbls.json');
  await expect(page.getByTestId('scenario-title')).toBeVisible();
  for (let i = 0; i < 6; i++) await page.keyboard.press('Shift+ArrowRight');
  await expect.poll(() => page.evaluate(() => window.vmqE2E?.stats()?.nextStepIndex)).toBe(6);
  await page.getByTestId('charts-panel').getByTestId('panel-toggle').click();
  await expect(page.getByTestId('charts-grid')).toBeVisible();
  await expect(page.getByTestId('charts-levels-since')).toContainText('when the charts opened');
  await page.getByTestId('rewind').click();
  await expect.poll(() => page.evaluate(() => window.vmqE2E?.stats()?.nextStepIndex)).toBe(0);
  for (let i = 0; i < 6; i++) await page.keyboard.press('Shift+ArrowRight');
  await expect.poll(() => page.evaluate(() => window.vmqE2E?.stats()?.nextStepIndex)).toBe(6);
  await expect(page.getByTestId('charts-levels-since')).toHaveCount(0);
});
