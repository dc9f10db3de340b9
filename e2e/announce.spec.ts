/**
 * The page's one live region (issue 12): what a screen-reader user hears while following the default story with the
 * keyboard, in order and in the reference's words, and what "describe this moment" (D) reads.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

/** Every message the live region is given, in order, from the page's first moment. */
async function listen(page: Page) {
  await page.addInitScript(() => {
    const heard: string[] = [];
    (window as unknown as { heard: string[] }).heard = heard;
    new MutationObserver((changes) => {
      for (const change of changes)
        for (const node of change.addedNodes)
          if (node instanceof Element && node.parentElement?.dataset['testid'] === 'announcer')
            heard.push(node.textContent ?? '');
    }).observe(document, { subtree: true, childList: true });
  });
}

const heard = (page: Page) => page.evaluate(() => (window as unknown as { heard: string[] }).heard.join(' '));

test('R22 the free sequence is announced in the order the miniport goes through it, each in the reference’s words', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await listen(page);
  await page.goto('/');
  await expect(page.getByTestId('scenario-title')).toHaveText('VMQ in a minute');
  // At a listener's pace: each step, then what the region says about it (a burst of steps is cut short in one
  // message, which says how many events it left out).
  const region = page.getByTestId('announcer');
  for (let i = 1; i <= 20; i++) {
    const before = Number(await region.getAttribute('data-count'));
    await page.keyboard.press('Shift+ArrowRight');
    await expect(page.getByTestId('step-counter')).toHaveText(`${i} / 22`);
    await expect
      .poll(async () => Number(await region.getAttribute('data-count')), { timeout: 2500 })
      .toBeGreaterThan(before)
      .catch(() => undefined); // a step with nothing to say
  }
  const sequence = [
    'Filter 2 cleared from queue 2',
    'Queue 2: Running → Paused, in answer to CLEAR_FILTER #6',
    'OID_RECEIVE_FILTER_CLEAR_FILTER #6 answered: NDIS_STATUS_SUCCESS',
    'Queue 2: Paused → StopDma, in answer to FREE_QUEUE #7',
    'Queue 2 is now DmaStopped: NDIS_STATUS_RECEIVE_QUEUE_STATE, in answer to FREE_QUEUE #7',
    'Queue 2: StopDma → Freeing, in answer to FREE_QUEUE #7',
    'Queue 2: Freeing → Undefined',
    'OID_RECEIVE_FILTER_FREE_QUEUE #7',
  ];
  await expect.poll(() => heard(page), { timeout: 15_000 }).toContain(sequence.at(-1));
  const said = await heard(page);
  const at = sequence.map((s) => said.indexOf(s));
  expect(
    at.every((i) => i >= 0),
    `heard: ${said}`,
  ).toBe(true);
  expect(at).toEqual([...at].sort((a, b) => a - b));
  // Traffic is counted, not read frame by frame.
  expect(said).toMatch(/\d+ frames to queue 1/);
  expect(said).not.toContain('Frame #');
  // A rewind says where the run went instead of reading the story again.
  await page.keyboard.press('Home');
  await expect.poll(() => heard(page)).toMatch(/Rewound to t = 0\.$/);
});

test('D describes the whole adapter: every queue with the states the diagram shows', async ({ page }) => {
  await listen(page);
  await page.goto('/');
  await expect(page.getByTestId('scenario-title')).toHaveText('VMQ in a minute');
  for (let i = 1; i <= 12; i++) await page.keyboard.press('Shift+ArrowRight');
  await expect(page.getByTestId('step-counter')).toHaveText('12 / 22');
  await page.keyboard.press('d');
  await expect.poll(() => heard(page)).toContain('Shared memory:');
  const said = await heard(page);
  for (const queue of await page.getByTestId('diagram-queue').all()) {
    const id = await queue.getAttribute('data-queue-id');
    const reported = await queue.getAttribute('data-reported');
    const name = id === '0' ? 'Default queue' : `Queue ${id}`;
    expect(said).toMatch(new RegExp(`${name}[^:]*: [^;]*${reported}`));
  }
  expect(said).toContain('ws2012, NDIS 6.30');
});
