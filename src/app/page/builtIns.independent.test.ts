import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { InProcessSimClient } from '../../client/InProcessSimClient.ts';
import type { SimCommand } from '../../protocol/commands.ts';
import { CHECKED_SCENARIOS_DIR, checkedScenarioJson } from '../../scenario/checked.ts';
import { parseScenario } from '../../scenario/parse.ts';
import type { Scenario } from '../../scenario/schema.ts';
import { scenarioText } from '../../worker/testScenarios.ts';
import { FIRST_SIDE } from './createPage.ts';
import { readSavedSession, SESSION_KEY } from './autosave.ts';
import { memoryStorage, testPage } from './testing.ts';

const CATALOG = JSON.parse(
  readFileSync(fileURLToPath(new URL('../../../public/scenario-catalog.json', import.meta.url)), 'utf8'),
) as { file: string; default?: boolean }[];
const DEFAULT_FILE = CATALOG.find((entry) => entry.default)?.file ?? CATALOG[0]!.file;

function checkedOf(file: string): Scenario {
  const parsed = parseScenario(scenarioText(file));
  if (!parsed.ok) throw new Error(`${file} must parse`);
  return JSON.parse(checkedScenarioJson(parsed.scenario)) as Scenario;
}

/** An in-process client that keeps every load it posts. */
class RecordingClient extends InProcessSimClient {
  readonly loads: Extract<SimCommand, { type: 'load-scenario' }>[] = [];
  protected override post(command: SimCommand): void {
    if (command.type === 'load-scenario') this.loads.push(structuredClone(command));
    super.post(command);
  }
}

type Answer = Response | Promise<Response> | 'network-error';

/** The built site as `fetch` sees it; `answer` overrides any path (by folder/file). */
function serve(answer: (folder: string, file: string) => Answer | undefined = () => undefined) {
  const requested: string[] = [];
  const json = (body: string) => new Response(body, { headers: { 'content-type': 'application/json' } });
  vi.stubGlobal('window', { location: { origin: 'http://vmq.test' } });
  // The page's base (page/siteBase.ts).
  vi.stubGlobal('document', { baseURI: 'http://vmq.test/' });
  vi.stubGlobal('fetch', async (url: URL) => {
    const path = url.pathname;
    requested.push(path);
    if (path.endsWith('/scenario-catalog.json')) return json(JSON.stringify(CATALOG));
    const [folder, file] = path.split('/').slice(-2) as [string, string];
    const special = answer(folder, file);
    if (special === 'network-error') throw new TypeError('Failed to fetch');
    if (special) return special;
    if (folder === 'scenarios') {
      try {
        return json(scenarioText(file));
      } catch {
        return new Response('', { status: 404 });
      }
    }
    if (folder === CHECKED_SCENARIOS_DIR) {
      try {
        return json(JSON.stringify(checkedOf(file)));
      } catch {
        return new Response('', { status: 404 });
      }
    }
    return new Response('', { status: 404 });
  });
  return { requested };
}

function setup(deps: Parameters<typeof testPage>[0] = {}) {
  const clients: RecordingClient[] = [];
  const test = testPage({
    createClient: () => {
      const client = new RecordingClient();
      clients.push(client);
      return client;
    },
    ...deps,
  });
  return { ...test, clients, lastLoad: (i = 0) => clients[i]?.loads.at(-1) };
}

