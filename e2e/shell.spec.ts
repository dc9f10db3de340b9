/** The page as a whole: keyboard shortcuts and their sheet, the dark theme, reduced motion, and labelled controls. */
import type { Page } from '@playwright/test';
import { expect, SCREENS_DIR, showLowerPanels, test } from './fixtures.ts';

const progress = (page: Page) =>
  page.evaluate(
    () =>
      `${window.vmqE2E?.stats()?.nextStepIndex}/${window.vmqE2E?.stats()?.eventCount}/${window.vmqE2E?.simTimeNs()}`,
  );

async function loaded(page: Page) {
  await page.goto('/');
  await expect(page.getByTestId('scenario-title')).toHaveText('VMQ in a minute');
  await expect.poll(() => progress(page)).not.toBe('undefined/undefined/0');
  await showLowerPanels(page);
}

test('keyboard: Space plays and pauses, → steps, Shift+→ steps a scenario step, ← steps back, Home rewinds', async ({
  page,
}) => {
  await loaded(page);
  const status = page.getByTestId('playback-status');
  await page.keyboard.press('Space');
  await expect(status).toHaveText('playing');
  await page.keyboard.press('Space');
  await expect(status).toHaveText('paused');

  await page.keyboard.press('Home');
  await expect(page.getByTestId('step-counter')).toHaveText('0 / 22');
  await page.keyboard.press('Shift+ArrowRight');
  await expect(page.getByTestId('step-counter')).toHaveText('1 / 22');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('step-counter')).toHaveText('2 / 22');
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('step-counter')).toHaveText('1 / 22');
  await expect(page.getByTestId('announcement')).toHaveText('Stepped back');

  // Typing in a field is typing, not a shortcut.
  const binding = page.getByTestId('oid-binding');
  await binding.fill('');
  await binding.pressSequentially('my switch');
  await expect(binding).toHaveValue('my switch');
  await expect(status).toHaveText('paused');
  await expect(page.getByTestId('step-counter')).toHaveText('1 / 22');
});

test('Space plays or pauses after a click on any button, never pressing that button again', async ({ page }) => {
  await loaded(page);
  const status = page.getByTestId('playback-status');
  const counter = page.getByTestId('step-counter');
  await page.getByTestId('step-scenario').click();
  await expect(counter).toHaveText('1 / 22');
  await page.keyboard.press('Space');
  await expect(status).toHaveText('playing');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await page.getByTestId('theme-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.keyboard.press('Space');
  await expect(status).toHaveText('paused');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  // A focused queue in the diagram is pressed with Enter; Space still plays.
  await page.getByTestId('diagram-queue').and(page.locator('[data-queue-id="0"]')).getByRole('button').focus();
  await page.keyboard.press('Space');
  await expect(status).toHaveText('playing');
  await page.keyboard.press('Space');
  await expect(status).toHaveText('paused');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('inspect-queue')).toHaveAttribute('data-queue-id', '0');
});

test("the diagram's queue and filter rows take keyboard focus, show a focus ring, and Enter selects them", async ({
  page,
}) => {
  await loaded(page);
  for (let i = 1; i <= 4; i++) await page.getByTestId('step-scenario').click(); // a queue with its filter
  const filter = page.getByTestId('diagram-filter').and(page.locator('[data-filter-id="1"]')).getByRole('button');
  await filter.focus();
  await expect(filter).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('inspect-filter')).toHaveAttribute('data-filter-id', '1');
  await expect(filter).toHaveAttribute('aria-pressed', 'true');
  // The focus ring: the row's box takes the focus colour while it has keyboard focus.
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Tab');
  const ringOf = (row: typeof filter) => row.evaluate((button) => getComputedStyle(button).strokeWidth);
  expect(await ringOf(filter)).toBe('3px');
  const queue = page.getByTestId('diagram-queue').and(page.locator('[data-queue-id="1"]')).getByRole('button');
  await queue.focus();
  expect(await ringOf(queue)).toBe('3px');
  expect(await ringOf(filter)).not.toBe('3px');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('inspect-queue')).toHaveAttribute('data-queue-id', '1');
});

