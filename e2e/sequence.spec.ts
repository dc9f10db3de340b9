/**
 * The sequence diagram of the FREE_QUEUE story: the documented order (§3.9, R22–R24) on screen, a message that
 * selects its event for the other views, and the exports a reviewer pastes into a document (SVG, Mermaid).
 */
import { readFile } from 'node:fs/promises';
import type { Download, Page } from '@playwright/test';
import { expect, SCREENS_DIR, showLowerPanels, test } from './fixtures.ts';

/** Opens free-queue-properly and runs it to its end (the scrubber at its last instant). */
async function runFreeQueueStory(page: Page) {
  await page.goto('/?scenario=free-queue-properly.json');
  await expect(page.getByTestId('scenario-title')).toHaveText('Freeing a queue the documented way');
  const scrubber = page.getByTestId('scrubber');
  await scrubber.fill((await scrubber.getAttribute('max')) ?? '');
  await expect(page.getByTestId('sim-time')).toHaveText('100.000 µs');
}

/** The sequence panel, scrolled to and opened (it is closed at first). */
async function openSequencePanel(page: Page) {
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  const panel = page.getByTestId('sequence');
  await expect(panel).toHaveAttribute('data-open', 'false');
  await panel.getByTestId('panel-toggle').click();
  await expect(panel).toHaveAttribute('data-open', 'true');
  return panel;
}

/** Parses `svg` with the browser's DOMParser, in a blank page of the same browser: the playground's own Trusted Types
 * policy lets no string become markup there, on purpose. */
async function parseSvg(page: Page, svg: string) {
  const blank = await page.context().newPage();
  const parsed = await blank.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    return {
      root: doc.documentElement.nodeName,
      errors: doc.getElementsByTagName('parsererror').length,
      texts: Array.from(doc.getElementsByTagName('text'), (t) => t.textContent ?? ''),
    };
  }, svg);
  await blank.close();
  return parsed;
}

const downloaded = async (download: Download): Promise<string> => readFile(await download.path(), 'utf8');

