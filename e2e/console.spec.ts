/**
 * The OID console and the traffic generator, driven the way a teacher would: allocate a queue, filter it, complete
 * the allocation, send it traffic, and try to free it too early.
 */
import type { Page } from '@playwright/test';
import { OID_NAMES } from '../src/engine/oids/catalog.ts';
import { expect, SCREENS_DIR, showLowerPanels, test } from './fixtures.ts';

/** An adapter with two VMs and no steps but 1 ms of time, so everything that happens is what the console does. */
const BLANK_SCENARIO = {
  format: 'vmq-scenario',
  version: 1,
  title: 'Console playground',
  adapter: { profile: 'ws2012' },
  vms: [
    { name: 'VM1', mac: '00-15-5D-00-00-01', vlan: 10 },
    { name: 'VM2', mac: '00-15-5D-00-00-02' },
  ],
  steps: [{ advance: '1ms' }],
};

async function openBlank(page: Page, options: Record<string, unknown> = {}) {
  const scenario = { ...BLANK_SCENARIO, adapter: { ...BLANK_SCENARIO.adapter, options } };
  await page.route('**/scenarios/console-playground.json', (route) =>
    route.fulfill({ contentType: 'application/json', body: JSON.stringify(scenario) }),
  );
  await page.goto('/?scenario=console-playground.json');
  await expect(page.getByTestId('scenario-title')).toHaveText('Console playground');
  await showLowerPanels(page);
}

const answer = (page: Page) => page.getByTestId('oid-answer');

/** Picks an OID (its defaults fill the form), sends it, and waits for the final status. */
async function send(page: Page, oid: string, status: string) {
  await page.getByTestId('oid-select').selectOption(oid);
  await page.getByTestId('oid-send').click();
  await expect(answer(page).getByTestId('status-name')).toHaveText(status);
  await expect(answer(page)).toContainText(oid);
}

