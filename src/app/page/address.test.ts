import { describe, expect, it } from 'vitest';
import { fixtureLesson } from '../../lesson/testing.ts';
import { addressOf, type AddressParams } from './address.ts';
import { EMPTY_ADAPTER_SOURCE, emptyAdapterScenario } from './emptyAdapter.ts';

const NONE = { lesson: null, scenario: null, empty: null, cpus: null, vms: null };

const emptyAdapter = (profile: string, cpus: number, vms: number) => {
  const built = emptyAdapterScenario({ profile, cpus, vms });
  if (!('scenario' in built)) throw new Error(built.error);
  return built.scenario;
};

describe("the page's address", () => {
  it('names the built-in scenario on screen, and no scenario for a file of the user’s own', () => {
    expect(addressOf({ scenario: '{}', source: 'vlan-filtering.json', builtIn: true })).toEqual({
      ...NONE,
      scenario: 'vlan-filtering.json',
    });
    expect(addressOf({ scenario: '{}', source: 'my-own.json' })).toEqual(NONE);
  });

  it('names the empty adapter on screen by its profile, CPUs and VMs, as loaded or as a saved session kept it', () => {
    const written: AddressParams[] = [];
    written.push(addressOf({ scenario: emptyAdapter('ws2008r2', 2, 3), source: EMPTY_ADAPTER_SOURCE }));
    const text = JSON.stringify(emptyAdapter('legacy-ndis61', 64, 0));
    written.push(addressOf({ scenario: text, source: EMPTY_ADAPTER_SOURCE }));
    written.push(addressOf({ scenario: { ...emptyAdapter('ws2012', 4, 2), title: 'Mine' }, source: 'mine.json' }));
    // A document that is no longer what the picker built gets no link: the link would open something else.
    const edited = { ...emptyAdapter('ws2012', 4, 2), steps: [{ advance: '1ms' }] };
    written.push(addressOf({ scenario: edited, source: EMPTY_ADAPTER_SOURCE }));
    expect(written).toEqual([
      { ...NONE, empty: 'ws2008r2', cpus: '2', vms: '3' },
      { ...NONE, empty: 'legacy-ndis61', cpus: '64', vms: '0' },
      NONE,
      NONE,
    ]);
  });

  it('names the lesson being worked on, whichever of its scenarios runs, and drops it when the lesson is left', () => {
    const written: AddressParams[] = [];
    const lesson = fixtureLesson();
    written.push(addressOf({ scenario: '{}', source: 'lessons/scenarios/vm1-queue.json', lesson }));
    written.push(addressOf({ scenario: '{}', source: 'mine.json', lesson }));
    written.push(addressOf({ scenario: '{}', source: 'vlan-filtering.json', builtIn: true }));
    expect(written).toEqual([
      { ...NONE, lesson: 'vm1-queue' },
      { ...NONE, lesson: 'vm1-queue' },
      { ...NONE, scenario: 'vlan-filtering.json' },
    ]);
  });
});
