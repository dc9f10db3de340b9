/**
 * Random overlying-driver histories: OIDs from two bindings, traffic, NBL returns, time, pause/restart/reset and
 * closing a binding, as fast-check arbitraries plus the code that plays one action on an engine. The engine's
 * property tests and the soak (`npm run soak`) draw from the same histories.
 */
import fc from 'fast-check';
import {
  asQueueId,
  defaultEngineConfig,
  type Engine,
  type EngineConfig,
  OID_INFO,
  type OidName,
  type ProfileName,
  type VmConfig,
  writeFilterTests,
} from '../engine/index.ts';

export const BINDINGS = ['vmswitch', 'extension'] as const;
export const VMS: VmConfig[] = [
  { name: 'VM1', mac: '00-15-5D-00-00-01', vlan: 10 },
  { name: 'VM2', mac: '00-15-5D-00-00-02', vlan: 20 },
  { name: 'VM3', mac: '00-15-5D-00-00-03', vlan: 30 },
];
/** The VMs' MACs, a MAC no VM has, and one nobody on the host has. */
export const MACS = [...VMS.map((vm) => vm.mac), '00-15-5D-00-00-04', '00-15-5D-00-00-99'];
/** Overlying-driver mistakes the random driver may legitimately make. */
export const DRIVER_RULES = new Set(['R21', 'R41']);

/** How a MAC filter treats VLANs: a VLAN-ID EQUAL test, the UNTAGGED_OR_ZERO flag, or neither (MAC only). */
export type VlanMode = number | 'untagged-or-zero' | 'mac-only';

export type Action =
  | { k: 'allocate'; b: number; mask: number; perQueue: boolean; split: boolean; buffers: number }
  | { k: 'setFilter'; b: number; q: number; mac: number; vlan: VlanMode }
  | { k: 'clearFilter'; b: number; f: number; bogus: boolean }
  | { k: 'complete'; b: number; qs: number[] }
  | { k: 'free'; b: number; q: number }
  | { k: 'queueParams'; b: number; q: number; method: boolean; flags: string[]; mask: number }
  | { k: 'enum'; b: number; stats: boolean }
  | { k: 'traffic'; mac: number; vlan: number | null; count: number; interval: number }
  | { k: 'return'; q: number | null; count: number | 'all' }
  | { k: 'advance'; ns: number }
  | { k: 'pause' }
  | { k: 'restart' }
  | { k: 'reset' }
  | { k: 'close' };

const binding = fc.nat(1);
const pick = fc.nat(20);
export const actionArb: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      k: fc.constant('allocate' as const),
      b: binding,
      mask: fc.integer({ min: 1, max: 15 }),
      perQueue: fc.boolean(),
      split: fc.boolean(),
      buffers: fc.constantFrom(8, 16, 64),
    }),
  },
  {
    weight: 5,
    arbitrary: fc.record({
      k: fc.constant('setFilter' as const),
      b: binding,
      q: pick,
      mac: fc.nat(3),
      vlan: fc.constantFrom<VlanMode>('untagged-or-zero', 'mac-only', 0, 10, 20),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({ k: fc.constant('clearFilter' as const), b: binding, f: pick, bogus: fc.boolean() }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      k: fc.constant('complete' as const),
      b: binding,
      qs: fc.array(pick, { minLength: 1, maxLength: 3 }),
    }),
  },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('free' as const), b: binding, q: pick }) },
  {
    weight: 2,
    arbitrary: fc.record({
      k: fc.constant('queueParams' as const),
      b: binding,
      q: pick,
      method: fc.boolean(),
      mask: fc.integer({ min: 1, max: 15 }),
      flags: fc.subarray([
        'NDIS_RECEIVE_QUEUE_PARAMETERS_FLAGS_CHANGED',
        'NDIS_RECEIVE_QUEUE_PARAMETERS_PER_QUEUE_RECEIVE_INDICATION',
        'NDIS_RECEIVE_QUEUE_PARAMETERS_PROCESSOR_AFFINITY_CHANGED',
        'NDIS_RECEIVE_QUEUE_PARAMETERS_NAME_CHANGED',
        'NDIS_RECEIVE_QUEUE_PARAMETERS_SUGGESTED_RECV_BUFFER_NUMBERS_CHANGED',
      ]),
    }),
  },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('enum' as const), b: binding, stats: fc.boolean() }) },
  {
    weight: 6,
    arbitrary: fc.record({
      k: fc.constant('traffic' as const),
      mac: fc.nat(MACS.length - 1),
      vlan: fc.constantFrom(null, 0, 10, 20),
      count: fc.integer({ min: 1, max: 6 }),
      interval: fc.constantFrom(50, 500, 3_000),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      k: fc.constant('return' as const),
      q: fc.option(pick, { nil: null }),
      count: fc.oneof(fc.integer({ min: 1, max: 5 }), fc.constant('all' as const)),
    }),
  },
  {
    weight: 5,
    arbitrary: fc.record({ k: fc.constant('advance' as const), ns: fc.constantFrom(0, 500, 2_000, 10_000, 50_000) }),
  },
  { weight: 1, arbitrary: fc.constant({ k: 'pause' as const }) },
  { weight: 1, arbitrary: fc.constant({ k: 'restart' as const }) },
  { weight: 1, arbitrary: fc.constant({ k: 'reset' as const }) },
  { weight: 1, arbitrary: fc.constant({ k: 'close' as const }) },
);

