import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { MacTable, VlanTest, type FilterRef } from './classifier.ts';
import { asFilterId, asQueueId } from './types.ts';

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
