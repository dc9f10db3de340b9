/**
 * Scenario files (issue 10 §1): download the scenario and open it again, drop a file onto the page (a bad one keeps
 * the session), edit the scenario as JSON with inline errors and Apply at the same position, export the trace as
 * vmq run --json prints it, and the event log as CSV.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { dropFile, expect, SCREENS_DIR, showLowerPanels, test } from './fixtures.ts';

const view = (page: Page) => page.evaluate(() => window.vmqE2E?.view() ?? null);
const stats = (page: Page) => page.evaluate(() => window.vmqE2E?.stats() ?? null);
const BUILT_IN = readFileSync('public/scenarios/vmq-in-a-minute.json', 'utf8');

async function open(page: Page) {
  await page.goto('/');
  await expect(page.getByTestId('scenario-title')).toHaveText('VMQ in a minute');
}

async function stepScenario(page: Page, times: number) {
  const stepCount = (await stats(page))?.stepCount ?? 0;
  const start = (await stats(page))?.nextStepIndex ?? 0;
  for (let i = 1; i <= times; i++) {
    await page.getByTestId('step-scenario').click();
    await expect(page.getByTestId('step-counter')).toHaveText(`${start + i} / ${stepCount}`);
  }
}

test('Download, then Open file… of the downloaded file: the same scenario, the same state after the same steps', async ({
  page,
}, testInfo) => {
  await open(page);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-scenario').click()]);
  expect(download.suggestedFilename()).toBe('vmq-in-a-minute.json');
  const file = testInfo.outputPath(download.suggestedFilename());
  await download.saveAs(file);
  expect(readFileSync(file, 'utf8')).toBe(BUILT_IN);
  await stepScenario(page, 4);
  const before = await view(page);

  await page.getByTestId('scenario-file').setInputFiles(file);
  await expect(page.getByTestId('step-counter')).toHaveText(/^0 \//);
  await expect(page.getByTestId('scenario-title')).toHaveText('VMQ in a minute');
  await stepScenario(page, 4);
  expect(await view(page)).toEqual(before);
});

test('a file dropped onto the page opens, with a calm overlay while it is dragged', async ({ page }) => {
  await open(page);
  await dropFile(page, 'dropped.json', BUILT_IN.replace('"VMQ in a minute"', '"Dropped in"'), { drop: false });
  await expect(page.getByTestId('drop-overlay')).toBeVisible();
  await expect(page.getByTestId('drop-overlay')).toContainText('Drop a scenario file to open it');
  await page.screenshot({ path: `${SCREENS_DIR}/files-drop-overlay.png` });
  await page.evaluate(() => {
    document.body.dispatchEvent(new DragEvent('dragleave', { bubbles: true, dataTransfer: new DataTransfer() }));
  });
  await dropFile(page, 'dropped.json', BUILT_IN.replace('"VMQ in a minute"', '"Dropped in"'));
  await expect(page.getByTestId('drop-overlay')).toBeHidden();
  await expect(page.getByTestId('scenario-title')).toHaveText('Dropped in');
  await expect(page.getByTestId('scenario-picker')).toHaveValue('dropped.json');
});

test('a bad dropped file shows why and keeps the current session where it was', async ({ page }) => {
  await open(page);
  await stepScenario(page, 3);
  const before = await view(page);
  await dropFile(page, 'broken.json', '{ "title": "half a file", ');
  const problem = page.getByTestId('load-problem');
  await expect(problem).toContainText('Could not load “broken.json”');
  await expect(problem).toContainText('Nothing was changed: “VMQ in a minute” is still loaded.');
  await expect(page.getByTestId('load-problem-errors')).toContainText(/line \d+, column \d+/);
  await expect(page.getByTestId('scenario-title')).toHaveText('VMQ in a minute');
  expect(await view(page)).toEqual(before);
});

test('the editor: an inline error for an invalid value, then Apply of a new title and field keeps the position', async ({
  page,
}) => {
  await open(page);
  await stepScenario(page, 5);
  const before = await stats(page);
  await page.getByTestId('edit-scenario').click();
  const editor = page.getByTestId('scenario-editor');
  await expect(editor).toBeVisible();
  await expect(page.getByTestId('editor-status')).toHaveText('Valid scenario');
  const text = page.getByTestId('editor-text');

  const replaceAll = async (doc: string) => {
    await text.click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.insertText(doc);
  };
  const misspelt = BUILT_IN.replace('"OID_RECEIVE_FILTER_ALLOCATE_QUEUE"', '"OID_RECEIVE_FILTER_ALLOC_QUEUE"');
  await replaceAll(misspelt);
  await expect(page.getByTestId('editor-status')).toHaveText('1 problem');
  const problems = page.getByTestId('editor-problems');
  await expect(problems).toContainText('line 26 steps[1].oid: unknown OID');
  await expect(problems).toContainText('did you mean OID_RECEIVE_FILTER_ALLOCATE_QUEUE');
  // The list takes the reader to the value, underlined where it is.
  await problems.getByRole('button').first().click();
  await expect(editor.locator('.cm-lintRange-error')).toHaveText('"OID_RECEIVE_FILTER_ALLOC_QUEUE"');
  await expect(page.getByTestId('editor-apply')).toBeDisabled();
  await page.screenshot({ path: `${SCREENS_DIR}/files-editor-error.png` });

  // Completion offers the OID names where an OID goes.
  await editor.locator('.cm-lintRange-error').click();
  await page.keyboard.press('Control+Space');
  await expect(editor.locator('.cm-tooltip-autocomplete')).toContainText('OID_RECEIVE_FILTER_ALLOCATE_QUEUE');
  await page.keyboard.press('Escape');

  const edited = BUILT_IN.replace('"VMQ in a minute"', '"VMQ in a minute, edited"').replace(
    '"NumSuggestedReceiveBuffers": 32',
    '"NumSuggestedReceiveBuffers": 12',
  );
  expect(edited).toContain('"NumSuggestedReceiveBuffers": 12');
  await replaceAll(edited);
  await expect(page.getByTestId('editor-status')).toHaveText('Valid scenario');
  await page.getByTestId('editor-apply').click();
  await expect(editor).toBeHidden();
  await expect(page.getByTestId('scenario-title')).toHaveText('VMQ in a minute, edited');
  await expect(page.getByTestId('file-notice')).toContainText('back at the event it showed');
  const after = await stats(page);
  expect(after?.nextStepIndex).toBe(before?.nextStepIndex);
  expect(after?.eventCount).toBe(before?.eventCount);
  const queue1 = (await view(page))?.queues.find((q) => q.QueueId === 1);
  expect(queue1?.NumSuggestedReceiveBuffers).toBe(12);
});

test('Cancel in the editor changes nothing, and the edits are there again at the next Edit until reverted', async ({
  page,
}) => {
  await open(page);
  await stepScenario(page, 2);
  const before = await view(page);
  await page.getByTestId('edit-scenario').click();
  const text = page.getByTestId('editor-text');
  await text.click();
  await page.keyboard.press('ControlOrMeta+Home');
  await page.keyboard.insertText('oops');
  await page.getByTestId('editor-cancel').click();
  await expect(page.getByTestId('scenario-editor')).toBeHidden();
  await expect(page.getByTestId('scenario-title')).toHaveText('VMQ in a minute');
  expect(await view(page)).toEqual(before);

  await page.getByTestId('edit-scenario').click();
  await expect(text).toContainText('oops{');
  await page.getByTestId('editor-revert').click();
  await expect(text).not.toContainText('oops');
  await expect(page.getByTestId('editor-status')).toHaveText('Valid scenario');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('scenario-editor')).toBeHidden();
  await page.getByTestId('edit-scenario').click();
  await expect(text).not.toContainText('oops');
});

test('Trace NDJSON downloads exactly what the built vmq run --json prints for the same file and seed', async ({
  page,
}, testInfo) => {
  await open(page);
  await stepScenario(page, 3);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-trace').click()]);
  expect(download.suggestedFilename()).toBe('vmq-in-a-minute.ndjson');
  const file = testInfo.outputPath(download.suggestedFilename());
  await download.saveAs(file);
  await expect(page.getByTestId('file-notice')).toContainText('vmq run --json --frames vmq-in-a-minute.json');
  // The story traces its frames, so the page does: vmq shows them with --frames. Run where the file is, so the
  // header's "file" is its bare name as in the page.
  const cli = execFileSync('node', [resolve('bin/vmq.mjs'), 'run', '--json', '--frames', 'vmq-in-a-minute.json'], {
    cwd: 'public/scenarios',
    encoding: 'utf8',
  });
  expect(readFileSync(file, 'utf8')).toBe(cli);
});

test('pcapng downloads exactly what the built vmq run --pcapng writes for the same file', async ({
  page,
}, testInfo) => {
  await open(page);
  await stepScenario(page, 3);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-pcapng').click()]);
  expect(download.suggestedFilename()).toBe('vmq-in-a-minute.pcapng');
  const file = testInfo.outputPath(download.suggestedFilename());
  await download.saveAs(file);
  await expect(page.getByTestId('file-notice')).toContainText(
    'vmq run vmq-in-a-minute.json --pcapng vmq-in-a-minute.pcapng',
  );
  const cli = testInfo.outputPath('cli.pcapng');
  execFileSync('node', [resolve('bin/vmq.mjs'), 'run', 'vmq-in-a-minute.json', '--quiet', '--pcapng', cli], {
    cwd: 'public/scenarios',
  });
  expect(readFileSync(file)).toEqual(readFileSync(cli));
});

test('the event log as CSV: the header, then one row per entry the log shows', async ({ page }, testInfo) => {
  await open(page);
  await stepScenario(page, 4);
  await showLowerPanels(page);
  const rows = await page.evaluate(() => window.vmqE2E?.traceLength() ?? 0);
  await expect(page.getByTestId('trace-count')).toHaveText(`${rows} events`);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-log-csv').click()]);
  expect(download.suggestedFilename()).toBe('vmq-in-a-minute-log.csv');
  const file = testInfo.outputPath(download.suggestedFilename());
  await download.saveAs(file);
  const lines = readFileSync(file, 'utf8').split('\r\n');
  expect(lines[0]).toBe('seq,t_ns,actor,kind,issued_by,what_happened');
  expect(lines.at(-1)).toBe('');
  expect(lines.length - 2).toBe(rows);
  expect(lines[1]).toMatch(/^0,0,/);
});
