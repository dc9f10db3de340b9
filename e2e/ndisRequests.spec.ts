/** NDIS's own cleanup requests (at halt, R42) are marked as NDIS's in the event log and the inspector. */
import { expect, SCREENS_DIR, showLowerPanels, test } from './fixtures.ts';

const HALT_WITH_QUEUE_LEFT = {
  format: 'vmq-scenario',
  version: 1,
  title: 'Halt with a queue left',
  adapter: { profile: 'ws2012' },
  vms: [{ name: 'VM1', mac: '00-15-5D-00-00-01', vlan: 10 }],
  steps: [
    {
      oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE',
      saveAs: 'q',
      buffer: {
        QueueType: 'NdisReceiveQueueTypeVMQueue',
        ProcessorAffinity: { Mask: 2, Group: 0 },
        NumSuggestedReceiveBuffers: 32,
        VmName: 'VM1',
      },
    },
    {
      oid: 'OID_RECEIVE_FILTER_SET_FILTER',
      buffer: {
        FilterType: 'NdisReceiveFilterTypeVMQueue',
        QueueId: '$q.QueueId',
        FieldParameters: [
          { MacHeaderField: 'NdisMacHeaderFieldDestinationAddress', FieldByteArrayValue: '$vm:VM1.mac' },
        ],
      },
    },
    { adapter: 'halt' },
    { expect: { adapter: 'Halted', violations: [] } },
  ],
};

test("R42 the CLEAR_FILTER and FREE_QUEUE that NDIS issues at halt are tagged as NDIS's; the driver's requests are not", async ({
  page,
}) => {
  await page.goto('/');
  await showLowerPanels(page);
  await page.getByTestId('scenario-file').setInputFiles({
    name: 'halt.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(HALT_WITH_QUEUE_LEFT)),
  });
  await expect(page.getByTestId('scenario-title')).toHaveText('Halt with a queue left');
  for (let step = 1; step <= HALT_WITH_QUEUE_LEFT.steps.length; step++) {
    await page.getByTestId('step-scenario').click();
    await expect(page.getByTestId('step-counter')).toHaveText(`${step} / ${HALT_WITH_QUEUE_LEFT.steps.length}`);
  }

  const requested = page.getByTestId('trace-row').and(page.locator('[data-kind="oid-requested"]'));
  await expect(requested).toHaveCount(4);
  const tagged = requested.filter({ has: page.getByTestId('issued-by-ndis') });
  await expect(tagged).toHaveCount(2);
  await expect(tagged.nth(0)).toContainText('OID_RECEIVE_FILTER_CLEAR_FILTER');
  await expect(tagged.nth(1)).toContainText('OID_RECEIVE_FILTER_FREE_QUEUE');
  for (const row of await tagged.all()) await expect(row.locator('td').nth(1)).toHaveText('NDIS');
  for (const oid of ['OID_RECEIVE_FILTER_ALLOCATE_QUEUE', 'OID_RECEIVE_FILTER_SET_FILTER']) {
    const row = requested.filter({ hasText: oid });
    await expect(row.getByTestId('issued-by-ndis')).toHaveCount(0);
    await expect(row.locator('td').nth(1)).toHaveText('overlying');
  }

  await tagged.nth(1).getByRole('button').first().click();
  await expect(page.getByTestId('inspect-event').getByTestId('issued-by-ndis')).toHaveText('issued by NDIS (cleanup)');

  const freed = page
    .getByTestId('trace-row')
    .and(page.locator('[data-kind="oid-completed"]'))
    .filter({ hasText: 'OID_RECEIVE_FILTER_FREE_QUEUE' });
  await expect(freed.getByTestId('issued-by-ndis')).toHaveText('by NDIS');
  await freed.getByRole('button').first().click();
  const result = page.getByTestId('inspect-event').getByTestId('oid-result');
  await expect(result.getByTestId('issued-by-ndis')).toHaveText('issued by NDIS (cleanup)');
  await expect(result).toContainText('binding vmswitch');

  // For people to look at: the tag stays calm beside the rows, in both themes.
  for (const theme of ['light', 'dark'] as const) {
    if (theme === 'dark') await page.getByTestId('theme-toggle').click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    await page.getByTestId('event-log').screenshot({ path: `${SCREENS_DIR}/ndis-cleanup-log-${theme}.png` });
    await page.getByTestId('inspect-event').screenshot({ path: `${SCREENS_DIR}/ndis-cleanup-result-${theme}.png` });
  }
});
