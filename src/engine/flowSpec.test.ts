import { describe, expect, it } from 'vitest';
import type { FlowSpec } from './api.ts';
import { vmqAdapter, VM1 } from './testing.ts';

const GOOD: FlowSpec = { name: 'f', dst: VM1.mac, frameBytes: 300, count: 3, intervalNs: 500 };

describe('startFlow refuses a flow it cannot send', () => {
  it.each([
    [{ frameBytes: -1 }, 'frameBytes must be an integer from 60 to 1518'],
    [{ frameBytes: 1e300 }, 'frameBytes must be an integer from 60 to 1518'],
    [{ frameBytes: 59.5 }, 'frameBytes must be an integer from 60 to 1518'],
    [{ count: Number.NaN }, 'count must be a positive integer'],
    [{ count: 0.5 }, 'count must be a positive integer'],
    [{ intervalNs: -5 }, 'intervalNs must be a whole number of ns, 0 or more'],
    [{ intervalNs: Number.POSITIVE_INFINITY }, 'intervalNs must be a whole number of ns, 0 or more'],
    [{ vlanId: 4096 }, 'vlanId must be null or an integer from 0 to 4095'],
    [{ priority: 8 }, 'priority must be an integer from 0 to 7'],
    [{ etherType: -1 }, 'etherType must be 0 to 0xFFFF'],
    [{ dst: 5 }, 'dst must be a MAC address string'],
  ] as [Record<string, unknown>, string][])('%o: a plain Error that says so, and nothing starts', (bad, problem) => {
    const a = vmqAdapter();
    const before = a.e.view();
    const start = () => a.e.startFlow({ ...GOOD, ...bad } as FlowSpec);
    expect(start).toThrow(new Error(`flow f: ${problem}`));
    a.e.advanceBy(10_000);
    expect(a.events.filter((ev) => ev.kind === 'flow-started' || ev.kind === 'frame-arrived')).toEqual([]);
    expect(a.e.view().totals).toEqual(before.totals);
  });

  it('names every problem at once', () => {
    const a = vmqAdapter();
    expect(() => a.e.startFlow({ ...GOOD, frameBytes: 0, count: -1 })).toThrow(
      'flow f: frameBytes must be an integer from 60 to 1518; count must be a positive integer',
    );
  });

  it('still sends the edge cases the scenario format allows', () => {
    const a = vmqAdapter();
    a.e.startFlow({ ...GOOD, name: 'small', frameBytes: 60, count: 1, intervalNs: 0, vlanId: 0, priority: 7 });
    a.e.startFlow({ ...GOOD, name: 'big', frameBytes: 1518, vlanId: 4095, etherType: 0xffff });
    a.e.advanceBy(10_000);
    expect(a.e.view().totals.arrived).toBe(4);
  });
});
