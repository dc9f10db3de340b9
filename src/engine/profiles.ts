/**
 * Adapter profiles: the three miniports the playground can emulate, with their hardware
 * NDIS_RECEIVE_FILTER_CAPABILITIES and the defaults of every behaviour option.
 */
import {
  NDIS_RECEIVE_FILTER_DYNAMIC_PROCESSOR_AFFINITY_CHANGE_SUPPORTED,
  NDIS_RECEIVE_FILTER_INTERRUPT_VECTOR_COALESCING_SUPPORTED,
  NDIS_RECEIVE_FILTER_LOOKAHEAD_SPLIT_SUPPORTED,
  NDIS_RECEIVE_FILTER_MAC_HEADER_DEST_ADDR_SUPPORTED,
  NDIS_RECEIVE_FILTER_MAC_HEADER_SUPPORTED,
  NDIS_RECEIVE_FILTER_MAC_HEADER_VLAN_ID_SUPPORTED,
  NDIS_RECEIVE_FILTER_MSI_X_SUPPORTED,
  NDIS_RECEIVE_FILTER_TEST_HEADER_FIELD_EQUAL_SUPPORTED,
  NDIS_RECEIVE_FILTER_VM_QUEUE_SUPPORTED,
  NDIS_RECEIVE_FILTER_VM_QUEUES_ENABLED,
  NDIS_RECEIVE_FILTER_VMQ_FILTERS_ENABLED,
} from './ndis/constants.ts';
import type {
  AdapterCapabilities,
  AdapterConfig,
  EngineConfig,
  MiniportOptions,
  ProfileName,
  ReceiveFilterCapabilities,
} from './types.ts';

export interface ProfileInfo {
  title: string;
  /** NDIS version as 620 for 6.20. */
  ndisVersion: number;
  /** Hardware capabilities; undefined when the miniport has no receive filtering at all. */
  hardware: ReceiveFilterCapabilities | undefined;
}

// Queue and filter counts follow Microsoft's netvmini sample (NIC_SUPPORTED_NUM_QUEUES 8,
// NIC_MAX_HEADER_FILTERS 16, lookahead split 64..128 bytes): small enough to see every queue on screen.
const VMQ_BASE = {
  EnabledFilterTypes: NDIS_RECEIVE_FILTER_VMQ_FILTERS_ENABLED,
  EnabledQueueTypes: NDIS_RECEIVE_FILTER_VM_QUEUES_ENABLED,
  NumQueues: 8,
  SupportedFilterTests: NDIS_RECEIVE_FILTER_TEST_HEADER_FIELD_EQUAL_SUPPORTED,
  SupportedHeaders: NDIS_RECEIVE_FILTER_MAC_HEADER_SUPPORTED,
  SupportedMacHeaderFields:
    NDIS_RECEIVE_FILTER_MAC_HEADER_DEST_ADDR_SUPPORTED | NDIS_RECEIVE_FILTER_MAC_HEADER_VLAN_ID_SUPPORTED,
  MaxMacHeaderFilters: 16,
  MaxQueueGroups: 0,
  MaxQueuesPerQueueGroup: 0,
};

export const PROFILES: Record<ProfileName, ProfileInfo> = {
  ws2008r2: {
    title: 'Windows Server 2008 R2 (NDIS 6.20, lookahead split)',
    ndisVersion: 620,
    hardware: {
      ...VMQ_BASE,
      SupportedQueueProperties:
        NDIS_RECEIVE_FILTER_MSI_X_SUPPORTED |
        NDIS_RECEIVE_FILTER_VM_QUEUE_SUPPORTED |
        NDIS_RECEIVE_FILTER_LOOKAHEAD_SPLIT_SUPPORTED,
      MinLookaheadSplitSize: 64,
      MaxLookaheadSplitSize: 128,
    },
  },
  ws2012: {
    title: 'Windows Server 2012 (NDIS 6.30, no split, dynamic VMQ)',
    ndisVersion: 630,
    hardware: {
      ...VMQ_BASE,
      // §7.4 / R31: a 6.30 VMQ miniport must advertise dynamic affinity and vector coalescing, and no split.
      SupportedQueueProperties:
        NDIS_RECEIVE_FILTER_MSI_X_SUPPORTED |
        NDIS_RECEIVE_FILTER_VM_QUEUE_SUPPORTED |
        NDIS_RECEIVE_FILTER_DYNAMIC_PROCESSOR_AFFINITY_CHANGE_SUPPORTED |
        NDIS_RECEIVE_FILTER_INTERRUPT_VECTOR_COALESCING_SUPPORTED,
      MinLookaheadSplitSize: 0,
      MaxLookaheadSplitSize: 0,
    },
  },
  'legacy-ndis61': {
    title: 'Legacy miniport (NDIS 6.1, no VMQ)',
    ndisVersion: 610,
    hardware: undefined,
  },
};

