/**
 * Guided lessons, as a class meets them: a student opens lesson 4 (the free sequence) from the header, does it with
 * the OID console and the queue panel's Return, and sees every check pass; done in the wrong order, the check about
 * it fails with the lesson's own explanation naming the rule. The teacher's view loads the solution and shows it
 * passing; progress survives a reload, and resetting it forgets it. Every verdict shown is the worker's grade.
 */
import type { Page } from '@playwright/test';
import { expect, SCREENS_DIR, showLowerPanels, test } from './fixtures.ts';

const LESSON = 'free-sequence';

const panel = (page: Page) => page.getByTestId('lesson-panel');
const check = (page: Page, id: string) => panel(page).locator(`[data-testid=lesson-check][data-check="${id}"]`);
const answer = (page: Page) => page.getByTestId('oid-answer');

async function openFromList(page: Page) {
  await page.goto('/');
  await expect(page.getByTestId('scenario-title')).toHaveText('VMQ in a minute');
  await page.getByTestId('lessons-button').click();
  const entry = page.locator(`[data-testid=lesson-entry][data-lesson="${LESSON}"]`);
  await entry.getByTestId('lesson-open').click();
  await expect(page.getByTestId('lesson-list')).toBeHidden();
  await expect(panel(page)).toHaveAttribute('data-lesson', LESSON);
  await expect(page).toHaveURL(new RegExp(`[?&]lesson=${LESSON}\\b`));
}

/** Runs the starting scenario to its end, as the student does first: queue 1 Running, VM1 holding its NBLs. */
async function playStartingScenario(page: Page) {
  await page.getByTestId('speed').selectOption('100');
  await page.getByTestId('play-pause').click();
  await expect.poll(() => page.evaluate(() => window.vmqE2E?.stats()?.finished)).toBe(true);
  await expect(page.locator('[data-testid=queue-row][data-queue-id="1"] [data-testid=return-nbls]')).toBeVisible();
}

/** Sends one request typed as raw JSON, and waits for its status. */
async function send(page: Page, request: object, status: string) {
  await page.getByTestId('oid-mode-raw').click();
  await page.getByTestId('oid-raw').fill(JSON.stringify(request));
  await page.getByTestId('oid-send').click();
  await expect(answer(page).getByTestId('status-name')).toHaveText(status);
}

const CLEAR_FILTER = { oid: 'OID_RECEIVE_FILTER_CLEAR_FILTER', buffer: { QueueId: 1, FilterId: 1 } };
const FREE_QUEUE = { oid: 'OID_RECEIVE_FILTER_FREE_QUEUE', buffer: { QueueId: 1 } };

