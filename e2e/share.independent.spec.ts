/**
 * Share link version 1 in the browser, tested from docs/share-links.md alone: a link opened in a fresh browser
 * (no autosave, no storage) shows the same adapter, selection and panels; the doc's hand-written example opens
 * what the doc says; a broken part is said; the address pushes history only for another scenario, seed, lesson or
 * compare mode; the page writes the parameters in the doc's order; and a link stays within 8,000 characters.
 */
import type { Browser, Page } from '@playwright/test';
import { expect, showLowerPanels, test } from './fixtures.ts';

/** The doc's table, in the order the page writes the parameters. */
const ORDER = [
  'lesson',
  'scenario',
  'empty',
  'cpus',
  'vms',
  'file',
  'seed',
  'compare',
  'teacher',
  'at',
  'acts',
  'sel',
  'panels',
];

const view = (page: Page) => page.evaluate(() => window.vmqE2E?.view() ?? null);
const stats = (page: Page) => page.evaluate(() => window.vmqE2E?.stats() ?? null);
const params = (url: string) => new URL(url).searchParams;
const queue = (page: Page, id: number) => page.locator(`[data-testid=diagram-queue][data-queue-id="${id}"]`).first();

/** What a reader sees of the first side: the engine's facts, the step counter, the selection. */
async function moment(page: Page) {
  const s = await stats(page);
  return {
    view: await view(page),
    simTimeNs: await page.evaluate(() => window.vmqE2E?.simTimeNs()),
    step: s?.nextStepIndex,
    events: s?.eventCount,
    counter: await page.getByTestId('step-counter').textContent(),
    title: await page.getByTestId('scenario-title').textContent(),
  };
}

/** Which of the doc's panels are open, read from each panel's own toggle. */
async function openPanels(page: Page): Promise<Record<string, boolean>> {
  await showLowerPanels(page);
  const toggle = {
    timeline: page.getByTestId('timeline').getByTestId('panel-toggle'),
    queues: page.getByTestId('queue-panel').getByTestId('panel-toggle'),
    log: page.getByTestId('event-log').getByTestId('panel-toggle'),
    drive: page.getByTestId('drive').getByTestId('panel-toggle'),
    conformance: page.getByTestId('conformance').getByTestId('panel-toggle'),
  };
  const open: Record<string, boolean> = {};
  for (const [name, button] of Object.entries(toggle)) {
    open[name] = (await button.first().getAttribute('aria-expanded')) === 'true';
  }
  return open;
}

/** The address once the page has written it (it trails a click by a moment): it names these parameters, and its
 * `at` names where the first side stands now. */
async function addressWith(page: Page, ...names: string[]): Promise<string> {
  const current = async () => {
    const url = page.url();
    if (!names.every((name) => params(url).has(name))) return false;
    const at = params(url).get('at');
    if (at === null) return true;
    const s = await stats(page);
    const tNs = await page.evaluate(() => window.vmqE2E?.simTimeNs());
    return at.split('.').slice(0, 3).join('.') === `${tNs}.${s?.nextStepIndex}.${s?.eventCount}`;
  };
  await expect.poll(current).toBe(true);
  return page.url();
}

/** Opens `url` in a browser that has never seen the page: no autosave to restore from. */
async function fresh(browser: Browser, url: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url);
  return page;
}

async function stepScenario(page: Page, times: number) {
  const counter = page.getByTestId('step-counter');
  await expect(counter).toHaveText(/^0 \/ [1-9]/);
  const total = (await counter.textContent())?.split(' / ')[1];
  for (let i = 1; i <= times; i++) {
    await page.getByTestId('step-scenario').click();
    await expect(page.getByTestId('step-counter')).toHaveText(`${i} / ${total}`);
  }
}

