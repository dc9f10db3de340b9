/**
 * The glossary: a term on screen explains itself when the pointer rests on it or the keyboard reaches it, and its
 * links open the reference at the term's section; the header's Glossary lists every term and filters as you type.
 */
import type { Locator, Page } from '@playwright/test';
import { TERMS, type TermId } from '../src/app/glossary/terms.ts';
import { expect, SCREENS_DIR, test } from './fixtures.ts';

/** A definition as the page shows it: its `code` spans are set in code type, without the backticks. */
const shown = (id: TermId) => TERMS[id].definition.replaceAll('`', '');

const viewer = (page: Page) => page.getByTestId('reference-viewer');
const tip = (page: Page) => page.getByTestId('term-tip');

async function openDefault(page: Page) {
  await page.goto('/');
  await expect(page.getByTestId('scenario-title')).toHaveText('VMQ in a minute');
  await expect(page.getByTestId('queue-row')).toHaveCount(1);
}

/** The tip shows the term's own definition, and the term names that definition as its description. */
async function expectTipOf(page: Page, term: Locator, id: TermId) {
  await expect(tip(page)).toHaveCount(1);
  await expect(tip(page)).toBeVisible();
  await expect(tip(page)).toHaveAttribute('data-term', id);
  await expect(tip(page).getByTestId('term-definition')).toHaveText(shown(id));
  await expect(term).toHaveAccessibleDescription(shown(id));
}

test('resting the pointer on a term shows its definition; its reference link opens the reference at its section', async ({
  page,
}) => {
  await openDefault(page);
  const dpc = page.getByTestId('queue-panel').locator('[data-testid=term][data-term=dpc]');
  await dpc.hover();
  await expectTipOf(page, dpc, 'dpc');
  await expect(tip(page).getByTestId('learn-link')).toHaveAttribute(
    'href',
    'https://learn.microsoft.com/windows-hardware/drivers/network/vmq-interrupt-requirements',
  );

  // The pointer can cross from the term onto the tip to reach its links.
  const reference = tip(page).getByRole('link', { name: 'Reference §9' });
  await reference.hover();
  await reference.click();
  await expect(viewer(page)).toBeVisible();
  await expect(viewer(page)).toHaveAttribute('data-target', '9');
  await expect(viewer(page).locator('[id="ref-9"]')).toBeInViewport();
  await expect(viewer(page).locator('[id="ref-9"]')).toBeFocused();
  await expect(tip(page)).toHaveCount(0);

  // Escape closes the reference and brings the keyboard back to the term, which shows its tip again.
  await page.keyboard.press('Escape');
  await expect(viewer(page)).toBeHidden();
  await expect(dpc).toBeFocused();
  await expectTipOf(page, dpc, 'dpc');
  await page.keyboard.press('Escape');
  await expect(tip(page)).toHaveCount(0);

  // Another term: its tip comes when the pointer rests on it and goes when the pointer leaves.
  const nbl = page.getByTestId('queue-panel').locator('[data-testid=term][data-term=nbl]');
  await nbl.hover();
  await expectTipOf(page, nbl, 'nbl');
  await page.mouse.move(0, 0);
  await expect(tip(page)).toHaveCount(0);
});

test('the keyboard reaches a term, Tab goes on into its links, and Escape closes the tip', async ({ page }) => {
  await openDefault(page);
  // A queue is selected, so that an Escape the page took would show: it clears the selection.
  await page.locator('[data-testid=diagram-queue][data-queue-id="0"]').click();
  await expect(page.getByTestId('inspect-queue')).toBeVisible();
  // The queue panel's title is a term; step onto it from the control before it, with the keyboard.
  const queues = page.getByTestId('queue-panel').locator('[data-testid=term][data-term=vm-queue]');
  await queues.focus();
  await page.keyboard.press('Shift+Tab');
  await expect(tip(page)).toHaveCount(0);
  await page.keyboard.press('Tab');
  await expect(queues).toBeFocused();
  await expectTipOf(page, queues, 'vm-queue');

  await page.keyboard.press('Tab');
  await expect(tip(page).getByRole('link', { name: 'Reference §1.2' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(tip(page).getByRole('link', { name: /Microsoft Learn/ })).toBeFocused();
  await expect(tip(page).getByRole('link', { name: /Microsoft Learn/ })).toHaveAttribute(
    'href',
    'https://learn.microsoft.com/windows-hardware/drivers/network/vmq-receive-queues',
  );

  // Escape closes the tip, brings the focus back to the term and is not the page's "clear the selection".
  await page.keyboard.press('Escape');
  await expect(tip(page)).toHaveCount(0);
  await expect(queues).toBeFocused();
  await expect(page.getByTestId('inspect-queue')).toBeVisible();

  // Tabbing past the term and its tip closes it.
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Tab');
  await expectTipOf(page, queues, 'vm-queue');
  await page.keyboard.press('Shift+Tab');
  await expect(tip(page)).toHaveCount(0);
});

test('the glossary opens from the header, lists every term alphabetically and filters as you type', async ({
  page,
}) => {
  await openDefault(page);
  const button = page.getByTestId('glossary-button');
  await button.click();
  const glossary = page.getByRole('dialog', { name: 'Glossary' });
  await expect(glossary).toBeVisible();
  const entries = glossary.getByTestId('glossary-entry');
  const count = Object.keys(TERMS).length;
  await expect(entries).toHaveCount(count);
  await expect(glossary.getByTestId('glossary-count')).toContainText(`${count} terms`);
  const names = await entries.locator('dt').allTextContents();
  expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })));

  const search = glossary.getByTestId('glossary-search');
  await expect(search).toBeFocused();
  await search.fill('net_buffer_list');
  await expect(entries.first()).toHaveAttribute('data-term', 'nbl');
  await expect(entries.first()).toContainText(shown('nbl'));
  await expect(glossary.getByTestId('glossary-count')).toContainText(`of ${count} terms`);
  await search.fill('token ring');
  await expect(entries).toHaveCount(0);
  await expect(glossary).toContainText('No term matches “token ring”.');

  await search.fill('backfill');
  const backfill = entries.first();
  await expect(backfill).toHaveAttribute('data-term', 'backfill');
  await backfill.getByRole('link', { name: 'Reference §7.3' }).click();
  await expect(viewer(page)).toHaveAttribute('data-target', '7.3');
  await expect(viewer(page).locator('[id="ref-7.3"]')).toBeFocused();
  // Escape closes the reference over the glossary, then the glossary, and the focus is back where it started.
  await page.keyboard.press('Escape');
  await expect(viewer(page)).toBeHidden();
  await expect(glossary).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(glossary).toBeHidden();
  await expect(button).toBeFocused();
});

test('a term’s tip and the glossary in the light and the dark theme', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openDefault(page);
  for (const theme of ['light', 'dark'] as const) {
    if (theme === 'dark') await page.getByTestId('theme-toggle').click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    const term = page.getByTestId('queue-panel').locator('[data-testid=term][data-term=nbl]');
    await term.scrollIntoViewIfNeeded();
    await term.hover();
    await expect(tip(page)).toBeVisible();
    await page.screenshot({ path: `${SCREENS_DIR}/glossary-tip-${theme}.png` });
    await page.mouse.move(0, 0);
    await expect(tip(page)).toHaveCount(0);
    await page.getByTestId('glossary-button').click();
    await expect(page.getByTestId('glossary')).toBeVisible();
    await page.screenshot({ path: `${SCREENS_DIR}/glossary-${theme}.png` });
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('glossary')).toBeHidden();
  }
});
