/**
 * Bench workloads: an adapter with N filters spread over 16 queues, and a pool of 64-byte frames
 * that hit those filters (plus a share of unknown MACs that fall to the default queue).
 */
import { createEngine, defaultEngineConfig, buildFrame, formatMac, type Engine } from '../engine/index.ts';

export const QUEUES = 16;
export const FRAME_BYTES = 64;
const VM_MAC_BASE = 0x00_15_5d_00_00_00;
const UNKNOWN_MAC_BASE = 0x00_15_5d_ff_00_00;

export interface Workload {
  engine: Engine;
  frames: Uint8Array[];
}

/**
 * @param filters MAC filters in total (each its own MAC, round-robin over the queues)
 * @param queues VM queues the filters are spread over
 * @param unknownShare fraction of frames to MACs no filter knows
 */
export function buildWorkload(filters: number, queues: number, unknownShare: number, poolSize = 4096): Workload {
  const cfg = defaultEngineConfig('ws2012');
  cfg.adapter.cpus = QUEUES;
  cfg.adapter.capabilities = { NumQueues: QUEUES, MaxMacHeaderFilters: Math.max(filters, QUEUES) };
  Object.assign(cfg.adapter.options, {
    traceFrames: false,
    returnLatencyNs: 1_000,
    dpcLatencyNs: 500,
    maxNblsPerDpc: 64,
    defaultQueueBuffers: 4096,
  });
  const engine = createEngine(cfg, () => {});
  for (let q = 1; q <= queues; q++) {
    engine.request({
      oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE',
      buffer: { ProcessorAffinity: { Mask: 2 ** (q - 1) }, NumSuggestedReceiveBuffers: 4096, VmName: `VM${q}` },
    });
  }
  for (let i = 0; i < filters; i++) {
    engine.request({
      oid: 'OID_RECEIVE_FILTER_SET_FILTER',
      buffer: {
        QueueId: (i % queues) + 1,
        FieldParameters: [
          {
            MacHeaderField: 'NdisMacHeaderFieldDestinationAddress',
            FieldByteArrayValue: formatMac(VM_MAC_BASE + i),
            Flags: ['NDIS_RECEIVE_FILTER_FIELD_MAC_HEADER_VLAN_UNTAGGED_OR_ZERO'],
          },
        ],
      },
    });
  }
  engine.request({
    oid: 'OID_RECEIVE_FILTER_QUEUE_ALLOCATION_COMPLETE',
    buffer: { Elements: Array.from({ length: queues }, (_, i) => ({ QueueId: i + 1 })) },
  });
  const frames: Uint8Array[] = [];
  for (let i = 0; i < poolSize; i++) {
    const unknown = (i * 7919) % 100 < unknownShare * 100;
    const dst = unknown ? UNKNOWN_MAC_BASE + (i % 251) : VM_MAC_BASE + (((i * 2654435761) >>> 0) % filters);
    frames.push(
      buildFrame({
        dst,
        src: 0x00_1d_d8_b7_1c_01,
        vlanId: null,
        priority: 0,
        etherType: 0x0800,
        frameBytes: FRAME_BYTES,
      }),
    );
  }
  return { engine, frames };
}