test('a link opened in a fresh browser reproduces the adapter, the selection and the panels', async ({
  page,
  browser,
}) => {
  await page.goto('/?scenario=free-queue-properly.json');
  await expect(page.getByTestId('scenario-title')).toHaveText('Freeing a queue the documented way');
  await stepScenario(page, 6);
  await queue(page, 1).click();
  await expect(queue(page, 1).getByRole('button')).toHaveAttribute('aria-pressed', 'true');
  await showLowerPanels(page);
  await page.getByTestId('event-log').getByTestId('panel-toggle').first().click();
  await page.getByTestId('timeline').getByTestId('panel-toggle').first().click();
  const url = await addressWith(page, 'scenario', 'seed', 'at', 'sel', 'panels');
  expect(params(url).get('sel')).toBe('queue.1');
  expect(params(url).get('panels')?.split('.')).not.toContain('log');
  expect(params(url).get('panels')?.split('.')).toContain('timeline');
  const here = await moment(page);
  const panels = await openPanels(page);

  const other = await fresh(browser, url);
  await expect(other.getByTestId('scenario-title')).toHaveText('Freeing a queue the documented way');
  await expect.poll(() => moment(other)).toEqual(here);
  await expect(queue(other, 1).getByRole('button')).toHaveAttribute('aria-pressed', 'true');
  expect(await openPanels(other)).toEqual(panels);
  // The address names exactly what is on screen, so the opened page's address is the link it was opened from.
  await expect.poll(() => other.url()).toBe(url);
  await other.context().close();
});

test('the page writes the parameters in the order of the doc, and always writes the seed', async ({ page }) => {
  await page.goto('/?panels=log&sel=queue.1&at=0.0.0&scenario=vlan-filtering.json');
  await expect(page.getByTestId('scenario-title')).toHaveText('VLAN filtering');
  await stepScenario(page, 2);
  const url = await addressWith(page, 'scenario', 'seed', 'at', 'panels');
  const names = [...params(url).keys()];
  expect(names).toEqual(ORDER.filter((name) => names.includes(name)));
  expect(params(url).get('seed')).toBe('1'); // the file's seed, written although the link did not say it
  expect(new Set(names).size).toBe(names.length);
});

for (const link of [
  '/?panels=log&sel=queue.1&teacher=1&lesson=free-sequence',
  '/?panels=log&compare=1&scenario=vlan-filtering.json',
  '/?vms=2&cpus=2&empty=ws2012&panels=none',
]) {
  test(`the page rewrites ${link} in the order of the doc`, async ({ page }) => {
    await page.goto(link);
    const url = await addressWith(page, 'seed', 'at', 'panels');
    const names = [...params(url).keys()];
    expect(names).toEqual(ORDER.filter((name) => names.includes(name)));
  });
}

test("the doc's example link opens the scenario at step 6, with queue 1 selected and its panels", async ({ page }) => {
  await page.goto('/?scenario=free-queue-properly.json&seed=1&at=50000.6.51&sel=queue.1&panels=queues.log.drive');
  await expect(page.getByTestId('scenario-title')).toHaveText('Freeing a queue the documented way');
  await expect.poll(() => stats(page).then((s) => s && [s.nextStepIndex, s.eventCount])).toEqual([6, 51]);
  await expect(queue(page, 1).getByRole('button')).toHaveAttribute('aria-pressed', 'true');
  expect(await openPanels(page)).toEqual({ timeline: false, queues: true, log: true, drive: true, conformance: false });
  await expect(page.getByText('was ignored')).toHaveCount(0);
  await expect(page.getByText('position could not be reached')).toHaveCount(0);
});

test('a position the run never reaches takes the page as close as it gets, and the page says so', async ({ page }) => {
  // Six steps of this scenario end at 50000 ns with 51 events: 40000 ns with 52 is a link edited by hand.
  await page.goto('/?scenario=free-queue-properly.json&seed=1&at=40000.6.52');
  await expect(page.getByTestId('scenario-title')).toHaveText('Freeing a queue the documented way');
  await expect.poll(() => stats(page).then((s) => s?.nextStepIndex)).toBe(6);
  await expect(page.getByText('position could not be reached')).toBeVisible();
});

