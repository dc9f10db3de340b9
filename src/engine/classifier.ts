/**
 * The NIC's hardware filter table as a hash on destination MAC (§1.5, §6.2). Each MAC maps to the
 * filters that test it, in the documented match order: ascending QueueId, then ascending FilterId.
 * Only filters of Running queues (and of the default queue) are in the table, so a frame whose
 * filter belongs to a queue that has not completed allocation falls through to the default queue,
 * as the netvmini sample does.
 */
import type { FilterState, QueueState } from './state.ts';

/** How one filter tests the VLAN of a frame. */
export const VlanTest = { UntaggedOrZero: 0, Vlan: 1, AnyVlan: 2 } as const;
export type VlanTest = (typeof VlanTest)[keyof typeof VlanTest];

export interface FilterRef {
  filterId: number;
  queueId: number;
  test: VlanTest;
  vlanId: number;
}

export type MacTable = Map<number, FilterRef[]>;

export function buildMacTable(filters: readonly (FilterState | undefined)[], queues: readonly (QueueState | undefined)[]): MacTable {
  const table: MacTable = new Map();
  for (const f of filters) {
    if (!f) continue;
    const q = queues[f.queueId];
    if (!q || (q.id !== 0 && q.state !== 'Running')) continue;
    const ref: FilterRef = {
      filterId: f.id,
      queueId: f.queueId,
      test: f.vlanAgnostic ? VlanTest.AnyVlan : f.spec.vlanId === null ? VlanTest.UntaggedOrZero : VlanTest.Vlan,
      vlanId: f.spec.vlanId ?? 0,
    };
    const refs = table.get(f.spec.mac);
    if (refs) refs.push(ref);
    else table.set(f.spec.mac, [ref]);
  }
  for (const refs of table.values()) refs.sort((a, b) => a.queueId - b.queueId || a.filterId - b.filterId);
  return table;
}

/**
 * The first filter that matches a frame with this VLAN (-1 = untagged), or undefined.
 * §6.3: UNTAGGED_OR_ZERO matches untagged and VID-0 frames; a VLAN test matches only frames tagged
 * with that VID; a 6.30 VLAN-agnostic MAC filter matches any.
 */
export function matchFilter(refs: readonly FilterRef[], vlanId: number): FilterRef | undefined {
  for (let i = 0; i < refs.length; i++) {
    const ref = refs[i]!;
    if (ref.test === VlanTest.AnyVlan) return ref;
    if (ref.test === VlanTest.UntaggedOrZero ? vlanId <= 0 : vlanId === ref.vlanId) return ref;
  }
  return undefined;
}