const PENDABLE: OidName[] = [
  'OID_RECEIVE_FILTER_ALLOCATE_QUEUE',
  'OID_RECEIVE_FILTER_SET_FILTER',
  'OID_RECEIVE_FILTER_CLEAR_FILTER',
  'OID_RECEIVE_FILTER_FREE_QUEUE',
  'OID_RECEIVE_FILTER_QUEUE_ALLOCATION_COMPLETE',
  'OID_RECEIVE_FILTER_QUEUE_PARAMETERS',
];

/** The adapter a history runs on: profile, seed, how NBLs come back, which OIDs pend, the DPC budget, tracing. */
export interface Setup {
  profile: ProfileName;
  seed: number;
  manualReturns: boolean;
  pended: OidName[];
  pendNs: number;
  budget: number;
  trace: boolean;
}
export const setupArb: fc.Arbitrary<Setup> = fc.record({
  profile: fc.constantFrom<ProfileName>('ws2008r2', 'ws2012'),
  seed: fc.nat(),
  manualReturns: fc.boolean(),
  pended: fc.subarray(PENDABLE, { maxLength: 3 }),
  pendNs: fc.constantFrom(1_000, 8_000),
  budget: fc.constantFrom(2, 64),
  trace: fc.boolean(),
});

export function configOf(s: Setup): EngineConfig {
  const cfg = defaultEngineConfig(s.profile);
  cfg.seed = s.seed;
  cfg.vms = VMS;
  const o = cfg.adapter.options;
  o.returnLatencyNs = s.manualReturns ? null : 20_000;
  o.pendingOids = Object.fromEntries(s.pended.map((oid) => [oid, s.pendNs]));
  o.maxNblsPerDpc = s.budget;
  o.traceFrames = s.trace;
  return cfg;
}

/** SET_FILTER's NDIS_RECEIVE_FILTER_PARAMETERS for a destination MAC and a VLAN mode. */
export const filterParameters = (queueId: number, mac: string, vlan: VlanMode): Record<string, unknown> => ({
  FilterType: 'NdisReceiveFilterTypeVMQueue',
  QueueId: queueId,
  FieldParameters: writeFilterTests({
    mac,
    vlanId: typeof vlan === 'number' ? vlan : null,
    untaggedOrZero: vlan === 'untagged-or-zero',
  }),
});

