/**
 * The traffic generator's form as data: where the frames go (a VM, a MAC no filter knows, broadcast, any MAC), how
 * they are tagged, how big, how fast and how many; and the FlowSpec the engine runs from it.
 */
import type { FlowSpec, TraceEvent, VmConfig } from '../../engine/index.ts';
import { canonicalMac, isMac } from '../../scenario/mac.ts';
import { EventSubset } from '../trace/eventSubset.ts';

export const BROADCAST_MAC = 'FF-FF-FF-FF-FF-FF';

/** 'vm:NAME', a MAC no VM has, broadcast, or the custom MAC typed in. */
export type Destination = `vm:${string}` | 'unknown' | 'broadcast' | 'custom';

/** 'default' = the VM's own VLAN (untagged for other destinations), as a scenario's "$vm:NAME" traffic does. */
export type VlanChoice = 'default' | 'untagged' | 'tagged';

export interface FlowDraft {
  destination: Destination;
  customMac: string;
  vlan: VlanChoice;
  vlanId: number;
  priority: number;
  frameBytes: number;
  ratePps: number;
  count: number;
  pattern: 'constant' | 'poisson';
}

export const initialDraft = (vms: readonly VmConfig[]): FlowDraft => ({
  destination: vms[0] ? `vm:${vms[0].name}` : 'unknown',
  customMac: '00-15-5D-00-00-42',
  vlan: 'default',
  vlanId: vms[0]?.vlan ?? 1,
  priority: 0,
  frameBytes: 512,
  ratePps: 1_000_000,
  count: 32,
  pattern: 'constant',
});

/** A unicast MAC in the scenario's range that no VM has: frames to it match no filter. */
export function unknownMac(vms: readonly VmConfig[]): string {
  const taken = new Set(vms.map((vm) => canonicalMac(vm.mac)));
  for (let n = 0x99; ; n--) {
    const mac = `00-15-5D-00-00-${n.toString(16).toUpperCase().padStart(2, '0')}`;
    if (!taken.has(mac)) return mac;
  }
}

/** Frames per second at 10 GbE line rate: each frame costs its bytes plus 4 (FCS) and 20 (preamble, gap) on the wire. */
export const lineRatePps = (frameBytes: number): number => Math.floor(10e9 / ((frameBytes + 24) * 8));

const destinationMac = (draft: FlowDraft, vms: readonly VmConfig[]): string | undefined => {
  if (draft.destination === 'unknown') return unknownMac(vms);
  if (draft.destination === 'broadcast') return BROADCAST_MAC;
  if (draft.destination === 'custom')
    return isMac(draft.customMac.trim()) ? canonicalMac(draft.customMac.trim()) : undefined;
  return vms.find((vm) => `vm:${vm.name}` === draft.destination)?.mac;
};

export function vlanOf(draft: FlowDraft, vms: readonly VmConfig[]): number | null {
  if (draft.vlan === 'untagged') return null;
  if (draft.vlan === 'tagged') return draft.vlanId;
  return vms.find((vm) => `vm:${vm.name}` === draft.destination)?.vlan ?? null;
}

/** A short name for the flow, unique among `taken` (the engine keys flows by name). */
export function flowName(draft: FlowDraft, taken: ReadonlySet<string>): string {
  const base = draft.destination.startsWith('vm:') ? `UI to ${draft.destination.slice(3)}` : `UI ${draft.destination}`;
  for (let n = 1; ; n++) if (!taken.has(`${base} #${n}`)) return `${base} #${n}`;
}

/** The FlowSpec to start, or every reason it cannot be started. */
export function toFlowSpec(
  draft: FlowDraft,
  vms: readonly VmConfig[],
  name: string,
): { flow: FlowSpec } | { errors: string[] } {
  const errors: string[] = [];
  const dst = destinationMac(draft, vms);
  if (dst === undefined) errors.push('the destination MAC must be six hex octets such as 00-15-5D-00-00-42');
  const vlanId = vlanOf(draft, vms);
  if (vlanId !== null && !(Number.isInteger(vlanId) && vlanId >= 0 && vlanId <= 4094))
    errors.push('the VLAN ID must be 0 to 4094');
  const maxBytes = vlanId === null ? 1514 : 1518;
  if (!(Number.isInteger(draft.frameBytes) && draft.frameBytes >= 60 && draft.frameBytes <= maxBytes)) {
    errors.push(
      `frames are 60 to ${maxBytes} bytes ${vlanId === null ? 'untagged' : 'with an 802.1Q tag'} (without FCS)`,
    );
  }
  if (!(Number.isInteger(draft.count) && draft.count >= 1)) errors.push('send at least 1 frame');
  if (!(draft.ratePps > 0 && draft.ratePps <= 1e9))
    errors.push('the rate must be between 1 and 1,000,000,000 frames per second');
  if (errors.length > 0 || dst === undefined) return { errors };
  const flow: FlowSpec = {
    name,
    dst,
    vlanId,
    frameBytes: draft.frameBytes,
    count: draft.count,
    intervalNs: Math.max(1, Math.round(1e9 / draft.ratePps)),
    pattern: draft.pattern,
  };
  if (vlanId !== null) flow.priority = draft.priority;
  return { flow };
}

export interface FlowState {
  name: string;
  dst: string;
  vlanId: number | null;
  frameBytes: number;
  count: number;
  intervalNs: number;
  startedNs: number;
  /** Frames sent, once it ended. */
  sent?: number;
  endedNs?: number;
}

type FlowEvent = Extract<TraceEvent, { kind: 'flow-started' | 'flow-ended' }>;

const isFlowEvent = (event: TraceEvent): event is FlowEvent =>
  event.kind === 'flow-started' || event.kind === 'flow-ended';

/** The side's digest of every flow in the trace, newest first; those without `endedNs` are still sending. */
export const flowsDigest = () => new EventSubset(isFlowEvent, flowsOf);

/** The flows these flow events (in trace order) tell of, newest first. */
function flowsOf(events: readonly FlowEvent[]): FlowState[] {
  const flows = new Map<string, FlowState>();
  for (const event of events) {
    if (event.kind === 'flow-started') {
      const { flow: name, dst, vlanId, frameBytes, count, intervalNs } = event;
      flows.delete(name); // a name reused after its flow ended starts a new entry, at the top
      flows.set(name, { name, dst, vlanId, frameBytes, count, intervalNs, startedNs: event.t });
    } else if (event.kind === 'flow-ended') {
      const flow = flows.get(event.flow);
      if (flow) flows.set(event.flow, { ...flow, sent: event.sent, endedNs: event.t });
    }
  }
  return [...flows.values()].reverse();
}
