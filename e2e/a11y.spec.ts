/**
 * WCAG 2.2 AA, checked by axe-core in every view and mode of the page, in the light and the dark theme (issue 12):
 * the default story at its start, mid-run and in its FREE_QUEUE sequence, compare mode, every inspector kind, the
 * dock's panels and tabs, the dialogs, the lessons, present mode, the embedded player, forks and the empty adapter.
 * A new view is not done until it is in this table.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, showLowerPanels, test } from './fixtures.ts';

const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Every violation axe finds on the page as it is now, one readable line each (rule, impact, where, why). */
async function violations(page: Page): Promise<string[]> {
  const { violations: found } = await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze();
  return found.flatMap((v) =>
    v.nodes.map(
      (node) => `${v.id} (${v.impact}) at ${node.target.join(' ')}: ${node.failureSummary?.replace(/\s+/g, ' ')}`,
    ),
  );
}

const story = 'VMQ in a minute';

async function open(page: Page, url = '/', title = story) {
  await page.goto(url);
  await expect(page.getByTestId('scenario-title')).toHaveText(title);
}

async function stepTo(page: Page, step: number, of = 22) {
  for (let i = 1; i <= step; i++) await page.getByTestId('step-scenario').click();
  await expect(page.getByTestId('step-counter')).toHaveText(`${step} / ${of}`);
}

/** The page at a position, then reloaded with `sel=` naming a thing: how a link opens the inspector on it. */
async function selectByLink(page: Page, selection: string) {
  await expect.poll(() => new URL(page.url()).searchParams.get('at')).not.toBeNull();
  const url = new URL(page.url());
  url.searchParams.set('sel', selection);
  await page.goto(url.pathname + url.search);
  await expect(page.getByTestId('inspector')).toBeVisible();
}

async function openTab(page: Page, tab: 'console' | 'traffic' | 'faults') {
  await showLowerPanels(page);
  await page.getByTestId(`tab-${tab}`).click();
}

async function openPanels(page: Page, url: string) {
  await open(page, url);
  await showLowerPanels(page);
}

