import { expect, SCREENS_DIR, test } from './fixtures.ts';

/** The reproducer, shortened to 100,000 frames so the worker runs it in a second or two. */
const flood = {
  format: 'vmq-scenario',
  version: 1,
  title: 'flood',
  adapter: { profile: 'ws2012' },
  steps: [
    { traffic: { name: 'f', dst: '00-15-5D-00-00-09', frameBytes: 64, count: 100_000, interval: 100 } },
    { advance: '10ms' },
  ],
};

test('a Step over 100,000 frames says the log was sampled and the counters are exact; step back takes the notice away', async ({
  page,
}) => {
  test.slow(); // 100,000 frames with per-frame tracing, in a worker on a shared machine
  await page.goto('/');
  await expect(page.getByTestId('scenario-title')).toHaveText('VMQ in a minute');
  await page.getByTestId('scenario-file').setInputFiles({
    name: 'flood.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(flood)),
  });
  await expect(page.getByTestId('scenario-title')).toHaveText('flood');
  await page.getByTestId('step-scenario').click();
  await expect(page.getByTestId('step-counter')).toHaveText('1 / 2');
  await expect(page.getByTestId('sampled-notice')).toHaveCount(0);

  await page.getByTestId('step-scenario').click();
  const notice = page.getByTestId('sampled-notice');
  // The worker runs all 100,000 frames before it answers; a loaded machine may take a while.
  await expect(notice).toBeVisible({ timeout: 30_000 });
  await expect(notice).toContainText('Step ran 100,000 frames');
  await expect(notice).toContainText('first 5,000 and last 2,000 events');
  await expect(notice).toContainText('counters are exact');
  await notice.screenshot({ path: `${SCREENS_DIR}/sampled-notice.png` });

  await page.getByTestId('step-back').click();
  await expect(page.getByTestId('step-counter')).toHaveText('1 / 2');
  await expect(notice).toHaveCount(0);
});
