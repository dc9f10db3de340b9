/**
 * Citations open the reference: a rule in the conformance panel and an OID answer in the console link to
 * docs/ndis-reference.md, which the viewer shows at the cited rule or section, with Microsoft's page beside it;
 * Escape closes the viewer and leaves the page as it was.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, SCREENS_DIR, showLowerPanels, test } from './fixtures.ts';

const FILE = 'free-with-filters.json';
const TOTAL = JSON.parse(readFileSync(`public/scenarios/${FILE}`, 'utf8')).steps.length as number;

/** Opens the scenario in which the switch frees a queue that still has a filter, and runs its first `steps` steps. */
async function openAt(page: Page, steps: number) {
  await page.goto(`/?scenario=${FILE}`);
  await expect(page.getByTestId('scenario-title')).toHaveText('Freeing a queue that still has filters');
  await showLowerPanels(page);
  for (let i = 1; i <= steps; i++) {
    await page.getByTestId('step-scenario').click();
    await expect(page.getByTestId('step-counter')).toHaveText(`${i} / ${TOTAL}`);
  }
}

const viewer = (page: Page) => page.getByTestId('reference-viewer');

/** The viewer is open at `target`, with the cited heading or rule in view and focused. */
async function expectOpenAt(page: Page, target: string) {
  await expect(viewer(page)).toBeVisible();
  await expect(viewer(page)).toHaveAttribute('data-target', target);
  const cited = viewer(page).locator(`[id="ref-${target}"]`);
  await expect(cited).toBeInViewport();
  await expect(cited).toBeFocused();
}

test('a rule in the conformance panel opens the reference at the rule, then at the section that explains it; Escape closes it', async ({
  page,
}) => {
  await openAt(page, 5); // through the refused FREE_QUEUE
  const r21 = page.getByTestId('conformance-violation').and(page.locator('[data-rule=R21]'));
  await r21.getByRole('button').first().click(); // selects the finding and unfolds the rule
  const explanation = r21.getByTestId('rule-explanation');

  const ruleLink = explanation.getByRole('link', { name: 'R21', exact: true }).first();
  await ruleLink.click();
  await expectOpenAt(page, 'R21');
  await expect(viewer(page).locator('#ref-R21')).toContainText('FREE_QUEUE while the queue still has filters');
  await expect(viewer(page).getByRole('heading', { level: 2, name: /R21/ })).toContainText('Rule 21 of §12');
  await expect(viewer(page).getByRole('link', { name: /OID_RECEIVE_FILTER_FREE_QUEUE/ })).toHaveAttribute(
    'href',
    'https://learn.microsoft.com/windows-hardware/drivers/network/oid-receive-filter-free-queue',
  );

  await page.keyboard.press('Escape');
  await expect(viewer(page)).toBeHidden();
  await expect(ruleLink).toBeFocused();
  // The page's own Escape (clear the selection) did not fire: the finding is still selected.
  await expect(r21.getByRole('button').first()).toHaveAttribute('aria-current', 'true');

  await explanation.getByRole('link', { name: '§3.9', exact: true }).click();
  await expectOpenAt(page, '3.9');
  await expect(viewer(page).locator('[id="ref-3.9"]')).toHaveText(
    '3.9 OID_RECEIVE_FILTER_FREE_QUEUE (0x00010224, set)',
  );
  // Citations inside the reference lead on through it.
  const contents = viewer(page).getByTestId('reference-contents');
  await contents.getByText('Contents').click();
  await contents.getByRole('link', { name: '§12', exact: true }).click();
  await expectOpenAt(page, '12');
  await page.keyboard.press('Escape');
  await expect(viewer(page)).toBeHidden();
});

test('an OID answer in the console links the rule it cites, and the form links the OID’s section', async ({ page }) => {
  await openAt(page, 3); // queue 1 allocated, filtered and complete: Running, with its filter
  await page.getByTestId('oid-select').selectOption('OID_RECEIVE_FILTER_FREE_QUEUE');
  await page.getByTestId('oid-send').click();
  const answer = page.getByTestId('oid-answer');
  await expect(answer.getByTestId('status-name')).toHaveText('NDIS_STATUS_INVALID_PARAMETER');
  const message = answer.getByTestId('result-message');
  await expect(message).toContainText('clear every filter before FREE_QUEUE (R21)');

  await message.getByRole('link', { name: 'R21', exact: true }).first().click();
  await expectOpenAt(page, 'R21');
  await page.keyboard.press('Escape');
  await expect(viewer(page)).toBeHidden();

  const formLink = page.getByTestId('oid-console').getByRole('link', { name: '§3.9', exact: true });
  await formLink.click();
  await expectOpenAt(page, '3.9');
  await expect(viewer(page).getByTestId('reference-learn')).toContainText('OID_RECEIVE_FILTER_FREE_QUEUE');
  await page.keyboard.press('Escape');
  await expect(viewer(page)).toBeHidden();
  await expect(formLink).toBeFocused();
});

test('the reference viewer in the light and the dark theme', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openAt(page, 5);
  const r21 = page.getByTestId('conformance-violation').and(page.locator('[data-rule=R21]'));
  await r21.getByRole('button').first().click();
  await r21.getByTestId('rule-explanation').getByRole('link', { name: '§3.9', exact: true }).click();
  await expectOpenAt(page, '3.9');
  await page.screenshot({ path: `${SCREENS_DIR}/reference-light.png` });
  await page.keyboard.press('Escape');
  await page.getByTestId('theme-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await r21.getByTestId('rule-explanation').getByRole('link', { name: 'R21', exact: true }).first().click();
  await expectOpenAt(page, 'R21');
  await page.screenshot({ path: `${SCREENS_DIR}/reference-dark.png` });
});
