/**
 * The adapter diagram and the memory map against the engine: frames land in the queue the engine says, the free
 * sequence shows every state and the DmaStopped indication, and memory goes only after the NBLs come back.
 */
import { readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { heavyTrafficScenario } from '../src/bench/heavyTraffic.ts';
import type { AdapterView } from '../src/engine/types.ts';
import { parseScenario } from '../src/scenario/parse.ts';
import { createScenarioSession } from '../src/scenario/session.ts';
import { expect, SCREENS_DIR, test } from './fixtures.ts';

/** The engine's own answer, run headlessly in the test: the view after the first `steps` scenario steps. */
function engineViewAfter(file: string, steps: number): AdapterView {
  const parsed = parseScenario(readFileSync(`public/scenarios/${file}`, 'utf8'));
  if (!parsed.ok) throw new Error(`${file} does not parse`);
  const session = createScenarioSession(parsed.scenario);
  for (let i = 0; i < steps; i++) session.runNextStep();
  return session.engine.view();
}

/** A built-in scenario's step count, as the step counter shows it. */
const stepsOf = (file: string): number => JSON.parse(readFileSync(`public/scenarios/${file}`, 'utf8')).steps.length;

/** Runs the next scenario step and waits until the page shows it. */
async function stepTo(page: Page, index: number, total: number) {
  await page.getByTestId('step-scenario').click();
  await expect(page.getByTestId('step-counter')).toHaveText(`${index} / ${total}`);
}

const queue = (page: Page, queueId: number): Locator =>
  page.locator(`[data-testid=diagram-queue][data-queue-id="${queueId}"]`);
const reported = (page: Page, queueId: number) => queue(page, queueId).getByTestId('diagram-queue-reported');
const blocksOf = (page: Page, queueId: number) =>
  page.locator(`[data-testid=memory-block][data-queue-id="${queueId}"]`);

test("allocate, filter, complete, traffic: frames land in the queue and its counter is the engine's", async ({
  page,
}) => {
  const file = 'allocate-filter-receive.json';
  await page.goto(`/?scenario=${file}`);
  await expect(page.getByTestId('scenario-title')).toHaveText('Allocate, filter, complete, receive');
  const steps = JSON.parse(readFileSync(`public/scenarios/${file}`, 'utf8')).steps as Record<string, unknown>[];
  // Through the advance that lets the traffic arrive.
  const received = steps.findIndex((step) => 'advance' in step) + 1;
  for (let i = 1; i <= received; i++) await stepTo(page, i, steps.length);

  const engine = engineViewAfter(file, received);
  const classified = engine.queues.find((q) => q.QueueId === 1)?.counters.classified ?? -1;
  expect(classified).toBeGreaterThan(0);
  await expect(queue(page, 1).getByTestId('diagram-queue-classified')).toHaveText(String(classified));
  await expect(queue(page, 0).getByTestId('diagram-queue-classified')).toHaveText(
    String(engine.queues.find((q) => q.QueueId === 0)?.counters.classified),
  );
  await expect(reported(page, 1)).toHaveText('Running');
  // The filter row that sends them there, and the memory the frames landed in.
  await expect(page.locator('[data-testid=diagram-filter][data-filter-id="1"]')).toBeVisible();
  await expect(blocksOf(page, 1)).toHaveCount(1);
  await expect(page.getByTestId('frame-anatomy')).toContainText('→ queue 1');

  // Clicking a queue selects it; the memory map then explains that queue's block.
  await queue(page, 1).click();
  await expect(queue(page, 1).getByRole('button')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('memory-block-why')).toContainText('management-OS memory');
  await page.getByTestId('adapter-diagram').screenshot({ path: `${SCREENS_DIR}/diagram.png` });
  await page.getByTestId('memory-map').screenshot({ path: `${SCREENS_DIR}/memory-map-2012.png` });
});

test('before QUEUE_ALLOCATION_COMPLETE a queue that reports Running says so, unlike a queue that receives', async ({
  page,
}) => {
  const file = 'vmq-in-a-minute.json';
  const total = JSON.parse(readFileSync(`public/scenarios/${file}`, 'utf8')).steps.length as number;
  // From the engine itself: the first step after which queue 1 reports Running (its filter set, state Set) before its
  // allocation is complete, and the first after which it is complete.
  const queueOne = (steps: number) => engineViewAfter(file, steps).queues.find((q) => q.QueueId === 1);
  let allocated = 1;
  while (queueOne(allocated)?.reported !== 'NdisReceiveQueueOperationalStateRunning') allocated++;
  let complete = allocated;
  while (!queueOne(complete)?.allocationComplete) complete++;
  expect(queueOne(allocated)).toMatchObject({ state: 'Set', allocationComplete: false });
  expect(complete).toBeGreaterThan(allocated);

  await page.goto(`/?scenario=${file}`);
  await expect(page.getByTestId('scenario-title')).toHaveText('VMQ in a minute');
  for (let i = 1; i <= allocated; i++) await stepTo(page, i, total);
  await expect(reported(page, 1)).toHaveText('Running (reported)');
  await expect(queue(page, 1).getByTestId('diagram-queue-badge')).toHaveAttribute('data-receiving', 'false');
  await expect(queue(page, 1)).toContainText('allocation not complete');
  await expect(reported(page, 0)).toHaveText('Running');
  await page.getByTestId('adapter-diagram').screenshot({ path: `${SCREENS_DIR}/diagram-allocation-not-complete.png` });

  for (let i = allocated + 1; i <= complete; i++) await stepTo(page, i, total);
  await expect(reported(page, 1)).toHaveText('Running');
  await expect(queue(page, 1).getByTestId('diagram-queue-badge')).toHaveAttribute('data-receiving', 'true');
  await expect(queue(page, 1)).not.toContainText('allocation not complete');
});

test('the switch lists its latest requests and says how many earlier ones it leaves out', async ({ page }) => {
  const file = 'vmq-in-a-minute.json';
  const steps = JSON.parse(readFileSync(`public/scenarios/${file}`, 'utf8')).steps as Record<string, unknown>[];
  const requests = steps.filter((step) => 'oid' in step).length;
  await page.goto(`/?scenario=${file}`);
  await expect(page.getByTestId('scenario-title')).toHaveText('VMQ in a minute');
  await page.getByTestId('speed').selectOption('100');
  await page.getByTestId('play-pause').click();
  await expect(page.getByTestId('playback-status')).toHaveText('finished', { timeout: 30_000 });
  const listed = await page.getByTestId('switch-oid').count();
  expect(listed).toBeGreaterThan(0);
  expect(requests).toBeGreaterThan(listed);
  await expect(page.getByTestId('switch-oid-earlier')).toHaveText(`+${requests - listed} earlier`);
});

test('freeing properly: Running → Paused → DmaStopped (indicated, linked to FREE_QUEUE) → gone, memory last', async ({
  page,
}) => {
  await page.goto('/?scenario=free-with-outstanding-nbls.json');
  await expect(page.getByTestId('scenario-title')).toHaveText('Freeing while NBLs are outstanding');
  const total = stepsOf('free-with-outstanding-nbls.json');
  for (let i = 1; i <= 7; i++) await stepTo(page, i, total);
  await expect(reported(page, 1)).toHaveText('Running');
  await expect(
    page.locator('[data-testid=diagram-bin-reason][data-reason=no-free-buffer]').getByTestId('diagram-bin-count'),
  ).toHaveText('4');

  await stepTo(page, 8, total);
  await stepTo(page, 9, total); // CLEAR_FILTER of the queue's last filter
  await expect(reported(page, 1)).toHaveText('Paused');
  await expect(page.getByTestId('queue-state-indication')).toHaveCount(0);

  await stepTo(page, 10, total); // FREE_QUEUE: DMA stops, the miniport indicates DmaStopped, the request pends
  await expect(reported(page, 1)).toHaveText('DmaStopped');
  await expect(queue(page, 1).getByTestId('diagram-queue-detailed')).toHaveText('Freeing');
  const indication = page.getByTestId('queue-state-indication');
  await expect(indication).toContainText('NDIS_STATUS_RECEIVE_QUEUE_STATE');
  await expect(indication).toContainText('FREE_QUEUE #5');
  await expect(indication).toHaveAttribute('data-cause-request-id', '5');
  await expect(page.locator('[data-testid=switch-oid][data-request-id="5"]')).toContainText('PENDING');
  await expect(page.getByTestId('indication-link')).toHaveCount(1);
  await expect(blocksOf(page, 1)).toHaveCount(1);
  await page.getByTestId('viz-stage').screenshot({ path: `${SCREENS_DIR}/free-queue-dma-stopped.png` });

  for (let i = 11; i <= 15; i++) await stepTo(page, i, total); // five NBLs back: three are still out
  await expect(reported(page, 1)).toHaveText('DmaStopped');
  await expect(blocksOf(page, 1)).toHaveCount(1);

  await stepTo(page, 16, total); // the rest come back: memory freed, queue Undefined
  await expect(queue(page, 1)).toHaveCount(0);
  await expect(blocksOf(page, 1)).toHaveCount(0);
  await expect(page.getByTestId('queue-state-indication')).toHaveCount(0);
  await expect(page.locator('[data-testid=switch-oid][data-request-id="5"]')).toContainText('SUCCESS');
});

/** The default story up to (not through) its FREE_QUEUE of queue 2. */
async function beforeTheDefaultFree(page: Page) {
  await page.goto('/');
  await expect(page.getByTestId('scenario-title')).toHaveText('VMQ in a minute');
  const steps = JSON.parse(readFileSync('public/scenarios/vmq-in-a-minute.json', 'utf8')).steps as { oid?: string }[];
  const free = steps.findIndex((step) => step.oid === 'OID_RECEIVE_FILTER_FREE_QUEUE');
  for (let i = 1; i <= free; i++) await stepTo(page, i, steps.length);
  await expect(reported(page, 2)).toHaveText('Paused');
}

test('R22 the default story shows the freed queue DmaStopped, then its ghost, while playing at 1×', async ({
  page,
}) => {
  await beforeTheDefaultFree(page);
  await expect(page.getByTestId('speed')).toHaveValue('1');
  await page.getByTestId('play-pause').click();
  await expect(reported(page, 2)).toHaveText('DmaStopped', { timeout: 5_000 });
  await expect(queue(page, 2).getByTestId('queue-state-indication')).toContainText('DmaStopped');
  await page.getByTestId('adapter-diagram').screenshot({ path: `${SCREENS_DIR}/free-dmastopped-1x.png` });
  await expect(queue(page, 2)).toHaveAttribute('data-state', 'Freeing');
  const ghost = page.locator('[data-testid=diagram-queue][data-queue-id="2"][data-departed=true]');
  await expect(ghost).toContainText('DmaStopped → Freeing → freed');
  await expect(queue(page, 2)).toHaveCount(0, { timeout: 5_000 });
});

test('R22 Step event walks the free sequence one trace event at a time', async ({ page }) => {
  await beforeTheDefaultFree(page);
  const held = page.getByTestId('held-events');
  const eventsShown = async () => Number((await page.getByTestId('event-count').textContent())?.replace(/\D/g, ''));
  const states: string[] = [];
  for (let i = 0; i < 20; i++) {
    const before = await eventsShown();
    await page.getByTestId('step-event').click();
    // Each press shows exactly one more event, with the view right after it.
    await expect.poll(eventsShown).toBe(before + 1);
    const state = (await queue(page, 2).first().getAttribute('data-state')) ?? 'gone';
    if (states.at(-1) !== state) states.push(state);
    if ((await held.count()) === 0 && i > 0) break;
  }
  expect(states).toEqual(['Paused', 'StopDma', 'Freeing', 'Undefined']);
  await expect(held).toHaveCount(0);
});

test('R21 a broken rule marks the queue and the request in the diagram, not only the conformance panel', async ({
  page,
}) => {
  await page.goto('/?scenario=free-with-filters.json');
  await expect(page.getByTestId('scenario-title')).toHaveText('Freeing a queue that still has filters');
  for (let i = 1; i <= 5; i++) await stepTo(page, i, 13); // … FREE_QUEUE with its filter still set
  await expect(page.getByTestId('conformance-violation')).toHaveAttribute('data-rule', 'R21');
  await expect(queue(page, 1).getByTestId('diagram-queue-broken')).toHaveText('⚠ R21');
  await expect(queue(page, 1).getByRole('button')).toHaveAttribute('aria-label', /broke R21/);
  await expect(page.locator('[data-testid=switch-oid][data-broken=R21]')).toContainText('FREE_QUEUE');
  await expect(queue(page, 0).getByTestId('diagram-queue-broken')).toHaveCount(0);
  await page.getByTestId('adapter-diagram').screenshot({ path: `${SCREENS_DIR}/diagram-violation.png` });
});

test('2008 R2 split: lookahead in host memory, the rest in the guest, each block saying why', async ({ page }) => {
  await page.goto('/?scenario=lookahead-split-2008r2.json');
  await expect(page.getByTestId('scenario-title')).toHaveText('Windows Server 2008 R2: the lookahead split');
  for (let i = 1; i <= 9; i++) await stepTo(page, i, stepsOf('lookahead-split-2008r2.json'));
  for (let i = 0; i < 12; i++) await page.getByTestId('step-instant').click();
  await expect(page.getByTestId('sim-time')).not.toHaveText('0.000 µs');

  const post = page.locator('[data-testid=memory-block][data-usage=NdisSharedMemoryUsageReceivePostLookahead]');
  await expect(post).toHaveAttribute('data-space', 'VM1');
  await expect(
    page.locator('[data-testid=memory-block][data-usage=NdisSharedMemoryUsageReceiveLookahead]'),
  ).toHaveAttribute('data-space', 'management-os');
  await expect(page.locator('[data-testid=split-threads][data-queue-id="1"]')).toBeVisible();
  await expect(page.getByTestId('frame-anatomy')).toHaveAttribute('data-split', 'true');
  await post.hover();
  await expect(page.getByTestId('memory-block-why')).toContainText("VM1's memory: the NIC accepted a MAC+VLAN filter");
  await page.getByTestId('memory-map').screenshot({ path: `${SCREENS_DIR}/memory-map-2008r2.png` });
});

/**
 * Heavy traffic: far more frames a second than the page pulls, so every pull is full. The page's clock is driven by
 * the test, one 30 Hz animation frame at a time, each after the previous pull was answered: the page then takes
 * as many frames a second of its own time as a page at 30 frames/s, however slow this machine is, and the
 * diagram must draw them all up to its capacity, then sample and say so.
 */
test.describe('heavy traffic', () => {
  test.use({ reducedMotion: 'no-preference', viewport: { width: 1440, height: 900 } });

  const drawnDots = (page: Page) =>
    page.getByTestId('adapter-diagram').evaluate((el) => Number(el.getAttribute('data-drawn-dots')));

  async function playHeavyTraffic(page: Page) {
    await page.clock.install();
    await page.goto('/');
    await expect(page.getByTestId('scenario-title')).toHaveText('VMQ in a minute');
    await page.getByTestId('scenario-file').setInputFiles({
      name: 'heavy-traffic.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(heavyTrafficScenario(12_000))),
    });
    await expect(page.getByTestId('scenario-title')).toContainText('Heavy traffic');
    await page.getByTestId('speed').selectOption('100');
    await page.clock.pauseAt(await page.evaluate(() => Date.now() + 1000));
    await page.getByTestId('play-pause').click();
  }

  /** Lets `frames` animation frames of page time pass, each once the page has its previous batch. */
  async function runFrames(page: Page, frames: number) {
    // A new batch is a new stats object. Time or the event count is no measure: a batch that lets out a held
    // instant, or drains a backlog of one instant's traffic, moves neither.
    const newBatch = () =>
      page.evaluate(() => {
        const w = window as Window & { seenStats?: unknown };
        const stats = window.vmqE2E?.stats();
        const fresh = stats !== w.seenStats;
        w.seenStats = stats;
        return fresh;
      });
    await newBatch();
    for (let i = 0; i < frames; i++) {
      await page.clock.runFor(1000 / 30);
      await expect.poll(newBatch, { intervals: [10] }).toBe(true);
    }
  }

  test('draws 2,000 and more frames in flight at once, says when it shows only 1 in N, light and dark', async ({
    page,
  }) => {
    test.setTimeout(180_000);
    await playHeavyTraffic(page);
    await runFrames(page, 60);
    expect(await drawnDots(page)).toBeGreaterThanOrEqual(2000);
    await expect(page.getByTestId('animation-note')).toHaveText(
      /^Heavy traffic: showing 1 in \d+ frames\. The counters count every frame\.$/,
    );
    // For people to look at: it must stay calm and readable on a projector, at every width, in both themes.
    for (const theme of ['light', 'dark'] as const) {
      if (theme === 'dark') await page.getByTestId('theme-toggle').click();
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      for (const width of [1280, 1440, 1920]) {
        await page.setViewportSize({ width, height: 1000 });
        await runFrames(page, 1);
        await page.getByTestId('adapter-diagram').screenshot({ path: `${SCREENS_DIR}/heavy-${width}-${theme}.png` });
      }
    }
  });
});

test.describe('with motion', () => {
  test.use({ reducedMotion: 'no-preference' });

  test('a queue moved to another CPU says which CPU it was on, for a moment', async ({ page }) => {
    const file = 'dynamic-vmq-2012.json';
    const steps = JSON.parse(readFileSync(`public/scenarios/${file}`, 'utf8')).steps as Record<string, unknown>[];
    const move = steps.findIndex((step) => step['oid'] === 'OID_RECEIVE_FILTER_QUEUE_PARAMETERS') + 1;
    await page.goto(`/?scenario=${file}`);
    await expect(page.getByTestId('scenario-title')).toContainText('Dynamic VMQ');
    for (let i = 1; i < move; i++) await stepTo(page, i, steps.length);
    await expect(queue(page, 1).getByTestId('diagram-queue-cpu')).toHaveText('CPU 1');
    await expect(queue(page, 1)).not.toContainText('was CPU');
    await stepTo(page, move, steps.length);
    await expect(queue(page, 1).getByTestId('diagram-queue-cpu')).toHaveText('CPU 3');
    await expect(queue(page, 1)).toContainText('was CPU 1');
  });
});