test('panels=none closes every panel', async ({ page }) => {
  await page.goto('/?scenario=vlan-filtering.json&panels=none');
  await expect(page.getByTestId('scenario-title')).toHaveText('VLAN filtering');
  expect(Object.values(await openPanels(page)).every((open) => !open)).toBe(true);
  await expect.poll(() => params(page.url()).get('panels')).toBe('none');
});

test('a broken link opens what it can and says which part is broken, and why', async ({ page }) => {
  await page.goto('/?scenario=vlan-filtering.json&at=1.2&sel=widget.3&panels=queues&file=aGVsbG8&acts=%25%25');
  await expect(page.getByTestId('scenario-title')).toHaveText('VLAN filtering');
  await expect(
    page.getByText('at=1.2 was ignored: a position is <time ns>.<step>.<events>, such as 50000.6.51'),
  ).toBeVisible();
  await expect(page.getByText(/sel\b.*widget\.3|widget\.3.*sel\b/)).toBeVisible();
  // The rest of the link still holds: the panels it names are the open ones.
  expect(await openPanels(page)).toEqual({
    timeline: false,
    queues: true,
    log: false,
    drive: false,
    conformance: false,
  });
});

test('a link with a broken packed file says the file could not be read', async ({ page }) => {
  await page.goto('/?file=aGVsbG8&seed=3');
  await expect(page.getByText(/file/i).filter({ hasText: /could not be read|was ignored|damaged/ })).toBeVisible();
});

for (const link of [
  '/?scenario=../package.json',
  '/?lesson=../package',
  '/?scenario=https://example.com/package.json',
]) {
  test(`a link never fetches outside scenarios/ and lessons/: ${link}`, async ({ page }) => {
    const fetched: string[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      fetched.push(`${url.origin}${url.pathname}`); // the page's own address carries the link in its query
    });
    await page.goto(link);
    await expect(page.getByTestId('scenario-title')).toBeVisible();
    await expect(page.getByTestId('load-problem')).toBeVisible();
    const own = new URL(page.url()).origin;
    expect(fetched.filter((url) => url.includes('package') || !url.startsWith(own))).toEqual([]);
  });
}

test('a lesson in compare mode, as the page writes it, opens again without a word about a scenario', async ({
  page,
}) => {
  await page.goto('/?lesson=free-sequence&compare=1');
  await expect(page.getByTestId('lesson-panel')).toBeVisible();
  await expect(page.getByTestId('viz-stage')).toHaveAttribute('data-compare', 'true');
  const url = await addressWith(page, 'lesson', 'compare', 'seed');
  expect(params(url).has('scenario')).toBe(false);
  await expect(page.getByText('scenario was ignored')).toHaveCount(0);
  await expect(page.getByTestId('load-problem')).toHaveCount(0);
});

test('selecting, stepping and opening panels replace the entry; another scenario, seed or compare mode pushes one', async ({
  page,
}) => {
  await page.goto('/?scenario=free-queue-properly.json');
  await expect(page.getByTestId('scenario-title')).toHaveText('Freeing a queue the documented way');
  const length = () => page.evaluate(() => window.history.length);
  const start = await length();

  await stepScenario(page, 4);
  await queue(page, 1).click();
  await showLowerPanels(page);
  await page.getByTestId('event-log').getByTestId('panel-toggle').first().click();
  const replaced = await addressWith(page, 'at', 'sel');
  expect(params(replaced).get('sel')).toBe('queue.1');
  expect(await length()).toBe(start);

  await page.getByTestId('scenario-picker').selectOption('vlan-filtering.json');
  await expect(page.getByTestId('scenario-title')).toHaveText('VLAN filtering');
  await expect.poll(() => params(page.url()).get('scenario')).toBe('vlan-filtering.json');
  expect(await length()).toBe(start + 1);

  await page.getByTestId('compare-toggle').click();
  // A 2012 scenario first offers the one with the split; this test keeps its own.
  const keep = page.getByTestId('compare-offer-keep');
  await expect(keep.or(page.locator('[data-testid=viz-stage][data-compare=true]'))).toBeVisible();
  if (await keep.isVisible()) await keep.click();
  await expect(page.getByTestId('viz-stage')).toHaveAttribute('data-compare', 'true');
  await expect.poll(() => params(page.url()).get('compare')).toBe('1');
  expect(await length()).toBe(start + 2);

  // Back returns to what was on screen before: VLAN filtering on one side, then the stepped, selected story.
  await page.goBack();
  await expect(page.getByTestId('viz-stage')).toHaveAttribute('data-compare', 'false');
  await page.goBack();
  await expect(page.getByTestId('scenario-title')).toHaveText('Freeing a queue the documented way');
  await expect.poll(() => page.url()).toBe(replaced);
  await expect(queue(page, 1).getByRole('button')).toHaveAttribute('aria-pressed', 'true');
  expect(await length()).toBe(start + 2);
});

