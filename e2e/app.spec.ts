import { expect, SCREENS_DIR, showLowerPanels, test } from './fixtures.ts';

test('the page is cross-origin isolated, so the worker can use SharedArrayBuffer', async ({ page }) => {
  await page.goto('/');
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  expect(await page.evaluate(() => typeof SharedArrayBuffer)).toBe('function');
});

test('the default scenario loads on start and runs in the worker: ALLOCATE_QUEUE completes with NDIS_STATUS_SUCCESS', async ({
  page,
}) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'VMQ Playground' })).toBeVisible();
  await expect(page.getByTestId('scenario-title')).toHaveText('VMQ in a minute');
  await showLowerPanels(page);
  await expect(page.getByTestId('playback-status')).toHaveText('paused');
  expect(page.workers().length).toBe(1);

  await page.getByTestId('play-pause').click();
  const allocated = page
    .getByTestId('trace-row')
    .and(page.locator('[data-kind="oid-completed"]'))
    .filter({ hasText: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE' })
    .filter({ hasText: 'NDIS_STATUS_SUCCESS' });
  // At 1× the first OID completes about 1.5 s after Play.
  await expect(allocated.first()).toBeVisible({ timeout: 10_000 });
  await expect(page.getByTestId('queue-row')).toHaveCount(2);
  await page.getByTestId('play-pause').click();
  await expect(page.getByTestId('playback-status')).toHaveText('paused');
  await page.screenshot({ path: `${SCREENS_DIR}/first-queue.png` });
});

test('plays the default scenario to the end with every expectation holding', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('scenario-title')).toHaveText('VMQ in a minute');
  await page.getByTestId('speed').selectOption('100');
  await page.getByTestId('play-pause').click();
  await expect(page.getByTestId('playback-status')).toHaveText('finished', { timeout: 15_000 });
  await expect(page.getByTestId('expectation').and(page.locator('[data-ok="false"]'))).toHaveCount(0);
  await expect(page.getByTestId('expectation-summary')).toContainText('held');
  await expect(page.getByTestId('step-counter')).toHaveText('22 / 22');
  await page.screenshot({ path: `${SCREENS_DIR}/finished.png`, fullPage: true });

  // Step back undoes the last step; Rewind returns to the start with an empty story.
  await page.getByTestId('step-back').click();
  await expect(page.getByTestId('playback-status')).toHaveText('paused');
  await page.getByTestId('rewind').click();
  await expect(page.getByTestId('step-counter')).toHaveText('0 / 22');
  await expect(page.getByTestId('sim-time')).toHaveText('0.000 µs');
});

test('a malformed ?scenario= file shows a clear error and the default scenario still loads', async ({ page }) => {
  await page.route('**/scenarios/broken.json', (route) =>
    route.fulfill({ contentType: 'application/json', body: '{ "format": "vmq-scenario", "version": 1,\n  "title": }' }),
  );
  await page.goto('/?scenario=broken.json');
  const problem = page.getByTestId('load-problem');
  await expect(problem).toContainText('Could not load “broken.json”');
  await expect(page.getByTestId('load-problem-errors')).toContainText('line 2');
  await expect(page.getByTestId('scenario-title')).toHaveText('VMQ in a minute');
  await expect(problem).toContainText('“VMQ in a minute” is still loaded');
  await page.screenshot({ path: `${SCREENS_DIR}/bad-scenario.png` });
});

test('opening an invalid scenario file keeps the running scenario exactly as it was', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('scenario-title')).toHaveText('VMQ in a minute');
  await showLowerPanels(page);
  for (let i = 0; i < 4; i++) await page.getByTestId('step-scenario').click();
  await expect(page.getByTestId('step-counter')).toHaveText('4 / 22');
  const traceCount = await page.getByTestId('trace-count').textContent();

  await page.getByTestId('scenario-file').setInputFiles({
    name: 'typo.json',
    mimeType: 'application/json',
    buffer: Buffer.from(
      JSON.stringify({
        format: 'vmq-scenario',
        version: 1,
        title: 'typo',
        adapter: { profile: 'ws2012' },
        steps: [{ oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEU' }],
      }),
    ),
  });
  await expect(page.getByTestId('load-problem')).toContainText('Could not load “typo.json”');
  await expect(page.getByTestId('load-problem-errors')).toContainText('steps[0].oid');
  await expect(page.getByTestId('scenario-title')).toHaveText('VMQ in a minute');
  await expect(page.getByTestId('step-counter')).toHaveText('4 / 22');
  await expect(page.getByTestId('trace-count')).toHaveText(traceCount ?? '');
  await page.getByRole('button', { name: 'Dismiss' }).click();
  await expect(page.getByTestId('load-problem')).toHaveCount(0);
});

test("the narration tells the story: each step shows the scenario's latest note, and step back brings the previous one back", async ({
  page,
}) => {
  await page.goto('/');
  await expect(page.getByTestId('scenario-title')).toHaveText('VMQ in a minute');
  await expect(page.getByTestId('narration')).toHaveCount(0);
  await page.getByRole('button', { name: 'Step scenario' }).click();
  await expect(page.getByTestId('narration')).toContainText('asks NDIS for a VM queue for VM1');
  await page.getByRole('button', { name: 'Step scenario' }).click();
  await page.getByRole('button', { name: 'Step scenario' }).click();
  await expect(page.getByTestId('narration')).toContainText('A filter steers frames to the queue');
  await page.getByRole('button', { name: 'Step back' }).click();
  await page.getByRole('button', { name: 'Step back' }).click();
  await expect(page.getByTestId('narration')).toContainText('asks NDIS for a VM queue for VM1');
});

test('the address follows the picker, so a copied link opens the scenario on screen, a file of your own too', async ({
  page,
  browser,
}) => {
  const named = (name: string) => new URL(page.url()).searchParams.get(name);
  await page.goto('/');
  await expect(page.getByTestId('scenario-title')).toHaveText('VMQ in a minute');
  await expect.poll(() => named('scenario')).toBe('vmq-in-a-minute.json');
  await page.getByTestId('scenario-picker').selectOption('vlan-filtering.json');
  await expect.poll(() => named('scenario')).toBe('vlan-filtering.json');
  const title = await page.getByTestId('scenario-title').textContent();

  const copied = await (await browser.newContext()).newPage();
  await copied.goto(page.url());
  await expect(copied.getByTestId('scenario-title')).toHaveText(title ?? '');

  await page.getByTestId('scenario-file').setInputFiles({
    name: 'mine.json',
    mimeType: 'application/json',
    buffer: Buffer.from(
      JSON.stringify({ format: 'vmq-scenario', version: 1, title: 'Mine', adapter: { profile: 'ws2012' }, steps: [] }),
    ),
  });
  await expect(page.getByTestId('scenario-title')).toHaveText('Mine');
  await expect.poll(() => named('file')).not.toBeNull();
  expect(named('scenario')).toBeNull();
  const mine = await (await browser.newContext()).newPage();
  await mine.goto(page.url());
  await expect(mine.getByTestId('scenario-title')).toHaveText('Mine');
});
