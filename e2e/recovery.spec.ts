/**
 * Crash recovery and autosave, as a user meets them: the worker dies and the page restores the session; a reload
 * keeps the scenario, the position and the console history; Start fresh forgets them; a share link naming a file
 * that does not exist says so.
 */
import type { Page } from '@playwright/test';
import { expect, SCREENS_DIR, showLowerPanels, test } from './fixtures.ts';

/** Where the page stands, from the engine's own facts. */
const position = (page: Page) =>
  page.evaluate(() => ({
    t: window.vmqE2E?.simTimeNs(),
    step: window.vmqE2E?.stats()?.nextStepIndex,
    events: window.vmqE2E?.stats()?.eventCount,
    view: window.vmqE2E?.view(),
  }));

async function openDefault(page: Page) {
  await page.goto('/');
  await expect(page.getByTestId('scenario-title')).toHaveText('VMQ in a minute');
  await expect(page.getByTestId('step-scenario')).toBeEnabled();
  await showLowerPanels(page);
}

/** Steps through `count` scenario steps, waiting for each to show. */
async function stepScenario(page: Page, count: number) {
  for (let i = 0; i < count; i++) {
    const before = (await position(page)).step ?? 0;
    await page.getByTestId('step-scenario').click();
    await expect.poll(async () => (await position(page)).step).toBeGreaterThan(before);
  }
}

async function sendCapabilities(page: Page) {
  await page.getByTestId('oid-select').selectOption('OID_RECEIVE_FILTER_HARDWARE_CAPABILITIES');
  await page.getByTestId('oid-send').click();
  await expect(page.getByTestId('oid-history-entry')).toHaveCount(1);
}

test('a killed worker is noticed, restarted, and the session comes back where it was', async ({ page }) => {
  test.setTimeout(90_000); // the page waits out its reply deadline (10 s) before it calls the worker dead
  await page.setViewportSize({ width: 1440, height: 900 });
  await openDefault(page);
  await stepScenario(page, 5);
  await sendCapabilities(page);
  await stepScenario(page, 2);
  const before = await position(page);

  await page.evaluate(() => window.vmqE2E?.killWorker());
  await page.getByTestId('step-event').click(); // its answer never comes: the page notices the silence
  const banner = page.getByTestId('recovery-banner');
  await expect(banner).toHaveAttribute('data-status', 'recovered', { timeout: 25_000 });
  await expect(banner).toContainText('stopped answering');
  await expect(page.getByTestId('recovery-outcome')).toContainText('Restored where you were');
  expect(await position(page)).toEqual(before);
  await expect(page.getByTestId('failure')).toHaveCount(0);

  await banner.screenshot({ path: `${SCREENS_DIR}/recovery-banner-light.png` });
  await page.getByTestId('theme-toggle').click();
  await banner.screenshot({ path: `${SCREENS_DIR}/recovery-banner-dark.png` });
  await page.screenshot({ path: `${SCREENS_DIR}/recovery-page-dark.png` });
  await page.getByTestId('theme-toggle').click();

  // And it goes on from there.
  await stepScenario(page, 1);
});

test('a reload keeps the scenario, the position and the console history; Start fresh forgets them', async ({
  page,
}) => {
  await openDefault(page);
  await stepScenario(page, 4);
  await sendCapabilities(page);
  await stepScenario(page, 1);
  const before = await position(page);
  // The throttled write comes within a few seconds; pagehide writes too.
  await expect
    .poll(() =>
      page.evaluate(() => localStorage.getItem('vmq-playground/session/v1')?.includes('"eventCount"') ?? false),
    )
    .toBe(true);

  await page.reload();
  await expect(page.getByTestId('scenario-title')).toHaveText('VMQ in a minute');
  await showLowerPanels(page);
  await expect.poll(async () => (await position(page)).events).toBe(before.events);
  expect(await position(page)).toEqual(before);
  await expect(page.getByTestId('oid-history-entry')).toHaveCount(1);
  await expect(page.getByTestId('oid-history-entry')).toContainText('OID_RECEIVE_FILTER_HARDWARE_CAPABILITIES');

  await page.getByTestId('start-fresh').click();
  await expect.poll(async () => (await position(page)).step).toBe(0);
  await expect(page.getByTestId('oid-history-entry')).toHaveCount(0);
  // What is saved from now on is the fresh session: no actions, no history.
  const saved = () =>
    page.evaluate(() => {
      const item = localStorage.getItem('vmq-playground/session/v1');
      const session = item === null ? null : JSON.parse(item);
      return session && { actions: session.actions.length, history: session.console.history.length };
    });
  await expect.poll(saved).toEqual({ actions: 0, history: 0 });
});

test('a corrupt saved session is ignored with a notice, and the default scenario loads', async ({ page }) => {
  await page.addInitScript(() => localStorage.setItem('vmq-playground/session/v1', '{"version":1,"scenario":'));
  await page.goto('/');
  await expect(page.getByTestId('scenario-title')).toHaveText('VMQ in a minute');
  await expect(page.getByTestId('session-notice')).toContainText('Your saved session was not restored');
});

test('?scenario= naming a file that does not exist says "no such scenario" and runs the default', async ({ page }) => {
  await page.goto('/?scenario=nope.json');
  await expect(page.getByTestId('load-problem')).toContainText('no such scenario: nope.json');
  await expect(page.getByTestId('scenario-title')).toHaveText('VMQ in a minute');
  await page.goto('/?scenario=..%2F..%2Fetc%2Fpasswd');
  await expect(page.getByTestId('load-problem')).toContainText('no such scenario: ../../etc/passwd');
});
