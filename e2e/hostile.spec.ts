/**
 * Issue 7's hostile inputs, tried in the app the way a student or an attacker would: each gets a clear answer,
 * the running scenario is kept, and the page keeps working afterwards (no frozen worker, no refused batches).
 */
import type { Page } from '@playwright/test';
import { expect, showLowerPanels, test } from './fixtures.ts';

const VM1 = { name: 'VM1', mac: '00-15-5D-00-00-01' };

const allocate = (buffer: Record<string, unknown>) => ({
  oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE',
  buffer: { QueueType: 'NdisReceiveQueueTypeVMQueue', VmName: 'VM1', QueueName: 'VM1 queue', ...buffer },
  saveAs: 'q',
});

const scenario = (title: string, steps: unknown[]) => ({
  format: 'vmq-scenario',
  version: 1,
  title,
  adapter: { profile: 'ws2012' },
  vms: [VM1],
  steps,
});

async function openFile(page: Page, name: string, text: string) {
  await page.getByTestId('scenario-file').setInputFiles({
    name,
    mimeType: 'application/json',
    buffer: Buffer.from(text),
  });
}

/** After a refused file: the default story is still loaded and still steps. */
async function defaultStillRuns(page: Page) {
  await expect(page.getByTestId('scenario-title')).toHaveText('VMQ in a minute');
  const before = await page.getByTestId('step-counter').textContent();
  await page.getByTestId('step-scenario').click();
  await expect(page.getByTestId('step-counter')).not.toHaveText(before ?? '');
}

test.beforeEach(async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('scenario-title')).toHaveText('VMQ in a minute');
  await showLowerPanels(page);
});

const refusedFiles: { what: string; text: () => string; says: RegExp }[] = [
  {
    what: 'a fractional ProcessorAffinity.Mask',
    text: () => JSON.stringify(scenario('fraction', [allocate({ ProcessorAffinity: { Mask: 0.5, Group: 0 } })])),
    says: /steps\[0\]\.buffer\.ProcessorAffinity\.Mask: 0\.5 is not a KAFFINITY/,
  },
  {
    what: 'a negative ProcessorAffinity.Mask',
    text: () => JSON.stringify(scenario('negative', [allocate({ ProcessorAffinity: { Mask: -16, Group: 0 } })])),
    says: /steps\[0\]\.buffer\.ProcessorAffinity\.Mask: -16 is not a KAFFINITY/,
  },
  {
    what: 'a misspelled buffer member',
    text: () => JSON.stringify(scenario('typo', [allocate({ NumSuggestedReceiveBufers: 8 })])),
    says: /NumSuggestedReceiveBufers.*NumSuggestedReceiveBuffers/,
  },
  {
    what: 'two "expect" keys in one step',
    text: () =>
      '{"format":"vmq-scenario","version":1,"title":"dup","adapter":{"profile":"ws2012"},\n"steps":[{"note":"n",\n"expect":{"status":"NDIS_STATUS_SUCCESS"},\n"expect":{"status":"NDIS_STATUS_FAILURE"}}]}',
    says: /key "expect" appears twice \(lines 3 and 4\)/,
  },
  {
    what: '10,000 nested brackets in a truncated file',
    text: () => '['.repeat(10_000),
    says: /nested more than 64 deep/,
  },
];

for (const { what, text, says } of refusedFiles) {
  test(`a file with ${what} is refused with a clear error, and the running scenario keeps working`, async ({
    page,
  }) => {
    await openFile(page, 'hostile.json', text());
    await expect(page.getByTestId('load-problem')).toContainText('Could not load “hostile.json”');
    await expect(page.getByTestId('load-problem-errors')).toContainText(says);
    await defaultStillRuns(page);
  });
}

test('a reference to an inherited property ("$q.toString") fails its step with "has no field", and later batches and loads still work', async ({
  page,
}) => {
  const file = scenario('inherited', [
    allocate({ ProcessorAffinity: { Mask: 2, Group: 0 } }),
    {
      oid: 'OID_RECEIVE_FILTER_QUEUE_PARAMETERS',
      requestType: 'NdisRequestSetInformation',
      buffer: { QueueId: '$q.QueueId', QueueName: '$q.toString' },
    },
    { note: 'after the bad reference' },
  ]);
  await openFile(page, 'inherited.json', JSON.stringify(file));
  await expect(page.getByTestId('scenario-title')).toHaveText('inherited');
  for (let i = 0; i < 3; i++) await page.getByTestId('step-scenario').click();
  await expect(page.getByTestId('step-counter')).toHaveText('3 / 3');
  await expect(page.getByTestId('expectation-panel')).toContainText('output has no field "toString"');
  await expect(page.getByTestId('narration')).toContainText('after the bad reference');

  // The worker still answers: another scenario loads and plays.
  await page.getByTestId('scenario-picker').selectOption('vmq-in-a-minute.json');
  await defaultStillRuns(page);
  await expect(page.getByTestId('recovery-banner')).toHaveCount(0);
});

test('the OID console answers a raw request with a fractional or negative Mask at once, and the picker still responds', async ({
  page,
}) => {
  await page.getByTestId('oid-mode-raw').click();
  for (const mask of [0.5, -16]) {
    await page.getByTestId('oid-raw').fill(
      JSON.stringify({
        oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE',
        buffer: {
          QueueType: 'NdisReceiveQueueTypeVMQueue',
          ProcessorAffinity: { Mask: mask, Group: 0 },
          VmName: 'VM1',
          QueueName: 'raw',
        },
      }),
    );
    await page.getByTestId('oid-send').click();
    await expect(page.getByTestId('oid-answer').getByTestId('status-name')).toHaveText('NDIS_STATUS_INVALID_DATA');
    await expect(page.getByTestId('oid-answer').getByTestId('result-message')).toContainText(String(mask));
  }
  await page.getByTestId('scenario-picker').selectOption('free-queue-properly.json');
  await expect(page.getByTestId('scenario-title')).toHaveText('Freeing a queue the documented way');
});
