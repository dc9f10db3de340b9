/**
 * The NIC's hardware filter table (§1.5, §6.2) as an open-addressing hash on (destination MAC, VLAN)
 * held in typed arrays: one or two probes per frame whatever the number of filters, and no
 * allocation. Only filters of Running queues (and of the default queue) are in the table, so a frame
 * whose filter belongs to a queue that has not completed allocation falls through to the default
 * queue, as the netvmini sample does. When several filters match, the documented order decides:
 * VM queues in ascending QueueId, then the default queue; within a queue, ascending FilterId.
 */
import { MAC_HI_UNIT } from './frame.ts';
import type { FilterState, QueueState } from './state.ts';
import type { FilterId, MatchReason, QueueId, QueueMatch } from './types.ts';

/** How one filter tests the VLAN of a frame (§6.3). */
export const VlanTest = { UntaggedOrZero: 0, Vlan: 1, AnyVlan: 2 } as const;
export type VlanTest = (typeof VlanTest)[keyof typeof VlanTest];

export interface FilterRef {
  filterId: FilterId;
  queueId: QueueId;
  test: VlanTest;
  vlanId: number;
}

/** VLAN part of a key: 0..4095 is a tagged VID; these two stand for "untagged" and "any VLAN". */
const UNTAGGED = 4096;
const ANY_VLAN = 4097;
const EMPTY = -1;

/** §1.5: the default queue is the fallback, tried after every VM queue; VM queues go in ascending QueueId. */
const order = (queueId: number): number => (queueId === 0 ? 0x10000 : queueId);

export class MacTable {
  /** MAC bits 47..32 plus the VLAN key shifted by 16: always ≥ 0, so -1 marks an empty slot. */
  readonly #hi: Int32Array;
  /** MAC bits 31..0. */
  readonly #lo: Int32Array;
  /** The matching filter's QueueId and FilterId kept beside the key, so a lookup touches only these arrays. */
  readonly #queueId: Int32Array;
  readonly #filterId: Int32Array;
  readonly #refs = new Map<number, FilterRef>();
  readonly #mask: number;
  #anyVlanFilters = 0;

  constructor(expectedKeys: number) {
    let size = 16;
    while (size < expectedKeys * 2) size *= 2;
    this.#hi = new Int32Array(size).fill(EMPTY);
    this.#lo = new Int32Array(size);
    this.#queueId = new Int32Array(size);
    this.#filterId = new Int32Array(size);
    this.#mask = size - 1;
  }

