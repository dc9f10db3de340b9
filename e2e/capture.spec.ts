/**
 * Issue 11 §1: a pcap or pcapng capture dropped onto the page replays from this moment through the adapter's filters
 * as they are now; a malformed one is a clear error and the session stays as it was.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import type { AdapterView } from '../src/engine/types.ts';
import { readCapture } from '../src/scenario/capture.ts';
import { replayAfterRun } from '../src/scenario/captureReplay.ts';
import { parseScenario } from '../src/scenario/parse.ts';
import { pcapngRun } from '../src/scenario/tracePcapng.ts';
import { dropFile, expect, test } from './fixtures.ts';

const FILE = 'vlan-filtering.json';
const parsed = parseScenario(readFileSync(`public/scenarios/${FILE}`, 'utf8'));
if (!parsed.ok) throw new Error(`${FILE} does not parse`);
const scenario = parsed.scenario;
/** The scenario's own frames as the playground's pcapng export writes them. */
const CAPTURE = pcapngRun(scenario, 'e2e').bytes;

const view = (page: Page) => page.evaluate(() => window.vmqE2E?.view() ?? null) as Promise<AdapterView | null>;
const stats = (page: Page) => page.evaluate(() => window.vmqE2E?.stats() ?? null);
const classified = (v: AdapterView | null) =>
  new Map<number, number>(v?.queues.map((q) => [q.QueueId, q.counters.classified]));

async function runToEnd(page: Page) {
  await page.goto(`/?scenario=${FILE}`);
  await expect(page.getByTestId('scenario-title')).toBeVisible();
  await stepToEnd(page);
}

/** Steps scenario step by scenario step until the story is over (faster than playing it at 1×). */
async function stepToEnd(page: Page) {
  for (let left = (await stats(page))?.stepCount ?? 0; left >= 0; left--) {
    const now = await stats(page);
    if (now?.finished) return;
    await page.getByTestId('step-scenario').click();
    await expect.poll(async () => (await stats(page))?.nextStepIndex).not.toBe(now?.nextStepIndex);
  }
  expect((await stats(page))?.finished).toBe(true);
}

test('a dropped pcapng replays from here: each queue receives the frames its filters take', async ({ page }) => {
  await runToEnd(page);
  const before = classified(await view(page));
  await dropFile(page, 'vlan-filtering.pcapng', CAPTURE);
  const dialog = page.getByTestId('capture-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('capture-summary')).toContainText('pcapng: 19 frames');
  await dialog.getByTestId('capture-spacing-compressed').check();
  await dialog.getByTestId('capture-replay').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('file-notice')).toContainText('19 frames will replay from here');

  // Where the engine puts each frame, replayed through the scenario's adapter as its run ends.
  const expected = new Map<number, number>();
  for (const frame of replayAfterRun(scenario, readCapture(CAPTURE).frames, 'compressed'))
    expected.set(frame.queueId ?? -1, (expected.get(frame.queueId ?? -1) ?? 0) + 1);
  expect(expected.size, 'the replay spreads over several queues').toBeGreaterThan(1);

  await stepToEnd(page);
  const after = classified(await view(page));
  for (const [queueId, n] of expected)
    expect(after.get(queueId), `QueueId ${queueId}`).toBe((before.get(queueId) ?? 0) + n);
});

test('a malformed capture is refused with its reason, and the session stays as it was', async ({ page }) => {
  await runToEnd(page);
  const before = await stats(page);
  const corrupt = CAPTURE.slice();
  new DataView(corrupt.buffer).setUint32(4, 13, true); // the Section Header Block's length: not a multiple of 4
  await dropFile(page, 'broken.pcapng', corrupt);
  await expect(page.getByTestId('file-notice')).toContainText(
    'broken.pcapng was not replayed: pcapng: the block at byte 0 declares a length of 13',
  );
  await expect(page.getByTestId('capture-dialog')).toHaveCount(0);
  await dropFile(page, 'notes.pcap', 'just some text');
  await expect(page.getByTestId('file-notice')).toContainText(
    'notes.pcap was not replayed: not a pcap or pcapng capture',
  );
  expect(await stats(page)).toEqual(before);
  await expect(page.getByTestId('scenario-title')).toBeVisible();
});
