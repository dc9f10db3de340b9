/**
 * Test helpers: a small builder around one engine that speaks in VMQ steps (allocate, set a MAC
 * filter, complete, free, send traffic) and keeps every trace event for assertions.
 * Pure like the engine (no test-framework import): failures are thrown as plain Errors.
 */
import type { Engine } from './api.ts';
import { createEngine, defaultEngineConfig } from './engine.ts';
import type {
  EngineConfig,
  FilterId,
  OidRequest,
  OidResult,
  ProfileName,
  QueueId,
  TraceEvent,
  TraceEventBody,
  TraceEventKind,
  VmConfig,
} from './types.ts';

export const VM1: VmConfig = { name: 'VM1', mac: '00-15-5D-00-00-01', vlan: 10 };
export const VM2: VmConfig = { name: 'VM2', mac: '00-15-5D-00-00-02', vlan: 20 };
export const VM3: VmConfig = { name: 'VM3', mac: '00-15-5D-00-00-03', vlan: 30 };
/** A unicast MAC no filter ever names. */
export const STRANGER_MAC = '00-15-5D-00-00-99';

export type EventOf<K extends TraceEventKind> = Extract<TraceEvent, { kind: K }>;

/** `T` with every branded number (QueueId, FilterId) as a plain one. */
export type Unbranded<T> = T extends number
  ? number
  : T extends readonly (infer E)[]
    ? Unbranded<E>[]
    : T extends object
      ? { [K in keyof T]: Unbranded<T[K]> }
      : T;

/** A trace event as a test writes it by hand: its IDs as plain numbers, where the engine brands them. */
export type EventFixture = Unbranded<TraceEventBody>;

/** How a MAC filter treats VLANs: a VLAN-ID EQUAL test, the UNTAGGED_OR_ZERO flag, or neither (MAC only). */
export type VlanMode = number | 'untagged-or-zero' | 'mac-only';

export interface AllocateOptions {
  binding?: string;
  /** ProcessorAffinity.Mask; default CPU 1 (mask 2). */
  mask?: number;
  vm?: string;
  buffers?: number;
  /** Requests a lookahead split of this many bytes (flag + LookaheadSize). */
  lookahead?: number;
  perQueue?: boolean;
  /** Extra or overriding NDIS_RECEIVE_QUEUE_PARAMETERS fields. */
  extra?: Record<string, unknown>;
}

export interface TrafficOptions {
  vlanId?: number | null;
  count?: number;
  frameBytes?: number;
  intervalNs?: number;
  name?: string;
}

/** SET_FILTER's NDIS_RECEIVE_FILTER_PARAMETERS for a destination MAC and a VLAN mode. */
export function macFilterBuffer(queueId: number, mac: string, vlan: VlanMode): Record<string, unknown> {
  const macTest: Record<string, unknown> = {
    MacHeaderField: 'NdisMacHeaderFieldDestinationAddress',
    FieldByteArrayValue: mac,
  };
  if (vlan === 'untagged-or-zero') macTest['Flags'] = ['NDIS_RECEIVE_FILTER_FIELD_MAC_HEADER_VLAN_UNTAGGED_OR_ZERO'];
  const fields: Record<string, unknown>[] = [macTest];
  if (typeof vlan === 'number') fields.push({ MacHeaderField: 'NdisMacHeaderFieldVlanId', FieldShortValue: vlan });
  return { FilterType: 'NdisReceiveFilterTypeVMQueue', QueueId: queueId, FieldParameters: fields };
}

export function allocateBuffer(o: AllocateOptions = {}): Record<string, unknown> {
  const flags: string[] = [];
  if (o.perQueue) flags.push('NDIS_RECEIVE_QUEUE_PARAMETERS_PER_QUEUE_RECEIVE_INDICATION');
  if (o.lookahead !== undefined) flags.push('NDIS_RECEIVE_QUEUE_PARAMETERS_LOOKAHEAD_SPLIT_REQUIRED');
  return {
    QueueType: 'NdisReceiveQueueTypeVMQueue',
    ProcessorAffinity: { Mask: o.mask ?? 2, Group: 0 },
    VmName: o.vm ?? VM1.name,
    QueueName: `${o.vm ?? VM1.name} queue`,
    NumSuggestedReceiveBuffers: o.buffers ?? 32,
    Flags: flags,
    LookaheadSize: o.lookahead ?? 0,
    ...o.extra,
  };
}

export class VmqAdapter {
  readonly e: Engine;
  /** Every event since creation, in order. */
  readonly events: TraceEvent[] = [];

  constructor(cfg: EngineConfig) {
    this.e = createEngine(cfg, (ev) => this.events.push(ev));
  }

  request(req: OidRequest): OidResult {
    return this.e.request(req);
  }

