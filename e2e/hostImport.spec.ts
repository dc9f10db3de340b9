/**
 * Import host config…: an administrator pastes what Get-NetAdapterVmq and Get-NetAdapterVmqQueue printed on a
 * Hyper-V host, and the playground builds that adapter. The spec checks the built adapter in the engine's own
 * AdapterView (window.vmqE2E), not in the DOM.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import {
  SAMPLE_QUEUE_JSON,
  SAMPLE_QUEUE_TABLE,
  SAMPLE_VMQ_JSON,
  SAMPLE_VMQ_TABLE,
} from '../src/scenario/hostConfig.samples.ts';
import { expect, SCREENS_DIR, test } from './fixtures.ts';

async function openImport(page: Page) {
  await page.goto('/');
  await expect(page.getByTestId('scenario-title')).toHaveText('VMQ in a minute');
  await page.getByTestId('host-import').click();
  await expect(page.getByTestId('host-import-dialog')).toBeVisible();
  await expect(page.getByTestId('host-import-text')).toBeFocused();
}

/** Each VM queue the engine holds: its processor, its VM, and its filter's MAC and VLAN. */
const builtQueues = (page: Page) =>
  page.evaluate(() => {
    const view = window.vmqE2E?.view();
    return view?.queues
      .filter((queue) => queue.QueueId !== 0)
      .map((queue) => {
        const filter = view.filters.find((f) => f.QueueId === queue.QueueId)?.filter;
        return {
          QueueId: queue.QueueId,
          cpu: queue.cpu,
          state: queue.state,
          VmName: queue.VmName,
          mac: filter?.mac.toString(16).padStart(12, '0').toUpperCase(),
          vlanId: filter?.vlanId,
        };
      });
  });

const HOST_QUEUES = [
  { QueueId: 1, cpu: 2, state: 'Running', VmName: 'web01', mac: '00155D0A0101', vlanId: 10 },
  { QueueId: 2, cpu: 4, state: 'Running', VmName: 'web01', mac: '00155D0A0102', vlanId: 10 },
  { QueueId: 3, cpu: 6, state: 'Running', VmName: 'sql01', mac: '00155D0A0201', vlanId: null },
  { QueueId: 4, cpu: 8, state: 'Running', VmName: 'sql01', mac: '00155D0A0202', vlanId: null },
];

async function buildAndRun(page: Page) {
  await page.getByTestId('host-import-build').click();
  await expect(page.getByTestId('host-import-dialog')).toBeHidden();
  await expect(page.getByTestId('scenario-title')).toHaveText('Hyper-V host: SLOT 2 Port 1');
  // Build adapter runs every step at once: the host's adapter is on screen without pressing Play.
  await expect(page.getByTestId('step-counter')).toHaveText('14 / 14');
  await expect(page.locator('[data-testid=diagram-queue]')).toHaveCount(5);
  await expect(page.getByTestId('expectation').and(page.locator('[data-ok="false"]'))).toHaveCount(0);
}

test('pasted Get-NetAdapterVmq and Get-NetAdapterVmqQueue tables build that host: its queues, filters and processors', async ({
  page,
}, testInfo) => {
  await openImport(page);
  await page.getByTestId('host-import-text').fill(`${SAMPLE_VMQ_TABLE}\n${SAMPLE_QUEUE_TABLE}`);
  await expect(page.getByTestId('host-import-summary')).toHaveText('Read 2 adapters and 4 VM queues:');
  await expect(page.getByTestId('host-import-notes')).toContainText('left out SLOT 2 Port 2');
  await page.screenshot({ path: `${SCREENS_DIR}/host-import.png` });
  await buildAndRun(page);
  expect(await builtQueues(page)).toEqual(HOST_QUEUES);
  expect(await page.evaluate(() => window.vmqE2E?.view()?.addressSpaces)).toEqual(
    expect.arrayContaining(['web01', 'web01-2', 'sql01', 'sql01-2']),
  );

  // The built adapter is a scenario of the user's own: Download saves it, and Open file… of that file runs it again.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-scenario').click()]);
  expect(download.suggestedFilename()).toBe('host-config.json');
  const file = testInfo.outputPath(download.suggestedFilename());
  await download.saveAs(file);
  expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ format: 'vmq-scenario', adapter: { cpus: 10 } });
});

test('ConvertTo-Json output builds the same host', async ({ page }) => {
  await openImport(page);
  await page.getByTestId('host-import-text').fill(`${SAMPLE_VMQ_JSON}\n\n${SAMPLE_QUEUE_JSON}`);
  await expect(page.getByTestId('host-import-summary')).toHaveText('Read 1 adapter and 4 VM queues:');
  await buildAndRun(page);
  expect(await builtQueues(page)).toEqual(HOST_QUEUES);
});

test('malformed output is named by its line, builds nothing, and leaves the scenario running as it was', async ({
  page,
}) => {
  await openImport(page);
  await page.getByTestId('host-import-text').fill(SAMPLE_QUEUE_TABLE.replace('0:4 ', '4   '));
  await expect(page.getByTestId('host-import-error')).toHaveText(
    'Line 7: Processor is "4"; expected group:number, like 0:2.',
  );
  await expect(page.getByTestId('host-import-build')).toBeDisabled();
  await page.screenshot({ path: `${SCREENS_DIR}/host-import-error.png` });
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('host-import-dialog')).toBeHidden();
  await expect(page.getByTestId('scenario-title')).toHaveText('VMQ in a minute');
});