export const DEFAULT_OPTIONS: MiniportOptions = {
  pendingOids: {},
  dpcLatencyNs: 2_000,
  maxNblsPerDpc: 64,
  returnLatencyNs: 20_000,
  defaultQueueBuffers: 64,
  receiveBufferBytes: 2048,
  invalidRequestTypeStatus: 'NDIS_STATUS_NOT_SUPPORTED',
  queuesExhaustedStatus: 'NDIS_STATUS_RESOURCES',
  filtersExhaustedStatus: 'NDIS_STATUS_RESOURCES',
  freeWithFiltersStatus: 'NDIS_STATUS_INVALID_PARAMETER',
  macOnlyFilter: 'accept-strip-tag',
  packetFilter: 'promiscuous',
  traceFrames: true,
};

export function defaultAdapterConfig(profile: ProfileName): AdapterConfig {
  return {
    profile,
    cpus: 4,
    vmqEnabled: true,
    vlanFiltering: true,
    lookaheadSplit: true,
    macAddress: '00-15-5D-00-00-FF',
    capabilities: {},
    options: { ...DEFAULT_OPTIONS, pendingOids: {} },
  };
}

export function defaultEngineConfig(profile: ProfileName = 'ws2012'): EngineConfig {
  return { seed: 1, adapter: defaultAdapterConfig(profile), vms: [] };
}

/** R46: QueueId and FilterId travel in 16-bit NBL fields, so neither may exceed this. */
const MAX_NBL_ID = 0xffff;

/**
 * The capabilities NDIS reports: the hardware set (everything the NIC can do) and the current set
 * (what the INF keywords enable). A disabled VMQ gives a zeroed current structure, as the sample
 * does, because the DDI forbids a NULL current pointer next to a non-NULL hardware one (§4.18).
 */
export function capabilitiesOf(
  adapter: AdapterConfig,
): { hardware: ReceiveFilterCapabilities; current: ReceiveFilterCapabilities } | undefined {
  const base = PROFILES[adapter.profile].hardware;
  if (!base) return undefined;
  const hardware = { ...base, ...adapter.capabilities };
  hardware.NumQueues = Math.min(hardware.NumQueues, MAX_NBL_ID);
  hardware.MaxMacHeaderFilters = Math.min(hardware.MaxMacHeaderFilters, MAX_NBL_ID);
  if (!adapter.vmqEnabled) {
    const zeroed = Object.fromEntries(Object.keys(hardware).map((k) => [k, 0])) as unknown as ReceiveFilterCapabilities;
    return { hardware, current: zeroed };
  }
  const current = { ...hardware };
  if (!adapter.vlanFiltering) current.SupportedMacHeaderFields &= ~NDIS_RECEIVE_FILTER_MAC_HEADER_VLAN_ID_SUPPORTED;
  if (!adapter.lookaheadSplit || PROFILES[adapter.profile].ndisVersion >= 630) {
    current.SupportedQueueProperties &= ~NDIS_RECEIVE_FILTER_LOOKAHEAD_SPLIT_SUPPORTED;
    current.MinLookaheadSplitSize = 0;
    current.MaxLookaheadSplitSize = 0;
  }
  return { hardware, current };
}

/**
 * The capabilities of an adapter as named booleans: what it does now, read from the CURRENT
 * NDIS_RECEIVE_FILTER_CAPABILITIES (with *VMQ = 0 the current structure is zeroed, so nothing is on), plus whether
 * the hardware could split at all and what its NDIS version changes (§7.4: 6.30 drops the split and keeps every
 * buffer in host memory).
 */
export function adapterCapabilities(adapter: AdapterConfig): AdapterCapabilities {
  const caps = capabilitiesOf(adapter);
  const ndis630 = PROFILES[adapter.profile].ndisVersion >= 630;
  const hardware = caps?.hardware.SupportedQueueProperties ?? 0;
  const current = caps?.current.SupportedQueueProperties ?? 0;
  const vmq = (caps?.current.NumQueues ?? 0) > 0;
  return {
    vmq,
    lookaheadSplitSupported: (hardware & NDIS_RECEIVE_FILTER_LOOKAHEAD_SPLIT_SUPPORTED) !== 0,
    lookaheadSplitEnabled: (current & NDIS_RECEIVE_FILTER_LOOKAHEAD_SPLIT_SUPPORTED) !== 0,
    dynamicAffinity: (current & NDIS_RECEIVE_FILTER_DYNAMIC_PROCESSOR_AFFINITY_CHANGE_SUPPORTED) !== 0,
    interruptVectorCoalescing: (current & NDIS_RECEIVE_FILTER_INTERRUPT_VECTOR_COALESCING_SUPPORTED) !== 0,
    vlanAgnosticMacFilters: vmq && ndis630 && adapter.options.macOnlyFilter === 'accept-strip-tag',
    receiveBuffersInHostMemory: vmq && ndis630,
  };
}

/** The capabilities of a profile with its default configuration (what that Windows version's adapter does). */
export const profileCapabilities = (profile: ProfileName): AdapterCapabilities =>
  adapterCapabilities(defaultAdapterConfig(profile));