/** ALLOCATE_QUEUE for VM1, SET_FILTER on its MAC and VLAN, QUEUE_ALLOCATION_COMPLETE: queue 1 is Running. */
async function runningQueue(page: Page) {
  await send(page, 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE', 'NDIS_STATUS_SUCCESS');
  await expect(answer(page).getByTestId('result-output')).toContainText('QueueId: 1');
  await page.getByTestId('oid-select').selectOption('OID_RECEIVE_FILTER_SET_FILTER');
  await expect(page.getByTestId('filter-mac')).toHaveValue('00-15-5D-00-00-01');
  await expect(page.getByTestId('filter-vlan')).toHaveValue('10');
  await send(page, 'OID_RECEIVE_FILTER_SET_FILTER', 'NDIS_STATUS_SUCCESS');
  await send(page, 'OID_RECEIVE_FILTER_QUEUE_ALLOCATION_COMPLETE', 'NDIS_STATUS_SUCCESS');
  await expect(answer(page).getByTestId('result-output')).toContainText('CompletionStatus: "NDIS_STATUS_SUCCESS"');
  await expect
    .poll(() => page.evaluate(() => window.vmqE2E?.view()?.queues.find((q) => q.QueueId === 1)?.state))
    .toBe('Running');
}

test("a queue allocated, filtered and completed in the console receives the traffic generator's frames, counted as the engine counts them", async ({
  page,
}) => {
  await openBlank(page);
  await runningQueue(page);
  await expect(answer(page).getByTestId('result-layer')).toHaveText('miniport');
  await page.screenshot({ path: `${SCREENS_DIR}/console-allocation-complete.png`, fullPage: true });

  await page.getByTestId('tab-traffic').click();
  await expect(page.getByTestId('traffic-destination')).toHaveValue('vm:VM1');
  await page.getByTestId('traffic-count').fill('20');
  await page.getByTestId('traffic-start').click();
  await expect(page.getByTestId('flows-sending').getByTestId('flow')).toContainText('UI to VM1 #1');
  await page.getByTestId('step-scenario').click(); // the 1 ms advance: every frame arrives, is indicated and returned
  await expect(page.getByTestId('flows-ended').getByTestId('flow')).toContainText('sent 20');
  await page.getByTestId('drive').screenshot({ path: `${SCREENS_DIR}/traffic-generator.png` });

  // Inspect queue 1 through the log: its counters are the engine's.
  await page.getByTestId('log-queue').selectOption('1');
  await page.getByTestId('trace').evaluate((node) => {
    node.scrollTop = 0;
  });
  await page.locator('[data-testid=trace-row][data-kind=queue-state-changed]').first().click();
  const counters = page.getByTestId('inspect-queue-counters');
  const queue = await page.evaluate(() => window.vmqE2E?.view()?.queues.find((q) => q.QueueId === 1));
  expect(queue?.counters).toMatchObject({ classified: 20, indicated: 20, returned: 20 });
  await expect(counters.locator('[data-counter=classified]')).toHaveText(String(queue?.counters.classified));
  await expect(counters.locator('[data-counter=indicated]')).toHaveText(String(queue?.counters.indicated));
  await expect(counters.locator('[data-counter=returned]')).toHaveText(String(queue?.counters.returned));
  // None of them fell to the default queue.
  expect(
    await page.evaluate(() => window.vmqE2E?.view()?.queues.find((q) => q.QueueId === 0)?.counters.classified),
  ).toBe(0);
  await page.getByTestId('inspector').screenshot({ path: `${SCREENS_DIR}/inspector-queue.png` });
});

test('FREE_QUEUE with a filter still set is refused by NDIS with NDIS_STATUS_INVALID_PARAMETER, and nothing changes', async ({
  page,
}) => {
  await openBlank(page);
  await runningQueue(page);
  const before = await page.evaluate(() => window.vmqE2E?.view());

  await page.getByTestId('oid-select').selectOption('OID_RECEIVE_FILTER_FREE_QUEUE');
  await expect(page.getByTestId('oid-fields').getByRole('textbox', { name: 'QueueId' })).toHaveValue('1');
  await page.getByTestId('oid-send').click();
  await expect(answer(page).getByTestId('status-name')).toHaveText('NDIS_STATUS_INVALID_PARAMETER');
  await expect(answer(page).getByTestId('status-hex')).toHaveText('0xC000000D');
  await expect(answer(page).getByTestId('result-layer')).toHaveText('NDIS');
  await expect(answer(page).getByTestId('result-message')).not.toBeEmpty();

  // The checker names the overlying driver's mistake, with the rule's text and section.
  const r21 = page.getByTestId('conformance-violation').and(page.locator('[data-rule=R21]'));
  await expect(r21).toBeVisible();
  await r21.getByRole('button').first().click();
  await expect(r21.getByTestId('rule-explanation')).toContainText('§3.9');

  const after = await page.evaluate(() => window.vmqE2E?.view());
  expect(after?.queues).toEqual(before?.queues);
  expect(after?.filters).toEqual(before?.filters);
  expect(after?.memory).toEqual(before?.memory);
  expect(after?.nowNs).toBe(before?.nowNs);
  await page.screenshot({ path: `${SCREENS_DIR}/console-free-refused.png`, fullPage: true });
});

test('raw JSON mode sends exactly what is typed, and the history loads a request back into the form', async ({
  page,
}) => {
  await openBlank(page);
  await page.getByTestId('oid-mode-raw').click();
  await page
    .getByTestId('oid-raw')
    .fill(JSON.stringify({ oid: 'OID_RECEIVE_FILTER_FREE_QUEUE', buffer: { QueueId: 1 }, bufferLength: 4 }));
  await page.getByTestId('oid-send').click();
  await expect(answer(page).getByTestId('status-name')).toHaveText('NDIS_STATUS_INVALID_LENGTH');
  await expect(answer(page).getByTestId('bytes-needed')).toHaveText('12');

  await page.getByTestId('oid-raw').fill('{ "oid": "OID_RECEIVE_FILTER_NOPE" }');
  await expect(page.getByTestId('oid-console')).toContainText(`oid must be one of the ${OID_NAMES.length}`);

  await page.getByTestId('oid-select').selectOption('OID_RECEIVE_FILTER_HARDWARE_CAPABILITIES');
  await page.getByTestId('oid-send').click();
  await expect(answer(page).getByTestId('result-output')).toContainText('NDIS_RECEIVE_FILTER_VM_QUEUE_SUPPORTED');
  await page
    .getByTestId('oid-history-entry')
    .last()
    .getByRole('button', { name: /Load request/ })
    .click();
  await expect(page.getByTestId('oid-select')).toHaveValue('OID_RECEIVE_FILTER_FREE_QUEUE');
  await expect(page.getByTestId('oid-raw')).toContainText('"bufferLength": 4');
});

test('nothing is sent while the raw JSON or a number in the form is not a request: Send says why', async ({ page }) => {
  await openBlank(page);
  const sendButton = page.getByTestId('oid-send');
  const notSent = page.getByTestId('oid-not-sent');
  await page.getByTestId('oid-select').selectOption('OID_RECEIVE_FILTER_ALLOCATE_QUEUE');

  await page.getByTestId('oid-mode-raw').click();
  await page.getByTestId('oid-raw').fill('{ "oid": "OID_RECEIVE_FILTER_ALLOCATE_QUEUE", "buffer": ');
  await expect(sendButton).toBeDisabled();
  await expect(notSent).toHaveText('Not sent: the JSON above is not a request yet; fix it first.');
  await expect(page.getByTestId('oid-history-entry')).toHaveCount(0);

  await page.getByTestId('oid-mode-form').click();
  const buffers = page.getByLabel('NumSuggestedReceiveBuffers');
  await buffers.fill('-5');
  await expect(sendButton).toBeDisabled();
  await expect(notSent).toContainText('NumSuggestedReceiveBuffers must be a whole number, 0 or more');
  await buffers.fill('2.5');
  await expect(sendButton).toBeDisabled();
  await buffers.fill('8');
  await page.getByTestId('oid-buffer-length').fill('-1');
  await expect(notSent).toHaveText('Not sent: InformationBufferLength must be a whole number from 0 to 4,294,967,295.');
  await page.getByTestId('oid-buffer-length').fill('');
  await expect(notSent).toHaveCount(0);
  await sendButton.click();
  await expect(answer(page).getByTestId('status-name')).toHaveText('NDIS_STATUS_SUCCESS');
  await expect(page.getByTestId('oid-history-entry')).toHaveCount(1);
  await expect(page.getByTestId('queue-row')).toHaveCount(2);
});

test("an answer comes into view in the console's own scroll area, at every width", async ({ page }) => {
  for (const width of [1280, 1920]) {
    await page.setViewportSize({ width, height: 900 });
    await openBlank(page);
    await page.getByTestId('drive').scrollIntoViewIfNeeded();
    await send(page, 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE', 'NDIS_STATUS_SUCCESS');
    await expect(answer(page).getByTestId('status-name')).toBeInViewport({ ratio: 1 });
  }
});

test('a request that Step back undid stays in the history, marked undone', async ({ page }) => {
  await openBlank(page);
  await send(page, 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE', 'NDIS_STATUS_SUCCESS');
  const entry = page.getByTestId('oid-history-entry').first();
  await expect(entry).toHaveAttribute('data-undone', 'false');
  await expect(page.getByTestId('queue-row')).toHaveCount(2);
  await page.getByTestId('step-back').click();
  await expect(page.getByTestId('queue-row')).toHaveCount(1);
  await expect(entry).toHaveAttribute('data-undone', 'true');
  await expect(entry).toContainText('undone');
});

test('a request the miniport pends shows NDIS_STATUS_PENDING first, then its completion', async ({ page }) => {
  await openBlank(page, { pendingOids: { OID_RECEIVE_FILTER_SET_FILTER: '10us' } });
  await send(page, 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE', 'NDIS_STATUS_SUCCESS');
  await page.getByTestId('oid-select').selectOption('OID_RECEIVE_FILTER_SET_FILTER');
  await page.getByTestId('oid-send').click();
  const pended = answer(page).getByTestId('oid-pended');
  await expect(pended.getByTestId('status-hex')).toHaveText('0x00000103');
  await expect(pended).toContainText('completes later');
  await expect(answer(page).getByTestId('oid-result')).toHaveCount(0);

  await page.getByTestId('step-instant').click(); // to the instant the miniport calls NdisMOidRequestComplete
  await expect(pended).toContainText('completed later');
  await expect(answer(page).getByTestId('oid-result').getByTestId('status-name')).toHaveText('NDIS_STATUS_SUCCESS');
  await expect(answer(page).getByTestId('oid-result')).toContainText('completed at 10.000 µs');
  await page.getByTestId('drive').screenshot({ path: `${SCREENS_DIR}/console-pended.png` });
});

test('a flow can be stopped while it is sending, and step back lets it run again', async ({ page }) => {
  await openBlank(page);
  await page.getByTestId('tab-traffic').click();
  await page.getByTestId('traffic-destination').selectOption('broadcast');
  await page.getByTestId('traffic-count').fill('1000');
  await page.getByTestId('traffic-start').click();
  const sending = page.getByTestId('flows-sending').getByTestId('flow');
  await expect(sending).toContainText('UI broadcast #1');
  for (let i = 0; i < 5; i++) await page.getByTestId('step-instant').click();
  await expect.poll(() => page.evaluate(() => window.vmqE2E?.view()?.totals.arrived ?? 0)).toBeGreaterThan(1);
  await sending.getByTestId('flow-stop').click();
  const ended = page.getByTestId('flows-ended').getByTestId('flow');
  await expect(ended).toContainText(/sent \d+$/);
  const sent = Number((await ended.textContent())?.match(/sent (\d+)/)?.[1]);
  expect(sent).toBeGreaterThan(1);
  expect(sent).toBeLessThan(1000);
  await expect(page.getByTestId('flows-sending')).toContainText('No flow is sending.');

  await page.getByTestId('step-back').click();
  await expect(sending).toContainText('UI broadcast #1');
  await expect(page.getByTestId('flows-ended')).toHaveCount(0);
});
