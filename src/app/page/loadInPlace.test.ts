import { describe, expect, it } from 'vitest';
import { scenarioText } from '../../worker/testScenarios.ts';
import { testPage } from './testing.ts';

const FILE = 'vmq-in-a-minute.json';

/** Runs the page's frames until `work` is done, as the browser would while it waits. */
async function whileFraming<T>(test: ReturnType<typeof testPage>, work: Promise<T>): Promise<T> {
  let done = false;
  const settled = work.finally(() => {
    done = true;
  });
  for (let i = 0; i < 2000 && !done; i++) await test.frame();
  return settled;
}

describe('loadInPlace (the scenario editor’s Apply)', () => {
  it('runs the edited scenario and comes back to the same event when its run reaches it', async () => {
    const test = testPage();
    const { page, frame, side } = test;
    await page.load(scenarioText(FILE), FILE);
    for (let i = 0; i < 6; i++) page.drive.step('scenario-step');
    await test.until(() => side().store.getState().stats?.nextStepIndex === 6);
    await frame();
    const before = side().store.getState().stats;
    const edited = scenarioText(FILE).replace('"VMQ in a minute"', '"Edited"');
    expect(await whileFraming(test, page.loadInPlace(edited, 'edited.json'))).toBe('kept');
    const after = side().store.getState();
    expect(after.scenario?.title).toBe('Edited');
    expect(after.stats?.nextStepIndex).toBe(before?.nextStepIndex);
    expect(after.stats?.eventCount).toBe(before?.eventCount);
  });

  it('goes to the start, and says so, when the edited run does not reach that event', async () => {
    const test = testPage();
    const { page, side } = test;
    await page.load(scenarioText(FILE), FILE);
    for (let i = 0; i < 6; i++) page.drive.step('scenario-step');
    await test.until(() => side().store.getState().stats?.nextStepIndex === 6);
    const document = JSON.parse(scenarioText(FILE)) as { steps: unknown[] };
    const shorter = JSON.stringify({ ...document, steps: document.steps.slice(0, 2) });
    expect(await whileFraming(test, page.loadInPlace(shorter, 'edited.json'))).toBe('start');
    expect(side().store.getState().stats?.eventCount).toBe(1);
  });

  it('leaves the session as it was when the edited scenario does not load', async () => {
    const test = testPage();
    const { page, side } = test;
    await page.load(scenarioText(FILE), FILE);
    page.drive.step('scenario-step');
    await test.until(() => side().store.getState().stats?.nextStepIndex === 1);
    expect(await whileFraming(test, page.loadInPlace('{ "title": ', 'edited.json'))).toBe('rejected');
    const state = side().store.getState();
    expect(state.scenario?.title).toBe('VMQ in a minute');
    expect(state.stats?.nextStepIndex).toBe(1);
    expect(state.loadProblem?.source).toBe('edited.json');
  });
});