  /** ALLOCATE_QUEUE; the raw result. */
  tryAllocate(o: AllocateOptions = {}): OidResult {
    return this.request({ oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE', binding: o.binding, buffer: allocateBuffer(o) });
  }

  /** ALLOCATE_QUEUE that must succeed; the assigned QueueId. */
  allocate(o: AllocateOptions = {}): QueueId {
    return queueIdOf(expectSuccess(this.tryAllocate(o)));
  }

  setMacFilter(queueId: number, mac: string, vlan: VlanMode, binding?: string): OidResult {
    return this.request({ oid: 'OID_RECEIVE_FILTER_SET_FILTER', binding, buffer: macFilterBuffer(queueId, mac, vlan) });
  }

  /** SET_FILTER that must succeed; the assigned FilterId. */
  filter(queueId: number, mac: string, vlan: VlanMode, binding?: string): FilterId {
    return filterIdOf(expectSuccess(this.setMacFilter(queueId, mac, vlan, binding)));
  }

  clearFilter(queueId: number, filterId: number, binding?: string): OidResult {
    return this.request({
      oid: 'OID_RECEIVE_FILTER_CLEAR_FILTER',
      binding,
      buffer: { QueueId: queueId, FilterId: filterId },
    });
  }

  complete(queueIds: number[], binding?: string): OidResult {
    return this.request({
      oid: 'OID_RECEIVE_FILTER_QUEUE_ALLOCATION_COMPLETE',
      binding,
      buffer: { Elements: queueIds.map((QueueId) => ({ QueueId })) },
    });
  }

  free(queueId: number, binding?: string): OidResult {
    return this.request({ oid: 'OID_RECEIVE_FILTER_FREE_QUEUE', binding, buffer: { QueueId: queueId } });
  }

  setQueueParameters(queueId: number, fields: Record<string, unknown>, binding?: string): OidResult {
    return this.request({
      oid: 'OID_RECEIVE_FILTER_QUEUE_PARAMETERS',
      requestType: 'NdisRequestSetInformation',
      binding,
      buffer: { QueueId: queueId, ...fields },
    });
  }

  /** The usual life of a VM's queue: allocate, one MAC filter, complete. Returns both IDs. */
  vmQueue(vm: VmConfig, o: AllocateOptions & { vlan?: VlanMode } = {}): { queueId: QueueId; filterId: FilterId } {
    const queueId = this.allocate({ vm: vm.name, ...o });
    const filterId = this.filter(queueId, vm.mac, o.vlan ?? vm.vlan ?? 'untagged-or-zero', o.binding);
    const done = expectSuccess(this.complete([queueId], o.binding));
    const element = (done.output?.['Elements'] as { CompletionStatus: string }[] | undefined)?.[0];
    if (element?.CompletionStatus !== 'NDIS_STATUS_SUCCESS')
      throw new Error(`queue ${queueId} did not complete: ${element?.CompletionStatus}`);
    return { queueId, filterId };
  }

  /** Starts a flow to `dst` now (it runs as time advances). */
  traffic(dst: string, o: TrafficOptions = {}): void {
    this.e.startFlow({
      name: o.name ?? `to ${dst} #${this.events.length}`,
      dst,
      vlanId: o.vlanId ?? null,
      frameBytes: o.frameBytes ?? 200,
      count: o.count ?? 1,
      intervalNs: o.intervalNs ?? 1_000,
    });
  }

  /** Runs until nothing is scheduled (flows, DPCs, returns, pended OIDs). */
  settle(): void {
    this.e.runUntilIdle();
  }

  /** Current length of the event log, to look at what happens after this point. */
  mark(): number {
    return this.events.length;
  }

  of<K extends TraceEventKind>(kind: K, since = 0): EventOf<K>[] {
    return this.events.slice(since).filter((ev): ev is EventOf<K> => ev.kind === kind);
  }

  violations(since = 0): EventOf<'rule-violated'>[] {
    return this.of('rule-violated', since);
  }

  /** Rule ids of error-severity violations, for `toEqual([])` checks. */
  errors(since = 0): string[] {
    return this.violations(since)
      .filter((v) => v.severity === 'error')
      .map((v) => `${v.rule}: ${v.message}`);
  }

  /** Queue ids (with counts) of every indication part since `since`. */
  indicated(since = 0): { queueId: number; count: number; cpu: number; receiveFlags: number; parts: number }[] {
    return this.of('nbls-indicated', since).flatMap((ev) =>
      ev.parts.map((p) => ({
        queueId: p.queueId,
        count: p.count,
        cpu: ev.cpu,
        receiveFlags: ev.receiveFlags,
        parts: ev.parts.length,
      })),
    );
  }

  /** NBLs indicated on one queue since `since`. */
  indicatedOn(queueId: number, since = 0): number {
    return this.indicated(since)
      .filter((p) => p.queueId === queueId)
      .reduce((n, p) => n + p.count, 0);
  }

  /** Which queue each frame was classified to since `since`, in arrival order. */
  classifiedTo(since = 0): number[] {
    return this.of('frame-classified', since).map((ev) => ev.queueId);
  }
}

/** A VMQ adapter of `profile` with VM1..VM3; `tweak` edits the config before the engine starts. */
export function vmqAdapter(profile: ProfileName = 'ws2012', tweak?: (cfg: EngineConfig) => void): VmqAdapter {
  const cfg = defaultEngineConfig(profile);
  cfg.vms = [VM1, VM2, VM3];
  tweak?.(cfg);
  return new VmqAdapter(cfg);
}

export function expectSuccess(r: OidResult): OidResult {
  if (r.status !== 'NDIS_STATUS_SUCCESS')
    throw new Error(`${r.oid} (request ${r.requestId}) failed: ${r.status} — ${r.message}`);
  return r;
}

export const queueIdOf = (r: OidResult): QueueId => r.output?.['QueueId'] as QueueId;
export const filterIdOf = (r: OidResult): FilterId => r.output?.['FilterId'] as FilterId;
/** CompletionStatus of each element of a QUEUE_ALLOCATION_COMPLETE result. */
export const completionStatuses = (r: OidResult): string[] =>
  ((r.output?.['Elements'] as { CompletionStatus: string }[] | undefined) ?? []).map((el) => el.CompletionStatus);
