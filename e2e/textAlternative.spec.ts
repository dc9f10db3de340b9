/**
 * What a screen reader gets from the adapter diagram (issue 12): its accessibility tree at three moments of the
 * default story, and its text alternative — the tables V shows in place of the drawings, kept in sync.
 */
import { expect, test } from './fixtures.ts';

// The drawing's words fit its width: the snapshots are of the 1440 px layout.
test.use({ viewport: { width: 1440, height: 900 } });

test('the diagram’s accessibility tree at the start, with both queues Running, and after the free', async ({
  page,
}) => {
  await page.goto('/');
  await expect(page.getByTestId('scenario-title')).toHaveText('VMQ in a minute');
  const tree = page.getByTestId('adapter-diagram').locator('svg[role=group]').first();
  await expect(tree).toMatchAriaSnapshot(`
    - 'group "Receive path: wire, NIC classifier and queues, CPUs, Hyper-V switch, partitions"':
      - text: Receive filters MAC · VLAN → queue no filter matches → default queue
      - 'button "Default queue: Running (detailed Running), CPU 0, 0 frames classified, 64 of 64 buffers free"'
      - text: "Discard bin: nothing dropped"
      - 'button "CPU 0 DPC: runs the DPC of the default queue"'
      - text: /vmswitch · OID requests none yet Management OS parent partition/
  `);
  for (let i = 1; i <= 9; i++) await page.getByTestId('step-scenario').click();
  await expect(page.getByTestId('step-counter')).toHaveText('9 / 22');
  await expect(tree).toMatchAriaSnapshot(`
    - group:
      - text: Receive filters MAC · VLAN → queue
      - 'button "Filter 1: 00-15-5D-00-00-01 · VLAN 10 → queue 1"'
      - 'button "Filter 2: 00-15-5D-00-00-02 · untagged → queue 2"'
      - text: no filter matches → default queue
      - 'button "Default queue: Running (detailed Running), CPU 0, 0 frames classified, 64 of 64 buffers free"'
      - 'button "Queue 1, VM1: Running (detailed Running), CPU 1, 0 frames classified, 32 of 32 buffers free"'
      - 'button "Queue 2, VM2: Running (detailed Running), CPU 2, 0 frames classified, 32 of 32 buffers free"'
      - text: "Discard bin: nothing dropped"
      - 'button "CPU 0 DPC: runs the DPC of the default queue"'
      - 'button "CPU 1 DPC: runs the DPC of queue 1"'
      - 'button "CPU 2 DPC: runs the DPC of queue 2"'
      - text: vmswitch · OID requests
      - 'button "Request #1 OID_RECEIVE_FILTER_ALLOCATE_QUEUE: NDIS_STATUS_SUCCESS"'
      - 'button "Request #2 OID_RECEIVE_FILTER_SET_FILTER: NDIS_STATUS_SUCCESS"'
      - 'button "Request #3 OID_RECEIVE_FILTER_ALLOCATE_QUEUE: NDIS_STATUS_SUCCESS"'
      - 'button "Request #4 OID_RECEIVE_FILTER_SET_FILTER: NDIS_STATUS_SUCCESS"'
      - 'button "Request #5 OID_RECEIVE_FILTER_QUEUE_ALLOCATION_COMPLETE: NDIS_STATUS_SUCCESS"'
      - text: /Management OS parent partition/
  `);
  for (let i = 10; i <= 20; i++) await page.getByTestId('step-scenario').click();
  await expect(page.getByTestId('step-counter')).toHaveText('20 / 22');
  await expect(tree).toMatchAriaSnapshot(`
    - group:
      - text: Receive filters MAC · VLAN → queue
      - 'button "Filter 1: 00-15-5D-00-00-01 · VLAN 10 → queue 1"'
      - text: no filter matches → default queue
      - 'button "Default queue: Running (detailed Running), CPU 0, 8 frames classified, 64 of 64 buffers free"'
      - 'button "Queue 1, VM1: Running (detailed Running), CPU 1, 24 frames classified, 32 of 32 buffers free"'
      - text: /Queue 2 · .*VM2.* freed shared memory released; QueueId 2 may be reused/
      - 'button "CPU 0 DPC: runs the DPC of the default queue"'
      - 'button "CPU 1 DPC: runs the DPC of queue 1"'
      - 'button "CPU 2 DPC: no queue is affinitized to it"'
      - text: vmswitch · OID requests
      - 'button "Request #3 OID_RECEIVE_FILTER_ALLOCATE_QUEUE: NDIS_STATUS_SUCCESS"'
      - 'button "Request #4 OID_RECEIVE_FILTER_SET_FILTER: NDIS_STATUS_SUCCESS"'
      - 'button "Request #5 OID_RECEIVE_FILTER_QUEUE_ALLOCATION_COMPLETE: NDIS_STATUS_SUCCESS"'
      - 'button "Request #6 OID_RECEIVE_FILTER_CLEAR_FILTER: NDIS_STATUS_SUCCESS"'
      - 'button "Request #7 OID_RECEIVE_FILTER_FREE_QUEUE: NDIS_STATUS_SUCCESS"'
      - text: /\\+2 earlier Management OS/
  `);
});

test('V shows the drawings as tables with the states the diagram shows, kept in sync, and V shows them again', async ({
  page,
}) => {
  await page.goto('/');
  await expect(page.getByTestId('scenario-title')).toHaveText('VMQ in a minute');
  for (let i = 1; i <= 9; i++) await page.getByTestId('step-scenario').click();
  const states = await page
    .getByTestId('diagram-queue')
    .evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-queue-id'), r.getAttribute('data-state')]));
  const blocks = await page.getByTestId('memory-block').count();
  await page.keyboard.press('v');
  await expect(page.getByTestId('tables-toggle')).toHaveAttribute('aria-pressed', 'true');
  const queues = page.getByTestId('table-queues');
  await expect(queues.locator('caption')).toHaveText('Receive queues');
  for (const [id, state] of states) {
    const row = queues
      .getByTestId('table-queues-row')
      .filter({ has: page.locator('th', { hasText: new RegExp(`^${id}$`) }) });
    await expect(row).toContainText(state ?? '');
  }
  await expect(page.getByTestId('table-blocks-row')).toHaveCount(blocks);
  await expect(page.getByTestId('table-filters-row')).toHaveCount(2);
  // The tables follow the run: through the free, queue 2 leaves them with its filter and its memory.
  for (let i = 10; i <= 20; i++) await page.keyboard.press('Shift+ArrowRight');
  await expect(page.getByTestId('step-counter')).toHaveText('20 / 22');
  await expect(queues.getByTestId('table-queues-row')).toHaveCount(2);
  await expect(page.getByTestId('table-filters-row')).toHaveCount(1);
  await expect(page.getByTestId('table-requests')).toContainText('OID_RECEIVE_FILTER_FREE_QUEUE');
  await page.keyboard.press('v');
  await expect(page.getByTestId('adapter-diagram')).toBeVisible();
  await expect(page.getByTestId('adapter-tables')).toHaveCount(0);
});
