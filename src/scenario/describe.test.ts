import { describe, expect, it } from 'vitest';
import type { Unbranded } from '../engine/testing.ts';
import {
  asTimeNs,
  type OidResult,
  type TraceEvent,
  type TraceEventBody,
  type TraceEventKind,
} from '../engine/types.ts';
import { describeEvent, type EventDescription } from './describe.ts';

const result: OidResult = {
  requestId: 4,
  oid: 'OID_RECEIVE_FILTER_FREE_QUEUE',
  requestType: 'NdisRequestSetInformation',
  binding: 'vmswitch',
  status: 'NDIS_STATUS_INVALID_PARAMETER',
  layer: 'NDIS',
  bytesNeeded: 0,
  bytesReadOrWritten: 0,
  message: 'queue 1 still has 1 filter',
  issuedAtNs: asTimeNs(0),
  completedAtNs: asTimeNs(0),
};

/** One event of every kind with its expected line; the type makes a new kind without a case fail to compile. */
const CASES: { [K in TraceEventKind]: [Unbranded<Extract<TraceEventBody, { kind: K }>>, EventDescription] } = {
  'oid-requested': [
    {
      kind: 'oid-requested',
      requestId: 4,
      oid: 'OID_RECEIVE_FILTER_FREE_QUEUE',
      requestType: 'NdisRequestSetInformation',
      binding: 'vmswitch',
      buffer: { QueueId: 1 },
      bufferLength: 12,
    },
    {
      actor: 'overlying',
      text: '#4 vmswitch → OID_RECEIVE_FILTER_FREE_QUEUE (NdisRequestSetInformation, 12 bytes) QueueId=1',
    },
  ],
  'oid-pended': [
    { kind: 'oid-pended', requestId: 4, oid: 'OID_RECEIVE_FILTER_FREE_QUEUE', layer: 'miniport' },
    { actor: 'miniport', text: '#4 OID_RECEIVE_FILTER_FREE_QUEUE → NDIS_STATUS_PENDING (0x00000103) [miniport]' },
  ],
  'oid-completed': [
    { kind: 'oid-completed', result, pended: false },
    {
      actor: 'NDIS',
      text: '#4 OID_RECEIVE_FILTER_FREE_QUEUE → NDIS_STATUS_INVALID_PARAMETER (0xC000000D) [NDIS]: queue 1 still has 1 filter',
    },
  ],
  'status-indicated': [
    {
      kind: 'status-indicated',
      code: 'NDIS_STATUS_RECEIVE_QUEUE_STATE',
      queueId: 1,
      queueState: 'NdisReceiveQueueOperationalStateDmaStopped',
      payload: {},
    },
    { actor: 'miniport', text: 'NDIS_STATUS_RECEIVE_QUEUE_STATE QueueId=1 NdisReceiveQueueOperationalStateDmaStopped' },
  ],
  'queue-state-changed': [
    {
      kind: 'queue-state-changed',
      queueId: 1,
      from: 'Running',
      to: 'Paused',
      reportedFrom: 'NdisReceiveQueueOperationalStateRunning',
      reported: 'NdisReceiveQueueOperationalStatePaused',
    },
    { actor: 'miniport', text: 'queue 1: Running → Paused (reported Running → Paused)' },
  ],
  'queue-parameters-changed': [
    {
      kind: 'queue-parameters-changed',
      queueId: 2,
      changed: ['NDIS_RECEIVE_QUEUE_PARAMETERS_PROCESSOR_AFFINITY_CHANGED'],
      cpu: 3,
      causeRequestId: 9,
    },
    { actor: 'miniport', text: 'queue 2 parameters changed (PROCESSOR_AFFINITY_CHANGED), now on CPU 3' },
  ],
  'filter-set': [
    {
      kind: 'filter-set',
      filterId: 1,
      queueId: 1,
      binding: 'vmswitch',
      filter: { mac: 0x00155d000001, vlanId: null, untaggedOrZero: true },
      vlanAgnostic: false,
      causeRequestId: 2,
    },
    { actor: 'miniport', text: 'filter 1 set on queue 1 for vmswitch: 00-15-5D-00-00-01, untagged or VLAN 0' },
  ],
  'filter-cleared': [
    { kind: 'filter-cleared', filterId: 1, queueId: 1 },
    { actor: 'miniport', text: 'filter 1 cleared from queue 1' },
  ],
  'memory-allocated': [
    {
      kind: 'memory-allocated',
      blockId: 2,
      queueId: 1,
      usage: 'NdisSharedMemoryUsageReceivePostLookahead',
      space: 'VM1',
      address: 0x20000,
      length: 8192,
      buffers: 4,
      bufferStride: 2048,
      backfill: 128,
      why: 'the NIC accepted a MAC+VLAN filter',
    },
    {
      actor: 'miniport',
      text: 'NdisAllocateSharedMemory for queue 1: 8192 bytes NdisSharedMemoryUsageReceivePostLookahead in VM1 space at 0x20000 (block 2, 4 buffers × 2048 B, backfill 128 B): the NIC accepted a MAC+VLAN filter',
    },
  ],
  'memory-freed': [
    { kind: 'memory-freed', blockId: 2, queueId: 1, space: 'VM1' },
    { actor: 'miniport', text: 'NdisFreeSharedMemory for queue 1: block 2 (VM1 space)' },
  ],
  'frame-arrived': [
    {
      kind: 'frame-arrived',
      headerHex: '00155d000001',
      frameId: 12,
      length: 1518,
      dst: '00-15-5D-00-00-01',
      vlanId: 10,
      flow: 'to VM1',
    },
    { actor: 'wire', text: 'frame 12: 1518 B to 00-15-5D-00-00-01, VLAN 10 [to VM1]' },
  ],
  'frame-classified': [
    {
      kind: 'frame-classified',
      frameId: 12,
      queueId: 0,
      filterId: 0,
      dst: '00-15-5D-00-00-09',
      vlanId: null,
      vlanStripped: false,
      match: [{ queueId: 0, vmName: '', takes: true, reasons: [{ kind: 'default-fallback' }] }],
    },
    { actor: 'miniport', text: 'frame 12 → default queue 0 (no filter matched)' },
  ],
  'dma-written': [
    {
      kind: 'dma-written',
      frameId: 12,
      queueId: 1,
      slot: 3,
      segments: [
        { blockId: 1, usage: 'NdisSharedMemoryUsageReceiveLookahead', offset: 0x180, length: 128 },
        { blockId: 2, usage: 'NdisSharedMemoryUsageReceivePostLookahead', offset: 0x1880, length: 1390 },
      ],
    },
    {
      actor: 'miniport',
      text: "frame 12 DMA'd into queue 1 slot 3: block 1 +0x180 128 B NdisSharedMemoryUsageReceiveLookahead + block 2 +0x1880 1390 B NdisSharedMemoryUsageReceivePostLookahead",
    },
  ],
  'frame-dropped': [
    { kind: 'frame-dropped', frameId: 13, queueId: 1, reason: 'no-free-buffer' },
    { actor: 'miniport', text: 'frame 13 dropped on queue 1: no free receive buffer' },
  ],
  'frames-dropped': [
    { kind: 'frames-dropped', queueId: null, reason: 'adapter-paused', count: 5 },
    { actor: 'miniport', text: '5 frames dropped: adapter paused' },
  ],
  'dpc-ran': [
    { kind: 'dpc-ran', cpu: 2, queueIds: [1, 3] },
    { actor: 'miniport', text: 'DPC on CPU 2 for queues 1, 3' },
  ],
  'nbls-indicated': [
    {
      kind: 'nbls-indicated',
      indicationId: 5,
      cpu: 2,
      receiveFlags: 0x1801,
      parts: [
        { queueId: 1, count: 3, firstFrameId: 10, filteringInfo: { QueueId: 1, FilterId: 0 } },
        { queueId: 3, count: 1, firstFrameId: 14, filteringInfo: { QueueId: 3, FilterId: 0 } },
      ],
    },
    {
      actor: 'miniport',
      text: 'NdisMIndicateReceiveNetBufferLists on CPU 2: 4 NBLs (3 from queue 1, 1 from queue 3) (ReceiveFlags DISPATCH_LEVEL|SINGLE_QUEUE|SHARED_MEMORY_INFO_VALID)',
    },
  ],
  'nbls-returned': [
    { kind: 'nbls-returned', queueId: 1, count: 1, returnFlags: 0x2 },
    { actor: 'overlying', text: 'NdisReturnNetBufferLists: 1 NBL of queue 1 (ReturnFlags SINGLE_QUEUE)' },
  ],
  'adapter-state-changed': [
    { kind: 'adapter-state-changed', from: 'Running', to: 'Paused' },
    { actor: 'NDIS', text: 'adapter Running → Paused (MiniportPause)' },
  ],
  'binding-closed': [
    { kind: 'binding-closed', binding: 'vmswitch' },
    { actor: 'overlying', text: 'NdisCloseAdapterEx: binding vmswitch closed' },
  ],
  'fault-injected': [
    {
      kind: 'fault-injected',
      fault: { kind: 'surprise-removal' },
      effect: 'the NIC is gone',
    },
    { actor: 'scenario', text: 'fault injected (surprise-removal): the NIC is gone' },
  ],
  'flow-started': [
    {
      kind: 'flow-started',
      flow: 'to VM1',
      dst: '00-15-5D-00-00-01',
      vlanId: null,
      frameBytes: 64,
      count: 100,
      intervalNs: 10_000,
    },
    { actor: 'wire', text: 'flow "to VM1" starts: 100 × 64 B to 00-15-5D-00-00-01, untagged, every 10 µs' },
  ],
  'flow-ended': [
    { kind: 'flow-ended', flow: 'to VM1', sent: 1 },
    { actor: 'wire', text: 'flow "to VM1" ended after 1 frame' },
  ],
  'rule-violated': [
    {
      kind: 'rule-violated',
      rule: 'R21',
      severity: 'error',
      message: 'FREE_QUEUE while filters are set',
      queueId: 1,
      requestId: 4,
    },
    { actor: 'checker', text: 'R21 error: FREE_QUEUE while filters are set [queue 1, request #4]' },
  ],
  note: [
    { kind: 'note', text: 'VM1 boots.' },
    { actor: 'scenario', text: 'VM1 boots.' },
  ],
};

describe('describeEvent', () => {
  it.each(Object.entries(CASES))('describes %s', (_kind, [body, described]) => {
    expect(describeEvent({ t: 1_000, seq: 1, ...body } as TraceEvent)).toEqual(described);
  });

  it('marks completions that pended first, and BytesNeeded', () => {
    const tooShort: OidResult = { ...result, status: 'NDIS_STATUS_INVALID_LENGTH', bytesNeeded: 12, message: '' };
    expect(describeEvent({ t: asTimeNs(0), seq: 1, kind: 'oid-completed', result: tooShort, pended: true }).text).toBe(
      '#4 OID_RECEIVE_FILTER_FREE_QUEUE → NDIS_STATUS_INVALID_LENGTH (0xC0010014) [NDIS], BytesNeeded=12, after pending',
    );
  });
});