  #slot(hi: number, lo: number): number {
    let i = Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b) & this.#mask;
    while (this.#hi[i] !== EMPTY && (this.#hi[i] !== hi || this.#lo[i] !== lo)) i = (i + 1) & this.#mask;
    return i;
  }

  #precedesSlot(ref: FilterRef, slot: number): boolean {
    const a = order(ref.queueId);
    const b = order(this.#queueId[slot]!);
    return a < b || (a === b && ref.filterId < this.#filterId[slot]!);
  }

  #insert(macHi: number, macLo: number, vlanKey: number, ref: FilterRef): void {
    const hi = macHi | (vlanKey << 16);
    const i = this.#slot(hi, macLo);
    if (this.#hi[i] !== EMPTY && !this.#precedesSlot(ref, i)) return;
    this.#hi[i] = hi;
    this.#lo[i] = macLo;
    this.#queueId[i] = ref.queueId;
    this.#filterId[i] = ref.filterId;
  }

  add(mac: number, ref: FilterRef): void {
    const macHi = Math.floor(mac / MAC_HI_UNIT);
    const macLo = (mac % MAC_HI_UNIT) | 0;
    this.#refs.set(ref.filterId, ref);
    if (ref.test === VlanTest.AnyVlan) {
      this.#anyVlanFilters++;
      this.#insert(macHi, macLo, ANY_VLAN, ref);
    } else if (ref.test === VlanTest.UntaggedOrZero) {
      this.#insert(macHi, macLo, UNTAGGED, ref);
      this.#insert(macHi, macLo, 0, ref);
    } else {
      this.#insert(macHi, macLo, ref.vlanId, ref);
    }
  }

  /**
   * The table slot of the filter a frame matches, or -1 (no filter: the default queue takes it).
   * @param macHi destination MAC bits 47..32
   * @param macLo destination MAC bits 31..0 (as int32)
   * @param vlanId VID of an 802.1Q-tagged frame, -1 when untagged
   */
  lookup(macHi: number, macLo: number, vlanId: number): number {
    const exact = this.#slot(macHi | ((vlanId < 0 ? UNTAGGED : vlanId) << 16), macLo);
    const exactSlot = this.#hi[exact] === EMPTY ? -1 : exact;
    if (this.#anyVlanFilters === 0) return exactSlot;
    const any = this.#slot(macHi | (ANY_VLAN << 16), macLo);
    if (this.#hi[any] === EMPTY) return exactSlot;
    if (exactSlot < 0) return any;
    const qa = order(this.#queueId[any]!);
    const qe = order(this.#queueId[exact]!);
    const anyFirst = qa < qe || (qa === qe && this.#filterId[any]! < this.#filterId[exact]!);
    return anyFirst ? any : exact;
  }

  queueIdAt(slot: number): QueueId {
    return this.#queueId[slot]! as QueueId;
  }

  filterIdAt(slot: number): FilterId {
    return this.#filterId[slot]! as FilterId;
  }

  /** The filter behind a FilterId that `lookup` returned. */
  ref(filterId: FilterId): FilterRef | undefined {
    return this.#refs.get(filterId);
  }
}

/**
 * Whether a queue's filters are in the NIC's hardware table: the default queue's always, a VM queue's only while
 * it is Running (§5.2: a queue indicates only while Running; a Set queue gets in at QUEUE_ALLOCATION_COMPLETE).
 */
export const inHardwareTable = (queue: Pick<QueueState, 'id' | 'state'> | undefined): boolean =>
  queue !== undefined && (queue.id === 0 || queue.state === 'Running');

const vlanTestOf = (f: FilterState): VlanTest =>
  f.vlanAgnostic ? VlanTest.AnyVlan : f.spec.vlanId === null ? VlanTest.UntaggedOrZero : VlanTest.Vlan;

export function buildMacTable(
  filters: readonly (FilterState | undefined)[],
  queues: readonly (QueueState | undefined)[],
): MacTable {
  const live = filters.filter((f): f is FilterState => f !== undefined && inHardwareTable(queues[f.queueId]));
  const table = new MacTable(live.length * 2);
  for (const f of live) {
    table.add(f.spec.mac, {
      filterId: f.id,
      queueId: f.queueId,
      test: vlanTestOf(f),
      vlanId: f.spec.vlanId ?? 0,
    });
  }
  return table;
}

/** Null when `filter` matches a frame to `mac` with VID `vlanId` (-1 untagged), else why not (§6.3). */
function mismatch(f: FilterState, mac: number, vlanId: number): MatchReason | null {
  if (f.spec.mac !== mac) return { kind: 'wrong-mac', filterId: f.id, mac: f.spec.mac };
  switch (vlanTestOf(f)) {
    case VlanTest.AnyVlan:
      return null;
    case VlanTest.Vlan:
      return vlanId === f.spec.vlanId ? null : { kind: 'wrong-vlan', filterId: f.id, vlanId: f.spec.vlanId ?? 0 };
    case VlanTest.UntaggedOrZero:
      return vlanId <= 0 ? null : { kind: 'untagged-or-zero-only', filterId: f.id };
  }
}

/**
 * Why a frame to `mac` with VID `vlanId` (-1 untagged) goes where it goes: every live queue in match order (VM
 * queues by ascending QueueId, the default queue last), whether it takes the frame, the filter that steers it
 * there, and a reason for every other filter or queue. Exactly one queue takes the frame, and it is the one
 * `MacTable.lookup` picks (the default queue when no filter in the hardware table matches). Pure: it scans the
 * state instead of probing the hash, so it is for traced frames and views, never the untraced hot path.
 */
export function explainMatch(
  queues: readonly (QueueState | undefined)[],
  filters: readonly (FilterState | undefined)[],
  mac: number,
  vlanId: number,
): QueueMatch[] {
  const live = queues
    .filter((q): q is QueueState => q !== undefined && q.state !== 'Undefined')
    .sort((a, b) => order(a.id) - order(b.id));
  let taken = false;
  const matches = live.map((queue): QueueMatch => {
    const match: QueueMatch = { queueId: queue.id, vmName: queue.params.VmName, takes: false, reasons: [] };
    const own = filters
      .filter((f): f is FilterState => f !== undefined && f.queueId === queue.id)
      .sort((a, b) => a.id - b.id);
    if (own.length === 0 && queue.id !== 0) match.reasons.push({ kind: 'no-filter' });
    for (const f of own) {
      const wrong = mismatch(f, mac, vlanId);
      if (wrong) match.reasons.push(wrong);
      else if (!inHardwareTable(queue))
        match.reasons.push({ kind: 'not-in-hardware-table', filterId: f.id, queueState: queue.state });
      else if (taken) match.reasons.push({ kind: 'taken-earlier', filterId: f.id });
      else {
        taken = true;
        match.takes = true;
        match.filterId = f.id;
        match.reasons.push({ kind: 'matches', filterId: f.id });
      }
    }
    return match;
  });
  const fallback = matches.find((m) => m.queueId === 0);
  if (fallback && !taken) {
    fallback.takes = true;
    fallback.reasons.push({ kind: 'default-fallback' });
  } else if (fallback && !fallback.takes) fallback.reasons.push({ kind: 'only-unmatched' });
  return matches;
}