test('a link of compare mode opens both sides at the same step, with the second side selected', async ({
  page,
  browser,
}) => {
  await page.goto('/?scenario=lookahead-split-2008r2.json&compare=1');
  await expect(page.getByTestId('viz-stage')).toHaveAttribute('data-compare', 'true');
  await stepScenario(page, 5);
  const right = page.getByTestId('compare-ws2012');
  await right.locator('[data-testid=diagram-queue][data-queue-id="1"]').click();
  const url = await addressWith(page, 'compare', 'at', 'sel');
  expect(params(url).get('sel')).toBe('ws2012.queue.1');
  const here = await moment(page);

  const other = await fresh(browser, url);
  await expect(other.getByTestId('viz-stage')).toHaveAttribute('data-compare', 'true');
  await expect.poll(() => moment(other)).toEqual(here);
  await expect(
    other.getByTestId('compare-ws2012').locator('[data-testid=diagram-queue][data-queue-id="1"]').getByRole('button'),
  ).toHaveAttribute('aria-pressed', 'true');
  await expect(
    other.getByTestId('compare-ws2008r2').locator('[data-testid=diagram-queue][data-queue-id="1"]').getByRole('button'),
  ).toHaveAttribute('aria-pressed', 'false');
  await other.context().close();
});

test("a scenario file of the user's own travels in the link, with what the user did", async ({ page, browser }) => {
  await page.goto('/');
  await expect(page.getByTestId('scenario-title')).toHaveText('VMQ in a minute');
  const text = await (await page.request.get('/scenarios/free-with-outstanding-nbls.json')).text();
  const mine = JSON.stringify({ ...JSON.parse(text), title: 'My outstanding NBLs' });
  await page.getByTestId('scenario-file').setInputFiles({
    name: 'mine.json',
    mimeType: 'application/json',
    buffer: Buffer.from(mine),
  });
  await expect(page.getByTestId('scenario-title')).toHaveText('My outstanding NBLs');
  await stepScenario(page, 6);
  await showLowerPanels(page);
  await expect(page.getByTestId('return-one').first()).toBeEnabled();
  await page.getByTestId('return-one').first().click();
  const url = await addressWith(page, 'file', 'seed', 'at', 'acts');
  expect(params(url).has('scenario')).toBe(false);
  const here = await moment(page);

  const other = await fresh(browser, url);
  await expect(other.getByTestId('scenario-title')).toHaveText('My outstanding NBLs');
  await expect.poll(() => moment(other)).toEqual(here);
  await other.context().close();
});