/** ALLOCATE_QUEUE's NDIS_RECEIVE_QUEUE_PARAMETERS for VM1's queue: the console's defaults, with the action's choices. */
export function queueParameters(a: Extract<Action, { k: 'allocate' }>): Record<string, unknown> {
  const flags: string[] = [];
  if (a.perQueue) flags.push('NDIS_RECEIVE_QUEUE_PARAMETERS_PER_QUEUE_RECEIVE_INDICATION');
  if (a.split) flags.push('NDIS_RECEIVE_QUEUE_PARAMETERS_LOOKAHEAD_SPLIT_REQUIRED');
  return {
    ...OID_INFO.OID_RECEIVE_FILTER_ALLOCATE_QUEUE.form.defaults({ vms: VMS, cpus: 1, view: null }),
    ProcessorAffinity: { Mask: a.mask, Group: 0 },
    NumSuggestedReceiveBuffers: a.buffers,
    Flags: flags,
    LookaheadSize: a.split ? 128 : 0,
  };
}

/** Runs one action; ids are resolved against the live state so histories stay meaningful. */
export function act(e: Engine, a: Action, index: number): void {
  const v = e.view();
  const queueIds = [...v.queues.map((q) => q.QueueId), asQueueId(6)];
  const q = (n: number) => queueIds[n % queueIds.length]!;
  const b = (n: number) => BINDINGS[n]!;
  switch (a.k) {
    case 'allocate':
      e.request({ oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE', binding: b(a.b), buffer: queueParameters(a) });
      return;
    case 'setFilter':
      e.request({
        oid: 'OID_RECEIVE_FILTER_SET_FILTER',
        binding: b(a.b),
        buffer: filterParameters(q(a.q), MACS[a.mac]!, a.vlan),
      });
      return;
    case 'clearFilter': {
      const f = v.filters[a.f % Math.max(1, v.filters.length)];
      const target = f && !a.bogus ? { QueueId: f.QueueId, FilterId: f.FilterId } : { QueueId: q(a.f), FilterId: a.f };
      e.request({ oid: 'OID_RECEIVE_FILTER_CLEAR_FILTER', binding: f && !a.bogus ? f.owner : b(a.b), buffer: target });
      return;
    }
    case 'complete':
      e.request({
        oid: 'OID_RECEIVE_FILTER_QUEUE_ALLOCATION_COMPLETE',
        binding: b(a.b),
        buffer: { Elements: a.qs.map((n) => ({ QueueId: q(n) })) },
      });
      return;
    case 'free':
      e.request({ oid: 'OID_RECEIVE_FILTER_FREE_QUEUE', binding: b(a.b), buffer: { QueueId: q(a.q) } });
      return;
    case 'queueParams':
      e.request({
        oid: 'OID_RECEIVE_FILTER_QUEUE_PARAMETERS',
        binding: b(a.b),
        requestType: a.method ? 'NdisRequestMethod' : 'NdisRequestSetInformation',
        buffer: {
          QueueId: q(a.q),
          Flags: a.flags,
          ProcessorAffinity: { Mask: a.mask, Group: 0 },
          QueueName: `renamed ${index}`,
          NumSuggestedReceiveBuffers: 16,
        },
      });
      return;
    case 'enum':
      e.request({
        oid: 'OID_RECEIVE_FILTER_ENUM_QUEUES',
        binding: b(a.b),
        requestType: a.stats ? 'NdisRequestQueryStatistics' : 'NdisRequestQueryInformation',
      });
      return;
    case 'traffic':
      e.startFlow({
        name: `flow ${index}`,
        dst: MACS[a.mac]!,
        vlanId: a.vlan,
        frameBytes: 300,
        count: a.count,
        intervalNs: a.interval,
      });
      return;
    case 'return':
      e.returnNbls(a.q === null ? null : q(a.q), a.count);
      return;
    case 'advance':
      e.advanceBy(a.ns);
      return;
    case 'pause':
    case 'restart':
    case 'reset':
      e.adapterAction(a.k);
      return;
    case 'close':
      e.closeBinding('extension');
      return;
  }
}