test('R22 R24 the FREE_QUEUE story in the sequence diagram: the documented order, selection, SVG and Mermaid', async ({
  page,
}) => {
  await runFreeQueueStory(page);
  const panel = await openSequencePanel(page);
  await page.getByTestId('sequence-queue').selectOption('1');

  const messages = panel.getByTestId('sequence-message');
  const shown = await messages.evaluateAll((rows) =>
    rows.map((row) => ({
      kind: row.getAttribute('data-kind'),
      label: row.getAttribute('data-label'),
      from: row.getAttribute('data-from'),
      to: row.getAttribute('data-to'),
    })),
  );
  const start = shown.findIndex((m) => m.kind === 'request' && m.label?.includes('OID_RECEIVE_FILTER_FREE_QUEUE'));
  expect(start).toBeGreaterThan(0);
  // Request → stop DMA → DmaStopped → the memory → SUCCESS; every NBL of the queue came back before.
  expect(shown.slice(start, start + 5)).toEqual([
    {
      kind: 'request',
      label: '#5 OID_RECEIVE_FILTER_FREE_QUEUE (QueueId 1)',
      from: 'driver:vmswitch',
      to: 'miniport',
    },
    { kind: 'dma-stop', label: 'stop DMA (QueueId 1)', from: 'miniport', to: 'nic' },
    {
      kind: 'status',
      label: 'NDIS_STATUS_RECEIVE_QUEUE_STATE QueueState DmaStopped (QueueId 1)',
      from: 'miniport',
      to: 'driver:vmswitch',
    },
    { kind: 'memory-free', label: 'NdisFreeSharedMemory: QueueId 1, block 2', from: 'miniport', to: 'ndis' },
    { kind: 'completion', label: '#5 NDIS_STATUS_SUCCESS', from: 'miniport', to: 'driver:vmswitch' },
  ]);
  const returns = shown.flatMap((m, i) => (m.kind === 'return' ? [i] : []));
  expect(returns).toHaveLength(4);
  expect(Math.max(...returns)).toBeLessThan(start);

  // A message selects its event for the inspector, and stays highlighted.
  const dmaStopped = messages.and(page.locator('[data-kind=status]'));
  await dmaStopped.click();
  await expect(page.getByTestId('inspect-event')).toHaveAttribute('data-kind', 'status-indicated');
  await expect(page.getByTestId('inspect-event')).toContainText('NdisReceiveQueueOperationalStateDmaStopped');
  await expect(dmaStopped).toHaveAttribute('aria-pressed', 'true');
  await panel.screenshot({ path: `${SCREENS_DIR}/sequence-free-queue.png` });

  // SVG: a document of its own that a browser parses, naming every lifeline the panel shows.
  const lifelines = await panel
    .getByTestId('sequence-lifeline')
    .evaluateAll((boxes) => boxes.map((box) => box.querySelector('span')?.textContent ?? ''));
  expect(lifelines).toEqual(['VM1', 'vmswitch', 'NDIS', 'miniport', 'NIC (DMA)']);
  for (const button of ['sequence-svg', 'sequence-svg-other']) {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(button).click()]);
    expect(download.suggestedFilename()).toMatch(
      /^sequence-freeing-a-queue-the-documented-way-queueid-1-(light|dark)\.svg$/,
    );
    const svg = await downloaded(download);
    const parsed = await parseSvg(page, svg);
    expect(parsed).toMatchObject({ root: 'svg', errors: 0 });
    for (const name of lifelines) expect(parsed.texts).toContain(name);
    expect(parsed.texts).toContain('NDIS_STATUS_RECEIVE_QUEUE_STATE QueueState DmaStopped (QueueId 1)');
  }

  // Mermaid: the diagram type, then the FREE_QUEUE messages in the documented order.
  const [mermaidFile] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('sequence-mermaid').click(),
  ]);
  const mermaid = await downloaded(mermaidFile);
  expect(mermaid.split('\n')[0]).toBe('sequenceDiagram');
  const order = [
    '#35;5 OID_RECEIVE_FILTER_FREE_QUEUE',
    'stop DMA (QueueId 1)',
    'NDIS_STATUS_RECEIVE_QUEUE_STATE QueueState DmaStopped',
    'NdisFreeSharedMemory: QueueId 1',
    '#35;5 NDIS_STATUS_SUCCESS',
  ].map((text) => mermaid.indexOf(text));
  expect(order.every((at) => at > 0)).toBe(true);
  expect(order).toEqual([...order].sort((a, b) => a - b));
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByTestId('sequence-mermaid-copy').click();
  await expect(page.getByTestId('sequence-said')).toHaveText('Mermaid copied');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(mermaid);
});

test('the sequence diagram filters by request and by time, and follows a selection made elsewhere', async ({
  page,
}) => {
  await runFreeQueueStory(page);
  const panel = await openSequencePanel(page);
  const messages = panel.getByTestId('sequence-message');
  const kinds = () => messages.evaluateAll((rows) => rows.map((row) => row.getAttribute('data-kind')));

  await page.getByTestId('sequence-request').selectOption({ label: '#5 OID_RECEIVE_FILTER_FREE_QUEUE' });
  await expect.poll(kinds).toEqual(['request', 'dma-stop', 'status', 'memory-free', 'completion']);

  await panel.getByRole('button', { name: 'Show all' }).click();
  // Selected in the event log: the same event is the highlighted message here.
  await showLowerPanels(page);
  await page.getByTestId('trace-row').and(page.locator('[data-kind=status-indicated]')).click();
  await panel.scrollIntoViewIfNeeded();
  const pressed = messages.and(page.locator('[aria-pressed=true]'));
  await expect(pressed).toHaveAttribute('data-kind', 'status');
  // From the keyboard: one tab stop, ↓ selects the next message (DmaStopped, then the memory is freed).
  await pressed.focus();
  await page.keyboard.press('ArrowDown');
  await expect(pressed).toHaveAttribute('data-kind', 'memory-free');
  await expect(pressed).toBeFocused();
  await expect(messages.and(page.locator('[tabindex="0"]'))).toHaveCount(1);

  await page.getByTestId('sequence-from').fill('20');
  await page.getByTestId('sequence-to').fill('30');
  await expect.poll(kinds).toEqual(['return', 'return', 'return', 'return']);
  await expect(panel.getByTestId('sequence-lifeline')).toHaveText([/VM1/, /NDIS/, /miniport/, /NIC/]);

  await page.getByTestId('sequence-to').fill('1');
  await expect(panel.getByTestId('sequence-empty')).toHaveText('No message passes this filter.');
});
