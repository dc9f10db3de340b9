import { describe, expect, it, vi } from 'vitest';
import { InProcessSimClient } from '../../client/InProcessSimClient.ts';
import { CHECKED_SCENARIOS_DIR, checkedScenarioJson } from '../../scenario/checked.ts';
import { parseScenario } from '../../scenario/parse.ts';
import type { Scenario } from '../../scenario/schema.ts';
import { scenarioText } from '../../worker/testScenarios.ts';
import type { Side, SideDescriptor } from '../side/createSide.ts';
import { createPage, FIRST_SIDE } from './createPage.ts';
import { memoryStorage, started, testPage } from './testing.ts';
import type { Page } from './createPage.ts';
import type { ThemeHost } from './theme.ts';

/** A theme host without a DOM: a map for storage, a bare dataset for <html>. */
function themeHost(saved: string | null = null, prefersDark = false): ThemeHost & { root: { dataset: DOMStringMap } } {
  const stored = new Map<string, string>(saved ? [['vmq-playground:theme', saved]] : []);
  return {
    storage: { getItem: (key) => stored.get(key) ?? null, setItem: (key, value) => void stored.set(key, value) },
    root: { dataset: {} } as unknown as HTMLElement,
    prefersDark,
  };
}

/** The page on in-process clients; `frame()` runs the animation frames the pump asked for, and waits for the pull. */
const setup = () => testPage({ theme: themeHost() });

/** The two sides compare mode shows (compare/compareMode.ts). */
const COMPARE: SideDescriptor[] = [
  { ...FIRST_SIDE, label: 'Windows Server 2008 R2', profile: 'ws2008r2' },
  { id: 'ws2012', label: 'Windows Server 2012', profile: 'ws2012' },
];
const enterCompare = (page: Page) => page.showSides(COMPARE);
const leaveCompare = (page: Page) => page.showSides([FIRST_SIDE]);

/** A built-in as the build ships it in checked-scenarios/ (vite.scenarios.ts). */
function checkedBuiltIn(file: string): Scenario {
  const parsed = parseScenario(scenarioText(file));
  if (!parsed.ok) throw new Error(`${file} does not parse`);
  return JSON.parse(checkedScenarioJson(parsed.scenario)) as Scenario;
}

/** `fetch` as the built site answers it: scenarios/ and checked-scenarios/ from public/scenarios (or `checked`'s
 * stand-ins); a file in `missing` has no checked file. */
function serveBuiltIns(checked: Record<string, Scenario> = {}) {
  const missing = new Set<string>();
  const json = (body: string) => new Response(body, { headers: { 'content-type': 'application/json' } });
  vi.stubGlobal('window', { location: { origin: 'http://vmq.test' } });
  // The page's base (page/siteBase.ts).
  vi.stubGlobal('document', { baseURI: 'http://vmq.test/' });
  vi.stubGlobal('fetch', async (url: URL) => {
    const [folder, file] = url.pathname.split('/').slice(-2) as [string, string];
    if (file === 'scenario-catalog.json') return json(JSON.stringify(CATALOG));
    if (folder === 'scenarios') return json(scenarioText(file));
    if (folder !== CHECKED_SCENARIOS_DIR || missing.has(file)) return new Response('', { status: 404 });
    return json(JSON.stringify(checked[file] ?? checkedBuiltIn(file)));
  });
  return { missing, restore: () => vi.unstubAllGlobals() };
}

/** The built-in list as the picker reads it: the default story first. */
const CATALOG = [{ file: 'vmq-in-a-minute.json', title: 'VMQ in a minute', description: '', default: true }];

const guestUsages = (side: Side) =>
  side.store
    .getState()
    .view?.memory.filter((b) => b.space !== 'management-os')
    .map((b) => b.usage);

