import { describe, expect, it } from 'vitest';
import { scenarioText } from '../../worker/testScenarios.ts';
import { isOfBuiltIn, readSavedSession, SESSION_KEY } from './autosave.ts';
import { memoryStorage, testPage } from './testing.ts';

/** A page over `storage`; saves wait in `saves` until the test runs them, as the throttle's timer would. */
function setup(storage: ReturnType<typeof memoryStorage>) {
  const saves: (() => void)[] = [];
  const test = testPage({
    theme: { storage, root: { dataset: {} } as unknown as HTMLElement, prefersDark: false },
    sessionStorage: storage,
    scheduleSave: (callback) => void saves.push(callback),
  });
  return { ...test, saves };
}

const VM1 = '00-15-5D-00-00-01';

describe('autosave', () => {
  it('keeps the scenario, the position, the actions and the console history across a reload, writing throttled', async () => {
    const storage = memoryStorage();
    const before = setup(storage);
    await before.page.load(scenarioText(), 'my-copy.json');
    await before.frame();
    for (let i = 0; i < 3; i++) {
      before.page.drive.step('scenario-step');
      await before.frame();
    }
    await before.side().console.getState().send({ oid: 'OID_RECEIVE_FILTER_HARDWARE_CAPABILITIES' });
    before.side().console.getState().editRawText('{"oid": "OID_RECEIVE_FILTER_FREE_QUEUE", "buf'); // typing
    before.page.drive.act(
      (c) => c.startTraffic({ name: 'mine', dst: VM1, frameBytes: 64, count: 4, intervalNs: 500 }),
      'main',
    );
    await before.frame();
    before.page.drive.step('instant');
    await before.frame();
    expect(before.saves.length).toBe(1); // many changes, one write scheduled
    for (const save of before.saves.splice(0)) save();
    const saved = before.side().store.getState();

    const after = setup(storage);
    await after.frame();
    const restoring = after.page.autosave?.restore();
    for (let i = 0; i < 200 && after.side().store.getState().stats?.eventCount !== saved.stats?.eventCount; i++)
      await after.frame();
    expect(await restoring).toBe(true);
    expect(after.side().store.getState().view).toEqual(saved.view);
    expect(after.side().store.getState().scenario?.source).toBe('my-copy.json');
    const history = after.side().console.getState().history;
    expect(history.map((entry) => [entry.request.oid, entry.final?.status, entry.undone])).toEqual([
      ['OID_RECEIVE_FILTER_HARDWARE_CAPABILITIES', 'NDIS_STATUS_SUCCESS', false],
    ]);
    expect(after.side().console.getState().rawText).toBe('{"oid": "OID_RECEIVE_FILTER_FREE_QUEUE", "buf');
    expect(after.page.autosave?.state.getState().notice).toBeNull();
  });

  it('restores for an address that names a built-in only the session of that built-in, and keeps the others', async () => {
    const storage = memoryStorage();
    const before = setup(storage);
    await before.page.load(scenarioText(), 'my-copy.json');
    await before.frame();
    before.page.drive.step('scenario-step');
    await before.frame();
    for (const save of before.saves.splice(0)) save();
    const after = setup(storage);
    await after.frame();
    expect(await after.page.autosave?.restore(isOfBuiltIn('vmq-in-a-minute.json'))).toBe(false);
    expect(storage.stored.has(SESSION_KEY)).toBe(true);
    expect(after.page.autosave?.state.getState().notice).toBeNull();
  });

  it('ignores a corrupt or old-version entry with a notice, and removes it', async () => {
    for (const [raw, why] of [
      ['{"version":1,', 'it is not valid JSON'],
      ['{"version":0}', 'it is from another version (0)'],
      ['{"version":1,"scenario":{"builtIn":7}}', 'some of its fields are missing or wrong'],
    ] as const) {
      const storage = memoryStorage();
      storage.setItem(SESSION_KEY, raw);
      const { page } = setup(storage);
      expect(await page.autosave?.restore()).toBe(false);
      expect(page.autosave?.state.getState().notice).toBe(
        `Your saved session was not restored: ${why}. Starting fresh.`,
      );
      expect(storage.stored.has(SESSION_KEY)).toBe(false);
    }
  });

  it('reads back only well-formed sessions', () => {
    expect(readSavedSession(null)).toBeNull();
    const good = {
      version: 1,
      scenario: { builtIn: 'vmq-in-a-minute.json' },
      actions: [{ action: { kind: 'stop-traffic', flow: 'f' }, at: { tNs: 5, stepIndex: 1, eventCount: 9 } }],
      position: null,
      console: { oid: 'OID_RECEIVE_FILTER_FREE_QUEUE', drafts: {}, history: [], rawText: '{"oid":' },
    };
    expect(readSavedSession(JSON.stringify(good))).toEqual({ session: good });
    const badAction = { ...good, actions: [{ action: { kind: 'format-disk' }, at: good.actions[0]?.at }] };
    expect(readSavedSession(JSON.stringify(badAction))).toHaveProperty('problem');
    const badPosition = { ...good, position: { tNs: -1, stepIndex: 0, eventCount: 0 } };
    expect(readSavedSession(JSON.stringify(badPosition))).toHaveProperty('problem');
  });
});
