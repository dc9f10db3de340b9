import { describe, expect, it } from 'vitest';
import { fixtureLesson } from '../../lesson/testing.ts';
import { followLoadedScenario, followTeacherView, type AddressParams } from './address.ts';
import type { LessonsState, LessonsStore } from './lessons.ts';
import { createStore } from 'zustand/vanilla';
import { createPageStore } from './pageStore.ts';
import { FIRST_SIDE } from './createPage.ts';
import { EMPTY_ADAPTER_SOURCE, emptyAdapterScenario } from './emptyAdapter.ts';
import { memoryStorage } from './testing.ts';

const store = () =>
  createPageStore({ storage: memoryStorage(), root: { dataset: {} } as unknown as HTMLElement, prefersDark: false }, [
    FIRST_SIDE,
  ]);

const NONE = { lesson: null, scenario: null, empty: null, cpus: null, vms: null };

const emptyAdapter = (profile: string, cpus: number, vms: number) => {
  const built = emptyAdapterScenario({ profile, cpus, vms });
  if (!('scenario' in built)) throw new Error(built.error);
  return built.scenario;
};

describe("the page's address", () => {
  it('names the built-in scenario on screen, and no scenario for a file of the user’s own', () => {
    const page = store();
    const written: AddressParams[] = [];
    const stop = followLoadedScenario(page, (params) => written.push(params));
    page.setState({ loaded: { scenario: '{}', source: 'vlan-filtering.json', builtIn: true } });
    page.setState({ loaded: { scenario: '{}', source: 'my-own.json' } });
    page.setState({ catalog: [] });
    stop();
    page.setState({ loaded: { scenario: '{}', source: 'oid-errors.json', builtIn: true } });
    expect(written).toEqual([{ ...NONE, scenario: 'vlan-filtering.json' }, NONE]);
  });

  it('names the empty adapter on screen by its profile, CPUs and VMs, as loaded or as a saved session kept it', () => {
    const page = store();
    const written: AddressParams[] = [];
    followLoadedScenario(page, (params) => written.push(params));
    page.setState({ loaded: { scenario: emptyAdapter('ws2008r2', 2, 3), source: EMPTY_ADAPTER_SOURCE } });
    const text = JSON.stringify(emptyAdapter('legacy-ndis61', 64, 0));
    page.setState({ loaded: { scenario: text, source: EMPTY_ADAPTER_SOURCE } });
    page.setState({ loaded: { scenario: { ...emptyAdapter('ws2012', 4, 2), title: 'Mine' }, source: 'mine.json' } });
    // A document that is no longer what the picker built gets no link: the link would open something else.
    const edited = { ...emptyAdapter('ws2012', 4, 2), steps: [{ advance: '1ms' }] };
    page.setState({ loaded: { scenario: edited, source: EMPTY_ADAPTER_SOURCE } });
    expect(written).toEqual([
      { ...NONE, empty: 'ws2008r2', cpus: '2', vms: '3' },
      { ...NONE, empty: 'legacy-ndis61', cpus: '64', vms: '0' },
      NONE,
      NONE,
    ]);
  });

  it('names the lesson being worked on, whichever of its scenarios runs, and drops it when the lesson is left', () => {
    const page = store();
    const written: AddressParams[] = [];
    followLoadedScenario(page, (params) => written.push(params));
    const lesson = fixtureLesson();
    page.setState({ loaded: { scenario: '{}', source: 'lessons/scenarios/vm1-queue.json', lesson } });
    page.setState({ loaded: { scenario: '{}', source: 'mine.json', lesson } });
    page.setState({ loaded: { scenario: '{}', source: 'vlan-filtering.json', builtIn: true } });
    expect(written).toEqual([
      { ...NONE, lesson: 'vm1-queue' },
      { ...NONE, lesson: 'vm1-queue' },
      { ...NONE, scenario: 'vlan-filtering.json' },
    ]);
  });

  it('carries teacher=1 while the lessons are the teacher view', () => {
    const lessons = createStore(() => ({ teacher: false })) as unknown as LessonsStore;
    const written: AddressParams[] = [];
    followTeacherView(lessons, (params) => written.push(params));
    lessons.setState({ teacher: true } as Partial<LessonsState>);
    lessons.setState({ catalog: [] } as Partial<LessonsState>);
    lessons.setState({ teacher: false } as Partial<LessonsState>);
    expect(written).toEqual([{ teacher: '1' }, { teacher: null }]);
  });
});