describe('the page', () => {
  it('shows the remembered theme at once (else the system one), and remembers a switch', () => {
    const saved = themeHost('dark');
    const page = createPage({ createClient: () => new InProcessSimClient(), theme: saved });
    expect(saved.root.dataset['theme']).toBe('dark');
    page.store.getState().toggleTheme();
    expect(saved.root.dataset['theme']).toBe('light');
    expect(saved.storage.getItem('vmq-playground:theme')).toBe('light');
    const system = themeHost(null, true);
    createPage({ createClient: () => new InProcessSimClient(), theme: system });
    expect(system.root.dataset['theme']).toBe('dark');
  });

  it('runs one side as written, and remembers what it loaded', async () => {
    const { page, frame, side } = setup();
    const text = scenarioText('same-traffic-2012.json');
    expect(await page.load(text, 'same-traffic-2012.json')).toBe(true);
    page.drive.step('scenario-step');
    await frame();
    expect(side(0).store.getState().view?.profile).toBe('ws2012');
    expect(side(0).store.getState().stats?.nextStepIndex).toBe(1);
    expect(page.store.getState().loaded).toEqual({ scenario: text, source: 'same-traffic-2012.json' });
  });

  it('a built-in scenario stays known as built-in when the page changes its sides, so autosave keeps its name', async () => {
    const text = scenarioText('same-traffic-2012.json');
    const server = serveBuiltIns();
    try {
      const { page } = setup();
      expect(await page.loadFile('same-traffic-2012.json')).toBe(true);
      await enterCompare(page);
      await leaveCompare(page);
      expect(page.store.getState().loaded).toEqual({
        scenario: text,
        source: 'same-traffic-2012.json',
        builtIn: true,
        checked: checkedBuiltIn('same-traffic-2012.json'),
      });
    } finally {
      server.restore();
    }
  });

  it("runs a built-in as the build checked it, and parses the text when the build's check is missing", async () => {
    const file = 'same-traffic-2012.json';
    // A checked file whose title differs from the text's shows which of the two the worker ran.
    const server = serveBuiltIns({ [file]: { ...checkedBuiltIn(file), title: 'As the build checked it' } });
    try {
      const { page, side } = setup();
      expect(await page.loadFile(file)).toBe(true);
      expect(side(0).store.getState().scenario?.title).toBe('As the build checked it');
      server.missing.add(file);
      expect(await page.loadFile(file)).toBe(true);
      expect(side(0).store.getState().scenario?.title).toBe(checkedBuiltIn(file).title);
      expect(page.store.getState().loaded?.checked).toBeUndefined();
    } finally {
      server.restore();
    }
  });

  it("gives compare mode's sides their profile variants, never the built-in's checked parse of the original", async () => {
    const file = 'lookahead-split-2008r2.json';
    const server = serveBuiltIns({ [file]: { ...checkedBuiltIn(file), title: 'As the build checked it' } });
    try {
      const { page, side, frame } = setup();
      await enterCompare(page);
      expect(await page.loadFile(file)).toBe(true);
      await frame();
      expect([0, 1].map((i) => side(i).store.getState().scenario?.title)).toEqual([
        checkedBuiltIn(file).title,
        checkedBuiltIn(file).title,
      ]);
      expect(side(1).store.getState().view?.profile).toBe('ws2012');
    } finally {
      server.restore();
    }
  });

  it('in compare mode runs the scenario as 2008 R2 and 2012 in lockstep: same steps, same time, different memory', async () => {
    const { page, frame, side } = setup();
    await enterCompare(page);
    expect(page.store.getState().sides.map((s) => s.profile)).toEqual(['ws2008r2', 'ws2012']);
    await page.load(scenarioText('lookahead-split-2008r2.json'), 'lookahead-split-2008r2.json');
    for (let i = 0; i < 9; i++) page.drive.step('scenario-step');
    await frame();

    const [left, right] = [side(0).store.getState(), side(1).store.getState()];
    expect(left.view?.profile).toBe('ws2008r2');
    expect(right.view?.profile).toBe('ws2012');
    expect(right.stats?.nextStepIndex).toBe(left.stats?.nextStepIndex);
    expect(right.simTimeNs).toBe(left.simTimeNs);
    const classified = (s: typeof left) => s.view?.queues.find((q) => q.QueueId === 1)?.counters.classified;
    expect(classified(right)).toBe(classified(left));
    expect(guestUsages(side(0))).toEqual(['NdisSharedMemoryUsageReceivePostLookahead']);
    expect(guestUsages(side(1))).toEqual([]);

    // Step back goes back on both sides.
    page.drive.stepBack();
    await frame();
    expect(side(1).store.getState().stats?.nextStepIndex).toBe(side(0).store.getState().stats?.nextStepIndex);
  });

  it("sends a user action to every side and answers with the asking side's reply", async () => {
    const { page, frame, side } = setup();
    await enterCompare(page);
    await page.load(scenarioText('same-traffic-2012.json'), 'same-traffic-2012.json');
    const reply = side(1).act((client) => client.requestOid({ oid: 'OID_RECEIVE_FILTER_CURRENT_CAPABILITIES' }));
    expect((await reply)?.status).toBe('NDIS_STATUS_SUCCESS');
    await frame();
    const requested = (s: Side) =>
      s.buffer
        .toArray()
        .flatMap((e) => (e.kind === 'oid-requested' ? [e.oid] : []))
        .filter((oid) => oid === 'OID_RECEIVE_FILTER_CURRENT_CAPABILITIES');
    expect(requested(side(0))).toEqual(['OID_RECEIVE_FILTER_CURRENT_CAPABILITIES']);
    expect(requested(side(1))).toEqual(['OID_RECEIVE_FILTER_CURRENT_CAPABILITIES']);
  });

  it("selects a thing of one side without touching the other's, and forgets a selection on a side that leaves", async () => {
    const { page, side } = setup();
    await enterCompare(page);
    side(1).select({ kind: 'queue', id: 1 });
    expect(page.selection.getState().selected).toEqual({ side: 'ws2012', kind: 'queue', id: 1 });
    await leaveCompare(page);
    expect(page.selection.getState().selected).toBeNull();
  });

  it('goes back to one side, as written, after compare mode, and disposes the other', async () => {
    const { page, frame, side } = setup();
    await page.load(scenarioText('same-traffic-2012.json'), 'same-traffic-2012.json');
    await enterCompare(page);
    const leaving = side(1);
    await frame();
    expect(side(0).store.getState().view?.profile).toBe('ws2008r2');
    await leaveCompare(page);
    expect(page.sides().map((s) => s.id)).toEqual(['main']);
    expect(page.side(leaving.id)).toBeUndefined();
    expect(() => leaving.client.play(1)).toThrow('disposed');
    await frame();
    expect(side(0).store.getState().view?.profile).toBe('ws2012');
  });
});