const VIEWS: Record<string, (page: Page) => Promise<void>> = {
  'default story at its start': (page) => open(page),
  'default story mid-run, frames classified': async (page) => {
    await open(page);
    await stepTo(page, 12);
  },
  'default story in its FREE_QUEUE sequence': async (page) => {
    await open(page);
    await stepTo(page, 20);
    await expect(page.locator('[data-testid=diagram-queue][data-departed=true]')).toBeVisible();
  },
  'compare mode': async (page) => {
    await open(page, '/?compare=1', 'Windows Server 2008 R2: the lookahead split');
    await page.getByTestId('step-scenario').click();
    await page.getByTestId('step-scenario').click();
  },
  'queue inspector': async (page) => {
    await open(page);
    await stepTo(page, 12);
    await page.getByTestId('diagram-queue').nth(1).click();
    await expect(page.getByTestId('inspector')).toBeVisible();
  },
  'filter inspector': async (page) => {
    await open(page);
    await stepTo(page, 12);
    await page.getByTestId('diagram-filter').getByRole('button').first().click();
    await expect(page.getByTestId('inspector')).toBeVisible();
  },
  'event inspector': async (page) => {
    await open(page);
    await stepTo(page, 8);
    await selectByLink(page, 'event.3');
  },
  'frame inspector': async (page) => {
    await open(page);
    await stepTo(page, 12);
    await selectByLink(page, 'frame.1');
  },
  'NBL inspector': async (page) => {
    await open(page);
    await stepTo(page, 12);
    await selectByLink(page, 'nbl.1');
  },
  'OID console with an answer': async (page) => {
    await open(page);
    await openTab(page, 'console');
    await page.getByTestId('oid-select').selectOption('OID_RECEIVE_FILTER_ALLOCATE_QUEUE');
    await page.getByTestId('oid-send').click();
    await expect(page.getByTestId('oid-answer').getByTestId('status-name')).toBeVisible();
  },
  'traffic generator': async (page) => {
    await open(page);
    await stepTo(page, 8);
    await openTab(page, 'traffic');
  },
  'faults and lifecycle': async (page) => {
    await open(page);
    await openTab(page, 'faults');
  },
  'every dock panel open, mid-run': (page) =>
    openPanels(
      page,
      '/?scenario=vmq-in-a-minute.json&panels=timeline.queues.log.drive.conformance.expectations.sequence.charts',
    ),
  'conformance findings': async (page) => {
    await open(
      page,
      '/?scenario=free-with-filters.json&panels=conformance.expectations',
      'Freeing a queue that still has filters',
    );
    await page.getByTestId('play-pause').click();
    await expect(page.getByTestId('conformance-violation').first()).toBeVisible({ timeout: 15_000 });
  },
  'the drawings as tables (V)': async (page) => {
    await open(page);
    await stepTo(page, 12);
    await page.keyboard.press('v');
    await expect(page.getByTestId('adapter-tables')).toBeVisible();
  },
  'lesson list': async (page) => {
    await open(page);
    await page.getByTestId('lessons-button').click();
    await expect(page.getByTestId('lesson-list')).toBeVisible();
  },
  'an open lesson': async (page) => {
    await page.goto('/?lesson=free-sequence');
    await expect(page.getByTestId('lesson-panel')).toBeVisible();
  },
  'present mode': async (page) => {
    await page.goto('/?scenario=vmq-in-a-minute.json&present=1');
    await expect(page.getByTestId('caption-bar')).toBeVisible();
    await page.keyboard.press('PageDown');
  },
  'embedded player': async (page) => {
    await page.goto('/?scenario=vmq-in-a-minute.json&embed=1');
    await expect(page.getByTestId('embed-player')).toBeVisible();
  },
  'shortcut sheet': async (page) => {
    await open(page);
    await page.keyboard.press('?');
    await expect(page.getByTestId('shortcut-sheet')).toBeVisible();
  },
  glossary: async (page) => {
    await open(page);
    await page.getByTestId('glossary-button').click();
    await expect(page.getByTestId('glossary')).toBeVisible();
  },
  'reference viewer': async (page) => {
    await open(page);
    await stepTo(page, 3);
    await page.getByTestId('ref-link').first().click();
    await expect(page.getByTestId('reference-viewer')).toBeVisible();
  },
  'scenario editor': async (page) => {
    await open(page);
    await page.getByTestId('edit-scenario').click();
    await expect(page.getByTestId('editor-text')).toBeVisible();
  },
  'host import dialog': async (page) => {
    await open(page);
    await page.getByTestId('host-import').click();
    await expect(page.getByTestId('host-import-dialog')).toBeVisible();
  },
  'fork dialog': async (page) => {
    await open(page);
    await stepTo(page, 8);
    await page.keyboard.press('w');
    await expect(page.getByTestId('fork-dialog')).toBeVisible();
  },
  'a fork beside the original': async (page) => {
    await page.setViewportSize({ width: 1920, height: 1080 });
    await open(page);
    await stepTo(page, 8);
    await page.keyboard.press('w');
    await page.getByTestId('fork-confirm').click();
    await expect(page.getByTestId('fork-summary')).toBeVisible();
  },
  'empty adapter form': async (page) => {
    await open(page);
    await page.getByTestId('empty-adapter').click();
    await expect(page.getByTestId('empty-adapter-form')).toBeVisible();
  },
  'an empty adapter': async (page) => {
    await page.goto('/?empty=ws2012&cpus=4&vms=2');
    await expect(page.getByTestId('adapter-diagram')).toBeVisible();
  },
};

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`${colorScheme} theme`, () => {
    test.use({ colorScheme, viewport: { width: 1440, height: 900 } });
    for (const [name, reach] of Object.entries(VIEWS)) {
      test(`axe: ${name}, ${colorScheme}`, async ({ page }) => {
        await reach(page);
        await expect(page.locator('html')).toHaveAttribute('data-theme', colorScheme);
        expect(await violations(page)).toEqual([]);
      });
    }
  });
}

test.describe('display settings', () => {
  test.use({ viewport: { width: 1440, height: 900 } });
  for (const [setting, options] of [
    ['forced colours', { forcedColors: 'active' }],
    ['reduced motion', { reducedMotion: 'reduce' }],
  ] as const) {
    test(`axe: default story mid-run in ${setting}`, async ({ page }) => {
      await page.emulateMedia(options);
      await open(page);
      await stepTo(page, 12);
      expect(await violations(page)).toEqual([]);
    });
  }
});
