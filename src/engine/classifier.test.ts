import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { buildMacTable, explainMatch, MacTable, VlanTest, type FilterRef } from './classifier.ts';
import { createDefaultQueue } from './oids/queueOids.ts';
import type { FilterState, QueueState } from './state.ts';
import { asFilterId, asQueueId, type DetailedQueueState } from './types.ts';

interface NaiveFilter {
  mac: number;
  ref: FilterRef;
}

/** The reference: scan every filter in the documented order (VM queues ascending, default queue last) and take the first match (§1.5, §6.3). */
function naiveMatch(filters: NaiveFilter[], mac: number, vlanId: number): FilterRef | undefined {
  const rank = (queueId: number) => (queueId === 0 ? Infinity : queueId);
  const ordered = [...filters].sort(
    (a, b) => rank(a.ref.queueId) - rank(b.ref.queueId) || a.ref.filterId - b.ref.filterId,
  );
  return ordered.find(
    ({ mac: m, ref }) =>
      m === mac &&
      (ref.test === VlanTest.AnyVlan || (ref.test === VlanTest.UntaggedOrZero ? vlanId <= 0 : vlanId === ref.vlanId)),
  )?.ref;
}

const MACS = [0x00155d000001, 0x00155d000002, 0xffffffffffff, 0x010000000001];
const VLANS = [-1, 0, 1, 10, 4095];

const filterArb = fc.record({
  mac: fc.constantFrom(...MACS),
  queueId: fc.integer({ min: 0, max: 4 }),
  test: fc.constantFrom(VlanTest.UntaggedOrZero, VlanTest.Vlan, VlanTest.AnyVlan),
  vlanId: fc.constantFrom(0, 1, 10, 4095),
});