describe('the page at start-up', () => {
  const EMPTY = '?empty=ws2008r2&cpus=2&vms=3';

  it('opens the empty adapter ?empty= names: its profile, CPUs and VMs, and no steps', async () => {
    const server = serveBuiltIns();
    try {
      const test = setup();
      await started(test, EMPTY);
      await test.frame();
      const shown = test.side(0).store.getState();
      expect(shown.scenario?.title).toBe('Empty adapter · Windows Server 2008 R2 (NDIS 6.20) · 2 CPUs · 3 VMs');
      expect(shown.scenario?.source).toBe('Empty adapter');
      expect(shown.scenario?.stepCount).toBe(0);
      expect(shown.loadProblem).toBeNull();
      expect(shown.view?.profile).toBe('ws2008r2');
      expect(shown.view?.queues.map((queue) => queue.QueueId)).toEqual([0]);
    } finally {
      server.restore();
    }
  });

  it('says why it could not build the empty adapter the address names, under "the page address", and runs the default', async () => {
    const server = serveBuiltIns();
    try {
      const test = setup();
      await started(test, '?empty=ws2012&cpus=0');
      const shown = test.side(0).store.getState();
      expect(shown.loadProblem).toEqual({
        source: 'the page address',
        errors: [
          { path: '', message: 'no empty adapter for cpus=0: an adapter has a whole number of CPUs, from 1 to 64' },
        ],
      });
      expect(shown.scenario?.title).toBe('VMQ in a minute');
    } finally {
      server.restore();
    }
  });

  it("brings back the saved session of the empty adapter the address names, and only that adapter's", async () => {
    const server = serveBuiltIns();
    try {
      const storage = memoryStorage();
      const withStorage = () => testPage({ theme: themeHost(), sessionStorage: storage, scheduleSave: () => {} });
      const before = withStorage();
      await started(before, EMPTY);
      await before.side().console.getState().send({ oid: 'OID_RECEIVE_FILTER_HARDWARE_CAPABILITIES' });
      await before.frame();
      before.page.autosave?.flush();
      const history = (test: ReturnType<typeof testPage>) => test.side().console.getState().history.length;

      const reloaded = withStorage();
      await started(reloaded, EMPTY);
      expect(history(reloaded)).toBe(1);
      const other = withStorage();
      await started(other, '?empty=ws2008r2&cpus=2&vms=4');
      expect(other.side().store.getState().scenario?.title).toContain('4 VMs');
      expect(history(other)).toBe(0);
    } finally {
      server.restore();
    }
  });
});
