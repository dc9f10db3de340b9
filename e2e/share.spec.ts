/**
 * Share links (docs/share-links.md): the address is a link to exactly what is on screen. Each test makes a link in
 * one browser context and opens it in a fresh one (no saved session, no remembered panels), as a reviewer who gets
 * it in a document would.
 */
import type { Page } from '@playwright/test';
import { copyLink, expect, openElsewhere, showLowerPanels, test } from './fixtures.ts';

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

/** Which panels are open, by their test id. */
const openPanels = (page: Page) =>
  page
    .locator('[data-open]')
    .evaluateAll((panels) =>
      Object.fromEntries(panels.map((panel) => [panel.getAttribute('data-testid'), panel.getAttribute('data-open')])),
    );

/** What a reader sees of the simulation: the engine's adapter view and how far the trace has come. */
const shown = (page: Page) =>
  page.evaluate(() => ({ views: window.vmqE2E?.views(), events: window.vmqE2E?.stats()?.eventCount }));

test('a copied link opens the same adapter state, selection and panels in a fresh browser', async ({
  page,
  browser,
}) => {
  await page.goto('/?scenario=vmq-in-a-minute.json');
  await expect(page.getByTestId('scenario-title')).toHaveText('VMQ in a minute');
  for (let i = 0; i < 4; i++) await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('ArrowRight');
  // An action of the user's own travels in the link too.
  await showLowerPanels(page);
  await page.getByTestId('oid-select').selectOption('OID_RECEIVE_FILTER_HARDWARE_CAPABILITIES');
  await page.getByTestId('oid-send').click();
  await expect(page.getByTestId('oid-answer').getByTestId('status-name')).toHaveText('NDIS_STATUS_SUCCESS');
  await page.locator('[data-testid=diagram-queue][data-queue-id="1"]').click();
  await expect(page.getByTestId('inspector-drawer')).toContainText('QueueId');
  await page.getByTestId('timeline').getByTestId('panel-toggle').click();
  await page.getByTestId('conformance').getByTestId('panel-toggle').click();
  await expect(page.getByTestId('conformance')).toHaveAttribute('data-open', 'false');

  const link = await copyLink(page);
  expect(new URL(link).searchParams.get('acts')).not.toBeNull();
  const here = await shown(page);
  const other = await openElsewhere(browser, link, here.events);
  expect(await shown(other)).toEqual(here);
  await showLowerPanels(other);
  await expect(other.getByTestId('inspector-drawer')).toHaveText(
    (await page.getByTestId('inspector-drawer').textContent()) ?? '',
  );
  expect(await openPanels(other)).toEqual(await openPanels(page));
  await expect(other.getByTestId('load-problem')).toHaveCount(0);
});

test('a scenario file of your own travels in the link, and opens where you were', async ({ page, browser }) => {
  await page.goto('/');
  const mine = JSON.parse(await (await page.request.get('/scenarios/vlan-filtering.json')).text()) as Record<
    string,
    unknown
  >;
  await page.getByTestId('scenario-file').setInputFiles({
    name: 'my-review.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify({ ...mine, title: 'My design review' })),
  });
  await expect(page.getByTestId('scenario-title')).toHaveText('My design review');
  for (let i = 0; i < 3; i++) await page.keyboard.press('Shift+ArrowRight');
  await page.getByRole('button', { name: 'Step back' }).click();

  const link = await copyLink(page);
  expect(new URL(link).searchParams.get('scenario')).toBeNull();
  const here = await shown(page);
  const other = await openElsewhere(browser, link, here.events);
  await expect(other.getByTestId('scenario-title')).toHaveText('My design review');
  expect(await shown(other)).toEqual(here);
});

test('Back returns to the scenario shown before, where it was; stepping adds no history entries', async ({ page }) => {
  await page.goto('/?scenario=vmq-in-a-minute.json');
  await expect(page.getByTestId('scenario-title')).toHaveText('VMQ in a minute');
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Shift+ArrowRight');
  await expect.poll(() => new URL(page.url()).searchParams.get('at')).not.toBe('0.0.0');
  const before = await shown(page);
  const entries = await page.evaluate(() => history.length);
  await page.keyboard.press('Shift+ArrowRight');
  await expect.poll(() => shown(page).then((s) => s.events)).not.toBe(before.events);
  expect(await page.evaluate(() => history.length)).toBe(entries);

  await page.getByTestId('scenario-picker').selectOption('vlan-filtering.json');
  await expect.poll(() => new URL(page.url()).searchParams.get('scenario')).toBe('vlan-filtering.json');
  expect(await page.evaluate(() => history.length)).toBe(entries + 1);
  await page.goBack();
  await expect(page.getByTestId('scenario-title')).toHaveText('VMQ in a minute');
  // Back to the last moment of that entry: the step after `before`.
  await expect.poll(() => shown(page).then((s) => s.events)).toBeGreaterThan(before.events ?? 0);
});

test('a link the page cannot read in part says which part, and opens the rest', async ({ page }) => {
  await page.goto('/?scenario=vmq-in-a-minute.json&at=banana&sel=queue.1&file=AAAA');
  await expect(page.getByTestId('scenario-title')).toHaveText('VMQ in a minute');
  const problem = page.getByTestId('load-problem');
  await expect(problem).toContainText('at=banana was ignored');
  await expect(problem).toContainText('file was ignored: the link also names a scenario');
  await expect(page.getByTestId('inspector-drawer')).toContainText('QueueId');
});

test('the seed is part of the link: another seed restarts the run, and L copies the link that carries it', async ({
  page,
  browser,
}) => {
  await page.goto('/?scenario=vmq-in-a-minute.json');
  await expect(page.getByTestId('scenario-title')).toHaveText('VMQ in a minute');
  const seed = page.getByTestId('seed');
  await expect(seed).toHaveValue('1');
  const entries = await page.evaluate(() => history.length);
  await seed.fill('12x');
  await expect(seed).toHaveAttribute('aria-invalid', 'true');
  await seed.fill('7');
  await seed.press('Enter');
  await expect.poll(() => new URL(page.url()).searchParams.get('seed')).toBe('7');
  // A deliberate change: Back returns to the run with the scenario's own seed.
  expect(await page.evaluate(() => history.length)).toBe(entries + 1);

  await page.keyboard.press('Shift+ArrowRight');
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('l');
  await expect(page.getByTestId('copied-link')).toContainText('Link copied');
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(new URL(link).searchParams.get('seed')).toBe('7');
  const here = await shown(page);
  const other = await openElsewhere(browser, link, here.events);
  await expect(other.getByTestId('seed')).toHaveValue('7');
  expect(await shown(other)).toEqual(here);

  await page.goBack();
  await expect(seed).toHaveValue('1');
});

test('a link made in compare mode opens both versions at the same moment', async ({ page, browser }) => {
  await page.goto('/?compare=1');
  await expect(page.getByTestId('viz-stage')).toHaveAttribute('data-compare', 'true');
  for (let i = 0; i < 3; i++) await page.keyboard.press('Shift+ArrowRight');
  await expect.poll(() => new URL(page.url()).searchParams.get('at')).not.toBeNull();

  const link = await copyLink(page);
  expect(new URL(link).searchParams.get('compare')).toBe('1');
  const here = await shown(page);
  expect(here.views).toHaveLength(2);
  const other = await openElsewhere(browser, link, here.events);
  await expect(other.getByTestId('viz-stage')).toHaveAttribute('data-compare', 'true');
  expect(await shown(other)).toEqual(here);
});