describe('MacTable (hash on MAC and VLAN)', () => {
  test('R14 matches exactly what a linear scan in QueueId/FilterId order matches', () => {
    fc.assert(
      fc.property(fc.array(filterArb, { maxLength: 12 }), (specs) => {
        const filters = specs.map((f, i) => ({
          mac: f.mac,
          ref: { filterId: asFilterId(i + 1), queueId: asQueueId(f.queueId), test: f.test, vlanId: f.vlanId },
        }));
        const table = new MacTable(filters.length * 2);
        for (const f of filters) table.add(f.mac, f.ref);
        for (const mac of MACS) {
          for (const vlan of VLANS) {
            const slot = table.lookup(Math.floor(mac / 2 ** 32), (mac % 2 ** 32) | 0, vlan);
            expect(slot < 0 ? undefined : table.filterIdAt(slot)).toBe(naiveMatch(filters, mac, vlan)?.filterId);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  test('R14 an UNTAGGED_OR_ZERO filter takes untagged and VID-0 frames, never other VLANs', () => {
    const table = new MacTable(2);
    table.add(MACS[0]!, { filterId: asFilterId(1), queueId: asQueueId(1), test: VlanTest.UntaggedOrZero, vlanId: 0 });
    const hit = (vlan: number) => table.lookup(0x0015, 0x5d000001, vlan) >= 0;
    expect([hit(-1), hit(0), hit(10)]).toEqual([true, true, false]);
  });
});

/** Queues 0..4 in the given states (queue 0 is always the Running default queue) and filters as [queueId, spec]. */
function adapterOf(
  states: DetailedQueueState[],
  filters: { queueId: number; mac: number; vlanId: number | null; untaggedOrZero: boolean; vlanAgnostic: boolean }[],
): { queues: (QueueState | undefined)[]; filters: (FilterState | undefined)[] } {
  const queues: (QueueState | undefined)[] = [createDefaultQueue()];
  states.forEach((state, i) => {
    const q = { ...createDefaultQueue(), id: asQueueId(i + 1), owner: 'vmswitch', state, filterIds: [] };
    q.params = { ...q.params, VmName: `VM${i + 1}` };
    queues.push(state === 'Undefined' ? undefined : q);
  });
  const table: (FilterState | undefined)[] = [];
  filters.forEach((f, i) => {
    if (!queues[f.queueId]) return;
    table[i + 1] = {
      id: asFilterId(i + 1),
      queueId: asQueueId(f.queueId),
      owner: 'vmswitch',
      spec: { mac: f.mac, vlanId: f.vlanId, untaggedOrZero: f.untaggedOrZero },
      vlanAgnostic: f.vlanAgnostic,
      parameters: {},
    };
    queues[f.queueId]!.filterIds.push(asFilterId(i + 1));
  });
  return { queues, filters: table };
}

const stateArb = fc.constantFrom<DetailedQueueState>('Allocated', 'Set', 'Running', 'Paused', 'StopDma', 'Undefined');
const specArb = fc.oneof(
  fc.record({
    mac: fc.constantFrom(...MACS),
    vlanId: fc.constantFrom(0, 1, 10, 4095),
    untaggedOrZero: fc.constant(false),
    vlanAgnostic: fc.constant(false),
  }),
  fc.record({
    mac: fc.constantFrom(...MACS),
    vlanId: fc.constant(null),
    untaggedOrZero: fc.boolean(),
    vlanAgnostic: fc.constant(false),
  }),
  fc.record({
    mac: fc.constantFrom(...MACS),
    vlanId: fc.constant(null),
    untaggedOrZero: fc.constant(false),
    vlanAgnostic: fc.constant(true),
  }),
);
const filtersArb = fc.array(
  fc.record({ queueId: fc.integer({ min: 0, max: 4 }), spec: specArb }).map(({ queueId, spec }) => ({
    queueId,
    ...spec,
  })),
  { maxLength: 12 },
);

describe('explainMatch (why a frame goes where it goes)', () => {
  test('picks the queue and filter MacTable.lookup picks, for any filter table, queue states and frame', () => {
    fc.assert(
      fc.property(fc.array(stateArb, { minLength: 4, maxLength: 4 }), filtersArb, (states, specs) => {
        const { queues, filters } = adapterOf(states, specs);
        const table = buildMacTable(filters, queues);
        for (const mac of MACS) {
          for (const vlan of VLANS) {
            const slot = table.lookup(Math.floor(mac / 2 ** 32), (mac % 2 ** 32) | 0, vlan);
            const hardware = slot < 0 ? [0, 0] : [table.queueIdAt(slot), table.filterIdAt(slot)];
            const takers = explainMatch(queues, filters, mac, vlan).filter((m) => m.takes);
            expect(takers.map((m) => [m.queueId, m.filterId ?? 0])).toEqual([hardware]);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  test('lists every live queue in match order with a reason for each filter and queue', () => {
    const { queues, filters } = adapterOf(
      ['Running', 'Running', 'Set', 'Paused'],
      [
        { queueId: 1, mac: MACS[0]!, vlanId: 10, untaggedOrZero: false, vlanAgnostic: false },
        { queueId: 2, mac: MACS[1]!, vlanId: null, untaggedOrZero: true, vlanAgnostic: false },
        { queueId: 3, mac: MACS[0]!, vlanId: 10, untaggedOrZero: false, vlanAgnostic: false },
      ],
    );
    expect(explainMatch(queues, filters, MACS[0]!, 20)).toEqual([
      { queueId: 1, vmName: 'VM1', takes: false, reasons: [{ kind: 'wrong-vlan', filterId: 1, vlanId: 10 }] },
      { queueId: 2, vmName: 'VM2', takes: false, reasons: [{ kind: 'wrong-mac', filterId: 2, mac: MACS[1] }] },
      { queueId: 3, vmName: 'VM3', takes: false, reasons: [{ kind: 'wrong-vlan', filterId: 3, vlanId: 10 }] },
      { queueId: 4, vmName: 'VM4', takes: false, reasons: [{ kind: 'no-filter' }] },
      { queueId: 0, vmName: '', takes: true, reasons: [{ kind: 'default-fallback' }] },
    ]);
    const right = explainMatch(queues, filters, MACS[0]!, 10);
    expect(right.find((m) => m.takes)).toMatchObject({ queueId: 1, filterId: 1 });
    expect(right.find((m) => m.queueId === 0)?.reasons).toEqual([{ kind: 'only-unmatched' }]);
  });

  test('R8 a matching filter of a queue that is not Running is not in the hardware table', () => {
    const { queues, filters } = adapterOf(
      ['Set'],
      [{ queueId: 1, mac: MACS[0]!, vlanId: 10, untaggedOrZero: false, vlanAgnostic: false }],
    );
    expect(explainMatch(queues, filters, MACS[0]!, 10).map((m) => [m.queueId, m.takes, m.reasons])).toEqual([
      [1, false, [{ kind: 'not-in-hardware-table', filterId: 1, queueState: 'Set' }]],
      [0, true, [{ kind: 'default-fallback' }]],
    ]);
  });

  test('R14 an UNTAGGED_OR_ZERO filter explains that a tagged frame is not for it', () => {
    const { queues, filters } = adapterOf(
      ['Running'],
      [{ queueId: 1, mac: MACS[0]!, vlanId: null, untaggedOrZero: true, vlanAgnostic: false }],
    );
    expect(explainMatch(queues, filters, MACS[0]!, 5)[0]?.reasons).toEqual([
      { kind: 'untagged-or-zero-only', filterId: 1 },
    ]);
    expect(explainMatch(queues, filters, MACS[0]!, 0)[0]).toMatchObject({ takes: true, filterId: 1 });
  });

  test('a filter that matches after an earlier queue took the frame says so', () => {
    const { queues, filters } = adapterOf(
      ['Running', 'Running'],
      [
        { queueId: 2, mac: MACS[0]!, vlanId: null, untaggedOrZero: false, vlanAgnostic: true },
        { queueId: 1, mac: MACS[0]!, vlanId: 10, untaggedOrZero: false, vlanAgnostic: false },
      ],
    );
    expect(explainMatch(queues, filters, MACS[0]!, 10).map((m) => [m.queueId, m.takes, m.reasons])).toEqual([
      [1, true, [{ kind: 'matches', filterId: 2 }]],
      [2, false, [{ kind: 'taken-earlier', filterId: 1 }]],
      [0, false, [{ kind: 'only-unmatched' }]],
    ]);
  });
});
