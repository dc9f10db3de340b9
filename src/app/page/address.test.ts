import { describe, expect, it } from 'vitest';
import { followLoadedScenario, SCENARIO_PARAM } from './address.ts';
import { createPageStore } from './pageStore.ts';
import { FIRST_SIDE } from './createPage.ts';
import { memoryStorage } from './testing.ts';

const store = () =>
  createPageStore({ storage: memoryStorage(), root: { dataset: {} } as unknown as HTMLElement, prefersDark: false }, [
    FIRST_SIDE,
  ]);

describe("the page's address", () => {
  it('names the built-in scenario on screen, and no scenario for a file of the user’s own', () => {
    const page = store();
    const written: [string, string | null][] = [];
    const stop = followLoadedScenario(page, (name, value) => written.push([name, value]));
    page.setState({ loaded: { scenario: '{}', source: 'vlan-filtering.json', builtIn: true } });
    page.setState({ loaded: { scenario: '{}', source: 'my-own.json' } });
    page.setState({ catalog: [] });
    stop();
    page.setState({ loaded: { scenario: '{}', source: 'oid-errors.json', builtIn: true } });
    expect(written).toEqual([
      [SCENARIO_PARAM, 'vlan-filtering.json'],
      [SCENARIO_PARAM, null],
    ]);
  });
});
