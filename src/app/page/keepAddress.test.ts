import { describe, expect, it } from 'vitest';
import { scenarioText } from '../../worker/testScenarios.ts';
import { type AddressHistory, MAX_LINK_CHARS } from './keepAddress.ts';
import { started, testPage } from './testing.ts';

/** The browser's history in an array: the entries, and which one is shown. */
function fakeHistory(first = 'https://vmq.test/playground/') {
  const entries = [first];
  let index = 0;
  const history: AddressHistory & { entries: string[] } = {
    entries,
    href: () => entries[index] as string,
    replace: (url) => {
      entries[index] = url;
    },
    push: (url) => {
      entries.splice(index + 1, entries.length, url);
      index = entries.length - 1;
    },
  };
  return history;
}

const ALLOCATE = {
  oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE',
  buffer: { QueueType: 'NdisReceiveQueueTypeVMQueue', NumSuggestedReceiveBuffers: 16, LookaheadSize: 0 },
} as const;

describe("the page's address", () => {
  it('is a link that opens the same view: scenario file, position, actions, selection and panels', async () => {
    const before = testPage({ history: fakeHistory() });
    await started(before, '');
    await before.page.load(scenarioText(), 'my-own.json');
    await before.frame();
    before.page.drive.step('scenario-step');
    await before.frame();
    await before.side().act((client) => client.requestOid(ALLOCATE));
    before.page.drive.step('scenario-step');
    before.page.drive.step('event');
    await before.frame();
    await before.frame();
    before.side().select({ kind: 'queue', id: 0 });
    before.page.store.getState().setPanelOpen('log', false);
    const link = (await before.page.address?.link()) as string;
    const shown = before.side().store.getState();
    expect([...new URL(link).searchParams.keys()].sort()).toEqual(['acts', 'at', 'file', 'panels', 'seed', 'sel']);

    const after = testPage({ history: fakeHistory(link) });
    await started(after, new URL(link).search);
    const opened = after.side().store.getState();
    expect(opened.scenario?.source).toBe('my-own.json');
    expect(opened.stats?.eventCount).toBe(shown.stats?.eventCount);
    expect(opened.view).toEqual(shown.view);
    expect(after.page.selection.getState().selected).toEqual({ side: 'main', kind: 'queue', id: 0 });
    expect(after.page.store.getState().panels).toEqual(before.page.store.getState().panels);
    expect(opened.loadProblem).toBeNull();
    // Opening it names the same moment again: the address is the link it was opened with.
    expect(await after.page.address?.link()).toBe(link);
  });

  it('adds a history entry for another scenario or seed, and replaces its entry as the user moves', async () => {
    const history = fakeHistory();
    const test = testPage({ history });
    await started(test, '');
    await test.page.load(scenarioText(), 'one.json');
    await test.page.address?.link();
    const entries = history.entries.length;
    test.page.drive.step('scenario-step');
    await test.frame();
    test.side().select({ kind: 'queue', id: 0 });
    await test.page.address?.link();
    expect(history.entries.length).toBe(entries);
    await test.page.reseed(42);
    const reseeded = (await test.page.address?.link()) as string;
    expect(history.entries.length).toBe(entries + 1);
    expect(new URL(reseeded).searchParams.get('seed')).toBe('42');
    expect(test.side().store.getState().scenario?.seed).toBe(42);
  });

  it('keeps present mode in the address, in place, so a copied link presents too', async () => {
    const history = fakeHistory('https://vmq.test/playground/?present=1');
    const test = testPage({ history });
    await started(test, '?present=1');
    await test.page.load(scenarioText(), 'one.json');
    const link = (await test.page.address?.link()) as string;
    expect(new URL(link).searchParams.get('present')).toBe('1');
    const entries = history.entries.length;
    test.page.presentation.getState().present(false);
    const left = (await test.page.address?.link()) as string;
    expect(new URL(left).searchParams.has('present')).toBe(false);
    expect(history.entries.length).toBe(entries);
  });

  it('writes the teacher view in its place in the order, in place, and drops it when the teacher view is left', async () => {
    const history = fakeHistory();
    const test = testPage({ history });
    await started(test, '');
    await test.page.load(scenarioText(), 'one.json');
    // What the lessons' setTeacher does once their code has loaded (page/lessonActions.ts).
    test.page.lessons.setState({ teacher: true });
    const link = (await test.page.address?.link()) as string;
    expect([...new URL(link).searchParams.keys()]).toEqual(['file', 'seed', 'teacher', 'panels']);
    const entries = history.entries.length;
    test.page.lessons.setState({ teacher: false });
    const left = (await test.page.address?.link()) as string;
    expect(new URL(left).searchParams.has('teacher')).toBe(false);
    expect(history.entries.length).toBe(entries);
  });

  it('keeps the embedded player and what it shows in the address', async () => {
    const test = testPage({ history: fakeHistory('https://vmq.test/playground/?embed=1&view=memory') });
    await started(test, '?embed=1&view=memory');
    await test.page.load(scenarioText(), 'one.json');
    const params = new URL((await test.page.address?.link()) as string).searchParams;
    expect([params.get('embed'), params.get('view')]).toEqual(['1', 'memory']);
    expect(test.page.presentation.getState().presentation).toEqual({ mode: 'embed', view: 'memory' });
  });

  it('says what it cannot carry when a file of the user’s own is too large for a link', async () => {
    const test = testPage({ history: fakeHistory() });
    await started(test, '');
    const scenario = JSON.parse(scenarioText());
    // Text that does not compress: a description of pseudo-random characters.
    let state = 2463534242;
    const next = () => {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      return (state >>> 0) % 90;
    };
    const noise = () => Array.from({ length: 3000 }, () => String.fromCharCode(33 + next())).join('');
    scenario.steps.push({ note: noise() }, { note: noise() }, { note: noise() });
    expect(await test.page.load(JSON.stringify(scenario), 'big.json')).toBe(true);
    const link = (await test.page.address?.link()) as string;
    expect(link.length).toBeLessThanOrEqual(MAX_LINK_CHARS);
    expect(new URL(link).searchParams.has('file')).toBe(false);
    expect(test.page.address?.state.getState().problem).toMatch(/a link holds 8\.0 KB: it leaves them out/);
  });
});