/** Starts the page, running its animation frames until start-up is over (a restore replays through frames). */
async function startWithFrames(test: ReturnType<typeof setup>, search = ''): Promise<void> {
  let done = false;
  const starting = test.page.start(search).finally(() => {
    done = true;
  });
  for (let i = 0; i < 500 && !done; i++) await test.frame();
  await starting;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the page loads built-ins as the build checked them', () => {
  it.each(CATALOG.map((entry) => entry.file))(
    '%s: sends the text and its checked form, and shows what the text shows',
    async (file) => {
      serve();
      const { page, side, lastLoad } = setup();
      expect(await page.loadFile(file)).toBe(true);
      const load = lastLoad();
      expect(load?.scenario).toBe(scenarioText(file));
      expect(load?.checked).toStrictEqual(checkedOf(file));
      expect(page.store.getState().loaded).toMatchObject({ source: file, builtIn: true });
      const shown = side().store.getState().scenario;

      const plain = setup();
      expect(await plain.page.load(scenarioText(file), file)).toBe(true);
      expect(plain.lastLoad()?.checked).toBeUndefined();
      expect(plain.side().store.getState().scenario).toEqual(shown);
    },
  );

  it('asks for the text and the checked form together, before either has arrived', async () => {
    const held: (() => void)[] = [];
    const { requested } = serve((folder, file) => {
      if (folder !== 'scenarios' && folder !== CHECKED_SCENARIOS_DIR) return undefined;
      const body = folder === 'scenarios' ? scenarioText(file) : JSON.stringify(checkedOf(file));
      return new Promise<Response>((resolve) => {
        held.push(() => resolve(new Response(body, { headers: { 'content-type': 'application/json' } })));
      });
    });
    const { page } = setup();
    const loading = page.loadFile(DEFAULT_FILE);
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0));
    expect(requested.filter((path) => path.endsWith(`/${DEFAULT_FILE}`)).sort()).toEqual(
      [`/${CHECKED_SCENARIOS_DIR}/${DEFAULT_FILE}`, `/scenarios/${DEFAULT_FILE}`].sort(),
    );
    for (const release of held) release();
    expect(await loading).toBe(true);
  });

  it.each<[string, (folder: string) => Answer | undefined]>([
    ['answers 404', (folder) => (folder === CHECKED_SCENARIOS_DIR ? new Response('', { status: 404 }) : undefined)],
    [
      'answers 200 text/html (a host that serves index.html for every path)',
      (folder) =>
        folder === CHECKED_SCENARIOS_DIR
          ? new Response('<!doctype html><html></html>', { headers: { 'content-type': 'text/html' } })
          : undefined,
    ],
    [
      'answers JSON that does not parse',
      (folder) =>
        folder === CHECKED_SCENARIOS_DIR
          ? new Response('{"format":', { headers: { 'content-type': 'application/json' } })
          : undefined,
    ],
    ['fails on the network', (folder) => (folder === CHECKED_SCENARIOS_DIR ? 'network-error' : undefined)],
    ['answers 500', (folder) => (folder === CHECKED_SCENARIOS_DIR ? new Response('oops', { status: 500 }) : undefined)],
  ])('parses the text like any file when the checked form %s', async (_what, answer) => {
    serve((folder) => answer(folder));
    const { page, side, lastLoad } = setup();
    expect(await page.loadFile('oid-errors.json')).toBe(true);
    expect(lastLoad()?.checked).toBeUndefined();
    expect(side().store.getState().scenario?.title).toBe(checkedOf('oid-errors.json').title);
    expect(page.store.getState().loaded?.checked).toBeUndefined();
    expect(side().store.getState().loadProblem).toBeNull();
  });

  it("reports the parser's errors for a built-in that does not parse and has no checked form (the dev server's 404)", async () => {
    const broken = JSON.stringify({ ...JSON.parse(scenarioText('oid-errors.json')), steps: [{ oid: 'OID_NOPE' }] });
    serve((folder, file) =>
      file !== 'broken.json'
        ? undefined
        : folder === 'scenarios'
          ? new Response(broken, { headers: { 'content-type': 'application/json' } })
          : new Response('no checked scenario broken.json', { status: 404 }),
    );
    const { page, side, lastLoad } = setup();
    expect(await page.loadFile(DEFAULT_FILE)).toBe(true);
    expect(await page.loadFile('broken.json')).toBe(false);
    expect(lastLoad()?.checked).toBeUndefined();
    const problem = side().store.getState().loadProblem;
    expect(problem?.source).toBe('broken.json');
    expect(problem?.errors.some((error) => error.message.includes('OID_NOPE'))).toBe(true);
    expect(side().store.getState().scenario?.title).toBe(checkedOf(DEFAULT_FILE).title);
  });

  it('does not run a checked form whose text is missing, and keeps the scenario shown', async () => {
    serve((folder, file) =>
      folder === 'scenarios' && file === 'ghost.json'
        ? new Response('', { status: 404 })
        : folder === CHECKED_SCENARIOS_DIR && file === 'ghost.json'
          ? new Response(JSON.stringify({ ...checkedOf('oid-errors.json'), title: 'Ghost' }), {
              headers: { 'content-type': 'application/json' },
            })
          : undefined,
    );
    const { page, side, clients } = setup();
    expect(await page.loadFile(DEFAULT_FILE)).toBe(true);
    const loadsBefore = clients[0]!.loads.length;
    expect(await page.loadFile('ghost.json')).toBe(false);
    expect(clients[0]!.loads.length).toBe(loadsBefore);
    expect(side().store.getState().scenario?.title).toBe(checkedOf(DEFAULT_FILE).title);
    expect(side().store.getState().loadProblem).not.toBeNull();
    expect(page.store.getState().loaded?.source).toBe(DEFAULT_FILE);
  });

  it('never fetches a checked form from outside checked-scenarios/', async () => {
    const { requested } = serve();
    const { page } = setup();
    for (const name of ['../package.json', '..%2fpackage.json', 'http://evil.test/x.json', '/etc/passwd']) {
      await page.loadFile(name);
    }
    const fetched = requested.filter((path) => !path.endsWith('/scenario-catalog.json'));
    expect(
      fetched.every((path) => path.startsWith('/scenarios/') || path.startsWith(`/${CHECKED_SCENARIOS_DIR}/`)),
    ).toBe(true);
  });
});