test('a file too big for 8,000 characters leaves file, acts and at out, and Copy link says so', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('scenario-title')).toHaveText('VMQ in a minute');
  const text = await (await page.request.get('/scenarios/vlan-filtering.json')).text();
  // Incompressible words, so the packed file cannot fit in a link.
  const noise = (from: number) => {
    let words = '';
    for (let i = from; words.length < 3000; i++) words += `${((i * 2654435761) >>> 0).toString(36)} `;
    return words;
  };
  const scenario = JSON.parse(text);
  const notes = Array.from({ length: 8 }, (_, i) => ({ note: noise(i * 1000) }));
  const big = JSON.stringify({ ...scenario, title: 'Big VLAN', steps: [...scenario.steps, ...notes] });
  await page.getByTestId('scenario-file').setInputFiles({
    name: 'big.json',
    mimeType: 'application/json',
    buffer: Buffer.from(big),
  });
  await expect(page.getByTestId('scenario-title')).toHaveText('Big VLAN');
  await stepScenario(page, 2);
  await expect.poll(() => params(page.url()).has('seed')).toBe(true);
  const url = page.url();
  expect(url.length).toBeLessThanOrEqual(8000);
  for (const name of ['file', 'acts', 'at']) expect(params(url).has(name)).toBe(false);

  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByTestId('copy-link').click();
  await expect(page.getByTestId('link-problem')).toBeVisible();
  await expect(page.getByTestId('link-problem')).toContainText(/8,000|8000|8\.0 KB|too long|long/);
});

test('L copies the link to this moment, the same as the address', async ({ page }) => {
  await page.goto('/?scenario=vlan-filtering.json');
  await expect(page.getByTestId('scenario-title')).toHaveText('VLAN filtering');
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await stepScenario(page, 3);
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('l');
  await expect(page.getByTestId('copied-link')).toContainText('Link copied.');
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(params(link).get('scenario')).toBe('vlan-filtering.json');
  expect(params(link).get('at')).toMatch(/^\d+\.3\.\d+(\.\d+)?$/);
  expect(link).toBe(page.url());
});

test('a hand-written link to a position the scenario reaches opens exactly there, without a word', async ({ page }) => {
  await page.goto('/?scenario=free-queue-properly.json');
  await stepScenario(page, 6);
  const at = params(await addressWith(page, 'at')).get('at') ?? '';
  const [tNs, step, events] = at.split('.').map(Number);

  const other = await fresh(page.context().browser() as Browser, `/?at=${at}&scenario=free-queue-properly.json`);
  await expect.poll(() => stats(other).then((s) => s && [s.nextStepIndex, s.eventCount])).toEqual([step, events]);
  expect(await other.evaluate(() => window.vmqE2E?.simTimeNs())).toBe(tNs);
  await expect(other.getByText('could not be reached')).toHaveCount(0);
  await expect(other.getByTestId('load-problem')).toHaveCount(0);
  await other.context().close();
});

test('empty, cpus and vms open the empty adapter the header builds, and the address names it', async ({ page }) => {
  await page.goto('/?empty=ws2012&cpus=4&vms=3');
  await expect.poll(() => view(page).then((v) => v?.profile)).toBe('ws2012');
  const url = await addressWith(page, 'empty', 'cpus', 'vms', 'seed');
  expect([params(url).get('empty'), params(url).get('cpus'), params(url).get('vms')]).toEqual(['ws2012', '4', '3']);
  expect(params(url).has('scenario')).toBe(false);
  expect(params(url).has('file')).toBe(false);
  await expect(page.getByTestId('load-problem')).toHaveCount(0);
});

test('lesson opens the lesson with its own scenario, and names no other scenario', async ({ page }) => {
  await page.goto('/?lesson=free-sequence');
  await expect(page.getByTestId('lesson-panel')).toBeVisible();
  const url = await addressWith(page, 'lesson', 'seed');
  expect(params(url).get('lesson')).toBe('free-sequence');
  for (const name of ['scenario', 'empty', 'file']) expect(params(url).has(name)).toBe(false);
});