test.describe('a student', () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  test('completes the free-sequence lesson with the OID console and Return, every check passing', async ({ page }) => {
    await openFromList(page);
    await expect(panel(page).getByTestId('lesson-title')).toHaveText('The free sequence, and why it waits for NBLs');
    await expect(panel(page).getByTestId('lesson-steps').locator('li')).toHaveCount(5);
    await playStartingScenario(page);
    await expect(check(page, 'clear-then-free')).toHaveAttribute('data-state', 'fail');

    await showLowerPanels(page);
    await send(page, CLEAR_FILTER, 'NDIS_STATUS_SUCCESS');
    await send(page, FREE_QUEUE, 'NDIS_STATUS_PENDING');
    await expect(check(page, 'dma-stopped-once')).toHaveAttribute('data-state', 'pass');
    await expect(check(page, 'queue-freed')).toHaveAttribute('data-state', 'fail');
    await page.locator('[data-testid=queue-row][data-queue-id="1"]').getByTestId('return-one').click();
    // The last NBL back, the miniport frees the queue's memory and completes FREE_QUEUE.
    await page.locator('[data-testid=queue-row][data-queue-id="1"]').getByTestId('return-all').click();
    await expect(page.locator('[data-testid=queue-row][data-queue-id="1"]')).toHaveCount(0);

    await expect(panel(page).getByTestId('lesson-complete')).toBeVisible();
    await expect(panel(page).locator('[data-testid=lesson-check][data-state=pass]')).toHaveCount(5);
    await expect(panel(page).getByTestId('lesson-summary')).toHaveText('All 5 checks pass');
    await expect
      .poll(() => page.evaluate(() => JSON.parse(localStorage.getItem('vmq-playground:lessons') ?? '{}')))
      .toMatchObject({ [LESSON]: { completed: true } });
    await page.screenshot({ path: `${SCREENS_DIR}/lesson-complete.png` });
  });

  test('frees before clearing the filter, and reads why it fails, naming R21', async ({ page }) => {
    await page.goto(`/?lesson=${LESSON}`);
    await expect(panel(page)).toHaveAttribute('data-lesson', LESSON);
    await playStartingScenario(page);
    await showLowerPanels(page);
    await send(page, FREE_QUEUE, 'NDIS_STATUS_INVALID_PARAMETER');
    await send(page, CLEAR_FILTER, 'NDIS_STATUS_SUCCESS');
    await send(page, FREE_QUEUE, 'NDIS_STATUS_PENDING');
    await page.locator('[data-testid=queue-row][data-queue-id="1"]').getByTestId('return-all').click();
    await expect(page.locator('[data-testid=queue-row][data-queue-id="1"]')).toHaveCount(0);

    const wrong = check(page, 'clear-then-free');
    await expect(wrong).toHaveAttribute('data-state', 'fail');
    await expect(wrong.getByTestId('lesson-explanation')).toHaveText(
      'FREE_QUEUE reached queue 1 while it still had a filter, or its filter was never cleared: freeing a queue in ' +
        'Set or Running is not allowed, and NDIS refuses it (R21). Clear the filter first.',
    );
    await expect(wrong.getByTestId('lesson-explanation').getByTestId('ref-link')).toHaveAttribute('data-ref', 'R21');
    await expect(check(page, 'queue-freed')).toHaveAttribute('data-state', 'pass');
    await expect(panel(page).getByTestId('lesson-complete')).toBeHidden();
  });

  test('keeps hints and progress across a reload, and resetting the lesson forgets them', async ({ page }) => {
    await page.goto(`/?lesson=${LESSON}`);
    await expect(panel(page)).toHaveAttribute('data-lesson', LESSON);
    const hint = panel(page).getByTestId('lesson-show-hint');
    await expect(hint).toHaveText('Show a hint (4 left)');
    await hint.click();
    await expect(hint).toHaveText('Show another hint (3 left)');
    await expect(panel(page).getByTestId('lesson-hints').locator('li')).toHaveCount(1);

    await page.reload();
    await expect(panel(page)).toHaveAttribute('data-lesson', LESSON);
    await expect(panel(page).getByTestId('lesson-hints').locator('li')).toHaveCount(1);
    await page.getByTestId('lessons-button').click();
    const entry = page.locator(`[data-testid=lesson-entry][data-lesson="${LESSON}"]`);
    await expect(entry.getByTestId('lesson-progress')).toContainText('1 hint shown');
    await entry.getByTestId('lesson-reset').click();
    await expect(entry.getByTestId('lesson-progress')).toHaveCount(0);
    await page.getByTestId('lesson-list').getByRole('button', { name: 'Close' }).click();
    await expect(panel(page).getByTestId('lesson-hints')).toHaveCount(0);
    await expect(hint).toHaveText('Show a hint (4 left)');
  });

  test('is told clearly when a link names no lesson, and the page opens as it would without it', async ({ page }) => {
    await page.goto('/?lesson=no-such-lesson');
    await expect(page.getByTestId('load-problem-errors')).toHaveText('no such lesson: no-such-lesson');
    await expect(page.getByTestId('scenario-title')).toHaveText('VMQ in a minute');
    await expect(panel(page)).toHaveCount(0);
  });
});

test.describe('a teacher', () => {
  test.use({ viewport: { width: 1920, height: 1080 } });

  test('lists the lessons with their minutes, and loads a solution that shows every check passing', async ({
    page,
  }) => {
    await page.goto('/');
    await page.getByTestId('lessons-button').click();
    await page.getByTestId('teacher-toggle').check();
    await expect(page).toHaveURL(/[?&]teacher=1\b/);
    await expect(page.getByTestId('lesson-list-total')).toContainText(/about \d+ minutes in all/);
    const entry = page.locator(`[data-testid=lesson-entry][data-lesson="${LESSON}"]`);
    await entry.getByTestId('lesson-open-solution').click();

    await expect(panel(page)).toHaveAttribute('data-view', 'teacher');
    await expect(panel(page).getByTestId('lesson-attempt')).toHaveAttribute('data-attempt', 'solution');
    await expect(panel(page).getByTestId('lesson-complete')).toBeVisible();
    await expect(panel(page).locator('[data-testid=lesson-check][data-state=pass]')).toHaveCount(5);
    // Readable from the back of the room: the checks are set at least 20 px.
    const size = await check(page, 'dma-stopped-once')
      .locator('p')
      .first()
      .evaluate((node) => Number.parseFloat(getComputedStyle(node).fontSize));
    expect(size).toBeGreaterThanOrEqual(20);
    await page.screenshot({ path: `${SCREENS_DIR}/lesson-teacher-solution.png` });

    // Presented to the room: the steps and the checks over the whole window, still the worker's verdicts.
    await panel(page).getByTestId('lesson-present').click();
    const presented = page.getByTestId('lesson-presentation');
    await expect(presented.locator('[data-testid=lesson-check][data-state=pass]')).toHaveCount(5);
    await expect(presented.getByTestId('lesson-steps').locator('li')).toHaveCount(5);
    await page.screenshot({ path: `${SCREENS_DIR}/lesson-presented.png` });
    await page.keyboard.press('Escape');
    await expect(presented).toHaveCount(0);

    // The teacher's solution is not the class's progress.
    const progress = await page.evaluate(() => JSON.parse(localStorage.getItem('vmq-playground:lessons') ?? '{}'));
    expect(progress[LESSON]?.completed ?? false).toBe(false);
    await page.reload();
    await expect(panel(page)).toHaveAttribute('data-view', 'teacher');
  });
});
