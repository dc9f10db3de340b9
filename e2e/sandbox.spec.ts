/**
 * The empty adapter, as a teacher uses it for a sandbox: picked from the header with a profile, CPUs and VMs, it
 * has no scenario steps, so what the OID console sends is all that happens; its link opens the same adapter.
 */
import type { Page } from '@playwright/test';
import { expect, SCREENS_DIR, showLowerPanels, test } from './fixtures.ts';

const TITLE = 'Empty adapter · Windows Server 2008 R2 (NDIS 6.20) · 2 CPUs · 3 VMs';

async function defaultStory(page: Page) {
  await page.goto('/');
  await expect(page.getByTestId('scenario-title')).toHaveText('VMQ in a minute');
}

/** The adapter the page shows: its profile, its queues, its guests, and the scenario steps run of how many. */
const shown = (page: Page) =>
  page.evaluate(() => {
    const view = window.vmqE2E?.view();
    const stats = window.vmqE2E?.stats();
    return {
      profile: view?.profile,
      queues: view?.queues.map((queue) => queue.QueueId),
      guests: view?.addressSpaces.filter((space) => space !== 'management-os'),
      steps: `${stats?.nextStepIndex} of ${stats?.stepCount}`,
    };
  });

async function expectEmptyAdapter(page: Page) {
  await expect(page.getByTestId('scenario-title')).toHaveText(TITLE);
  await expect(page.getByTestId('scenario-picker')).toHaveValue('Empty adapter');
  await expect(page.getByTestId('scenario-picker').locator('option:checked')).toContainText('Empty adapter');
  await expect(page.getByTestId('step-counter')).toHaveText('0 / 0');
  await expect(page.locator('[data-testid=diagram-queue]')).toHaveCount(1);
  await expect(page.locator('[data-testid=diagram-queue][data-queue-id="0"]')).toHaveCount(1);
  await expect
    .poll(() => shown(page))
    .toEqual({ profile: 'ws2008r2', queues: [0], guests: ['VM1', 'VM2', 'VM3'], steps: '0 of 0' });
}

test('an empty 2008 R2 adapter picked from the header shows only its default queue, keeps its link, and runs only what the OID console sends', async ({
  page,
}) => {
  await defaultStory(page);
  await page.getByTestId('empty-adapter').click();
  const form = page.getByTestId('empty-adapter-form');
  await expect(form).toBeVisible();
  await expect(page.getByTestId('empty-adapter-profile')).toBeFocused();
  await page.getByTestId('empty-adapter-profile').selectOption('ws2008r2');
  await page.getByTestId('empty-adapter-cpus').fill('2');
  await page.getByTestId('empty-adapter-vms').fill('3');
  await page.getByTestId('empty-adapter-create').click();
  await expect(form).toBeHidden();

  await expectEmptyAdapter(page);
  await expect(page).toHaveURL(/\/\?empty=ws2008r2&cpus=2&vms=3&/);
  await page.reload();
  await expectEmptyAdapter(page);

  await showLowerPanels(page);
  await page.getByTestId('oid-select').selectOption('OID_RECEIVE_FILTER_ALLOCATE_QUEUE');
  await page.getByTestId('oid-send').click();
  await expect(page.getByTestId('oid-answer').getByTestId('status-name')).toHaveText('NDIS_STATUS_SUCCESS');
  await expect(page.getByTestId('oid-answer').getByTestId('result-output')).toContainText('QueueId: 1');
  await expect.poll(() => shown(page)).toMatchObject({ queues: [0, 1], steps: '0 of 0' });
  await expect(page.locator('[data-testid=diagram-queue][data-queue-id="1"]')).toHaveCount(1);
  await expect(page.getByTestId('step-counter')).toHaveText('0 / 0');
});

test('the empty adapter form refuses a count out of range beside its field, and Escape closes it back to its button', async ({
  page,
}) => {
  await defaultStory(page);
  const opener = page.getByTestId('empty-adapter');
  await opener.focus();
  await page.keyboard.press('Enter');
  const form = page.getByTestId('empty-adapter-form');
  await expect(form).toBeVisible();
  const create = page.getByTestId('empty-adapter-create');

  await page.getByTestId('empty-adapter-cpus').fill('0');
  await expect(page.getByTestId('empty-adapter-cpus-note')).toHaveText(
    'an adapter has a whole number of CPUs, from 1 to 64',
  );
  await expect(page.getByTestId('empty-adapter-cpus')).toHaveAttribute('aria-invalid', 'true');
  await expect(create).toBeDisabled();
  await page.getByTestId('empty-adapter-cpus').fill('64');
  await page.getByTestId('empty-adapter-vms').fill('9');
  await expect(page.getByTestId('empty-adapter-vms-note')).toHaveText(
    'an empty adapter has a whole number of VMs, from 0 to 8',
  );
  await expect(create).toBeDisabled();
  await page.getByTestId('empty-adapter-vms').fill('0');
  await expect(create).toBeEnabled();
  await page.screenshot({ path: `${SCREENS_DIR}/empty-adapter-form.png` });

  await page.keyboard.press('Escape');
  await expect(form).toBeHidden();
  await expect(opener).toBeFocused();

  // Space on the form's buttons presses them, as anywhere else; it is not the page's Play.
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('empty-adapter-profile')).toBeFocused();
  await form.getByRole('button', { name: 'Cancel' }).focus();
  await page.keyboard.press('Space');
  await expect(form).toBeHidden();
  await expect(page.getByTestId('playback-status')).toHaveText('paused');
  await expect(page.getByTestId('scenario-title')).toHaveText('VMQ in a minute');
});

test('a link to an empty adapter the page cannot build says why, and the default story runs', async ({ page }) => {
  await page.goto('/?empty=ws2012&cpus=0');
  await expect(page.getByTestId('load-problem')).toContainText('Could not load “the page address”');
  await expect(page.getByTestId('load-problem-errors')).toHaveText(
    'no empty adapter for cpus=0: an adapter has a whole number of CPUs, from 1 to 64',
  );
  await expect(page.getByTestId('scenario-title')).toHaveText('VMQ in a minute');
  await page.goto('/?empty=ws2016');
  await expect(page.getByTestId('load-problem-errors')).toHaveText(
    'no empty adapter for empty=ws2016: the profile is ws2012, ws2008r2 or legacy-ndis61',
  );
});