test('? opens the shortcut sheet and Esc closes it; Esc also clears the selection', async ({ page }) => {
  await loaded(page);
  const sheet = page.getByTestId('shortcut-sheet');
  await expect(sheet).toBeHidden();
  await page.keyboard.press('Shift+?');
  await expect(sheet).toBeVisible();
  await expect(sheet.getByRole('heading', { name: 'Keyboard shortcuts' })).toBeVisible();
  await expect(sheet).toContainText('Step back');
  await page.screenshot({ path: `${SCREENS_DIR}/shortcut-sheet.png` });
  await page.keyboard.press('Escape');
  await expect(sheet).toBeHidden();
  await page.getByTestId('shortcuts-button').click();
  await expect(sheet).toBeVisible();
  await sheet.getByRole('button', { name: 'Close' }).click();
  await expect(sheet).toBeHidden();

  await page.getByTestId('trace-row').first().click();
  await expect(page.getByTestId('inspect-event')).toBeVisible();
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('inspect-event')).toHaveCount(0);
});

test('the dark theme follows the toggle and the T key, and is remembered', async ({ page }) => {
  await loaded(page);
  const theme = () => page.evaluate(() => document.documentElement.dataset['theme']);
  expect(await theme()).toBe('light');
  await page.getByTestId('theme-toggle').click();
  expect(await theme()).toBe('dark');
  const background = await page.evaluate(
    () => getComputedStyle(document.body.firstElementChild as Element).backgroundColor,
  );
  expect(background).not.toBe('rgb(248, 250, 252)');

  // A dark page with something in every panel: a few steps in, an event selected.
  for (let i = 0; i < 14; i++) await page.getByTestId('step-scenario').click();
  await expect(page.getByTestId('step-counter')).toHaveText('14 / 22');
  await page.getByTestId('trace-row').last().click();
  await page.screenshot({ path: `${SCREENS_DIR}/dark.png`, fullPage: true });

  await page.reload();
  await expect(page.getByTestId('scenario-title')).toHaveText('VMQ in a minute');
  expect(await theme()).toBe('dark');
  await page.keyboard.press('t');
  expect(await theme()).toBe('light');
});

test('every panel follows the page theme, not the system one: the narration on a dark system with the light theme chosen', async ({
  page,
}) => {
  const narrationBackground = async () => {
    await loaded(page);
    await page.getByTestId('step-scenario').click();
    return page.getByTestId('narration').evaluate((p) => getComputedStyle(p.parentElement as Element).backgroundColor);
  };
  const onLightSystem = await narrationBackground();
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.evaluate(() => localStorage.setItem('vmq-playground:theme', 'light'));
  expect(await narrationBackground()).toBe(onLightSystem);
});

test('motion is off with prefers-reduced-motion, and every control has a name a screen reader can read', async ({
  page,
}) => {
  await loaded(page);
  expect(await page.evaluate(() => matchMedia('(prefers-reduced-motion: reduce)').matches)).toBe(true);
  expect(await page.getByTestId('oid-send').evaluate((node) => getComputedStyle(node).transitionDuration)).toBe('0s');

  for (const tab of ['console', 'traffic']) {
    await page.getByTestId(`tab-${tab}`).click();
    const unnamed = await page.evaluate(() => {
      const named = (el: Element): boolean => {
        const control = el as HTMLInputElement;
        if (el.getAttribute('aria-label') || el.getAttribute('aria-labelledby') || el.getAttribute('title'))
          return true;
        if (control.labels && control.labels.length > 0) return true;
        return el.tagName === 'BUTTON' && (el.textContent ?? '').trim().length > 0;
      };
      return [...document.querySelectorAll('button, input, select, textarea')]
        .filter(
          (el) =>
            !(el as HTMLElement).closest('[hidden], dialog:not([open])') && (el as HTMLInputElement).type !== 'file',
        )
        .filter((el) => !named(el))
        .map((el) => el.outerHTML.slice(0, 120));
    });
    expect(unnamed, `unlabelled controls with the ${tab} tab open`).toEqual([]);
  }
});