test("seed: the link's seed drives the random traffic instead of the file's, and reproduces it", async ({
  page,
  browser,
}) => {
  test.setTimeout(60_000); // three pages, each stepped through its first instants
  const text = await (await page.request.get('/scenarios/vlan-filtering.json')).text();
  const scenario = JSON.parse(text);
  const steps = scenario.steps.map((step: { traffic?: Record<string, unknown> }) => {
    if (!step.traffic) return step;
    const { interval: _, ...flow } = step.traffic;
    return { traffic: { ...flow, count: 12, pattern: 'poisson', ratePps: 2_000_000 } };
  });
  const poisson = (seed: number) => JSON.stringify({ ...scenario, seed, title: `Poisson VLAN ${seed}`, steps });
  const openFile = async (on: Page, seed: number) => {
    await on.goto('/');
    await expect(on.getByTestId('scenario-title')).toHaveText('VMQ in a minute');
    await on.getByTestId('scenario-file').setInputFiles({
      name: 'poisson.json',
      mimeType: 'application/json',
      buffer: Buffer.from(poisson(seed)),
    });
    await expect(on.getByTestId('scenario-title')).toHaveText(`Poisson VLAN ${seed}`);
  };
  /** When each of the first instants happens: Poisson arrivals put them where the seed says. */
  const instants = async (on: Page) => {
    const times: (number | undefined)[] = [];
    for (let i = 0; i < 25; i++) {
      const before = await stats(on).then((s) => s?.eventCount);
      await on.getByTestId('step-instant').click();
      await expect.poll(() => stats(on).then((s) => s?.eventCount)).not.toBe(before);
      times.push(await on.evaluate(() => window.vmqE2E?.simTimeNs()));
    }
    return times;
  };

  await openFile(page, 5);
  const seedFive = await instants(page);
  const url = await addressWith(page, 'file', 'seed', 'at');
  expect(params(url).get('seed')).toBe('5');

  // The same link with seed=9 instead: the traffic of seed 9 (a file whose own seed is 9), not of the file's 5.
  const link = new URL(url);
  link.searchParams.set('seed', '9');
  link.searchParams.delete('at');
  const reseeded = await fresh(browser, link.href);
  await expect(reseeded.getByTestId('scenario-title')).toHaveText('Poisson VLAN 5');
  const linkNine = await instants(reseeded);
  expect(params(await addressWith(reseeded, 'seed')).get('seed')).toBe('9');
  const nine = await fresh(browser, '/');
  await openFile(nine, 9);
  const fileNine = await instants(nine);
  expect(linkNine).toEqual(fileNine);
  expect(linkNine).not.toEqual(seedFive);
  await reseeded.context().close();
  await nine.context().close();
});

test('a reload of the same tab restores the session, console history too, and goes to at', async ({ page }) => {
  await page.goto('/?scenario=free-with-outstanding-nbls.json');
  await stepScenario(page, 6);
  await showLowerPanels(page);
  await page.getByTestId('return-one').first().click();
  await page.getByTestId('oid-select').selectOption('OID_RECEIVE_FILTER_ALLOCATE_QUEUE');
  await page.getByTestId('oid-send').click();
  await expect(page.getByTestId('oid-history-entry')).toHaveCount(1);
  await queue(page, 1).click();
  const url = await addressWith(page, 'acts', 'at', 'sel');
  const here = await moment(page);
  await page.reload();
  await expect.poll(() => moment(page)).toEqual(here);
  await showLowerPanels(page);
  await expect(page.getByTestId('oid-history-entry')).toHaveCount(1);
  await expect.poll(() => page.url()).toBe(url);
  await expect(queue(page, 1).getByRole('button')).toHaveAttribute('aria-pressed', 'true');
});

test('opening a lesson adds a history entry, and Back returns to the scenario before it', async ({ page }) => {
  await page.goto('/?scenario=vlan-filtering.json');
  await expect(page.getByTestId('scenario-title')).toHaveText('VLAN filtering');
  await stepScenario(page, 2);
  const before = await addressWith(page, 'at');
  const length = await page.evaluate(() => window.history.length);
  await page.getByTestId('lessons-button').click();
  await page.locator('[data-testid=lesson-entry][data-lesson="free-sequence"]').getByTestId('lesson-open').click();
  await expect(page.getByTestId('lesson-panel')).toHaveAttribute('data-lesson', 'free-sequence');
  await expect.poll(() => params(page.url()).get('lesson')).toBe('free-sequence');
  expect(await page.evaluate(() => window.history.length)).toBe(length + 1);
  await page.goBack();
  await expect(page.getByTestId('scenario-title')).toHaveText('VLAN filtering');
  await expect.poll(() => page.url()).toBe(before);
});