describe('the page never sends a checked form for what the user gives', () => {
  it('parses a file the user opens, even right after a checked built-in and even when it has a built-in name', async () => {
    serve();
    const { page, side, lastLoad } = setup();
    expect(await page.loadFile(DEFAULT_FILE)).toBe(true);
    expect(lastLoad()?.checked).toBeDefined();

    const edited = JSON.stringify({ ...JSON.parse(scenarioText(DEFAULT_FILE)), title: 'My edit' });
    expect(await page.load(edited, DEFAULT_FILE)).toBe(true);
    expect(lastLoad()?.checked).toBeUndefined();
    expect(side().store.getState().scenario?.title).toBe('My edit');
    expect(page.store.getState().loaded?.checked).toBeUndefined();

    const broken = JSON.stringify({ ...JSON.parse(scenarioText(DEFAULT_FILE)), steps: [{ oid: 'OID_NOPE' }] });
    expect(await page.load(broken, DEFAULT_FILE)).toBe(false);
    expect(lastLoad()?.checked).toBeUndefined();
    expect(side().store.getState().loadProblem?.errors.length).toBeGreaterThan(0);
    expect(side().store.getState().scenario?.title).toBe('My edit');
  });

  it('gives compare mode sides no checked form, and the single side gets it back after compare mode', async () => {
    serve();
    const { page, clients, frame } = setup();
    expect(await page.loadFile('lookahead-split-2008r2.json')).toBe(true);
    await page.showSides([
      { ...FIRST_SIDE, label: 'Windows Server 2008 R2', profile: 'ws2008r2' },
      { id: 'ws2012', label: 'Windows Server 2012', profile: 'ws2012' },
    ]);
    await frame();
    const compareLoads = clients.map((client) => client.loads.at(-1));
    expect(compareLoads).toHaveLength(2);
    for (const load of compareLoads) expect(load?.checked).toBeUndefined();
    await page.showSides([FIRST_SIDE]);
    await frame();
    expect(clients[0]!.loads.at(-1)?.checked).toStrictEqual(checkedOf('lookahead-split-2008r2.json'));
  });

  it('restores an autosaved built-in by name with its checked form, and an autosaved text by parsing it', async () => {
    serve();
    const storage = memoryStorage();
    const position = null;
    const console = { oid: 'OID_RECEIVE_FILTER_FREE_QUEUE', drafts: {}, history: [], rawText: null };
    storage.setItem(
      SESSION_KEY,
      JSON.stringify({ version: 1, scenario: { builtIn: 'pending-oids.json' }, actions: [], position, console }),
    );
    expect(readSavedSession(storage.getItem(SESSION_KEY))).toHaveProperty('session');
    const named = setup({ sessionStorage: storage, scheduleSave: () => {} });
    await startWithFrames(named);
    expect(named.side().store.getState().scenario?.title).toBe(checkedOf('pending-oids.json').title);
    expect(named.lastLoad()?.checked).toStrictEqual(checkedOf('pending-oids.json'));

    const text = JSON.stringify({ ...JSON.parse(scenarioText('pending-oids.json')), title: 'Saved edit' });
    storage.setItem(
      SESSION_KEY,
      JSON.stringify({
        version: 1,
        scenario: { source: 'pending-oids.json', text },
        actions: [],
        position,
        console,
      }),
    );
    expect(readSavedSession(storage.getItem(SESSION_KEY))).toHaveProperty('session');
    const saved = setup({ sessionStorage: storage, scheduleSave: () => {} });
    await startWithFrames(saved);
    expect(saved.side().store.getState().scenario?.title).toBe('Saved edit');
    expect(saved.lastLoad()?.checked).toBeUndefined();
  });

  it('starts with the default built-in sent checked, and ?scenario= loads a named built-in checked', async () => {
    serve();
    const first = setup();
    await first.page.start('');
    expect(first.side().store.getState().scenario?.title).toBe(checkedOf(DEFAULT_FILE).title);
    expect(first.lastLoad()?.checked).toStrictEqual(checkedOf(DEFAULT_FILE));

    const named = setup();
    await named.page.start('?scenario=vlan-filtering.json');
    expect(named.side().store.getState().scenario?.title).toBe(checkedOf('vlan-filtering.json').title);
    expect(named.lastLoad()?.checked).toStrictEqual(checkedOf('vlan-filtering.json'));
  });
});
