/**
 * One line of NDIS-vocabulary prose per trace event, and who acted. Shared by the CLI's trace table and the
 * UI's trace view, so it stays pure: no Node or DOM APIs.
 */
import {
  NDIS_STATUS,
  hex32,
  type NdisStatusName,
  type OperationalStateName,
  type AdapterState,
  type FilterSpec,
  type TraceEvent,
} from '../engine/index.ts';
import { DROP_REASON_WORDS } from './dropReasons.ts';
import { formatDuration } from './duration.ts';
import { macFromInt } from './mac.ts';
import { plural } from './plural.ts';
import { flagNames } from './ndis-names.ts';

/** Who did it: the overlying driver (the vSwitch), NDIS, the miniport, the wire, the conformance checker, or the scenario. */
export type Actor = 'overlying' | 'NDIS' | 'miniport' | 'wire' | 'checker' | 'scenario';

export interface EventDescription {
  actor: Actor;
  text: string;
}

/** What NDIS does to the miniport behind each adapter state change. */
function adapterHandler(from: AdapterState, to: AdapterState): string {
  switch (to) {
    case 'Paused':
      return 'MiniportPause';
    case 'Resetting':
      return 'MiniportResetEx';
    case 'Halting':
      return 'NDIS frees every queue before MiniportHaltEx';
    case 'Halted':
      return 'MiniportHaltEx';
    case 'Running':
      return from === 'Paused' ? 'MiniportRestart' : 'reset complete';
  }
}

const statusText = (status: NdisStatusName): string => `${status} (${hex32(NDIS_STATUS[status])})`;

/** "NdisReceiveQueueOperationalStateRunning" → "Running". */
const shortState = (state: OperationalStateName): string => state.replace('NdisReceiveQueueOperationalState', '');

const vlanText = (vlanId: number | null): string =>
  vlanId === null ? 'untagged' : vlanId === 0 ? 'VLAN 0 (priority-tagged)' : `VLAN ${vlanId}`;

function filterText(filter: FilterSpec, vlanAgnostic: boolean): string {
  const vlan =
    filter.vlanId !== null ? `VLAN ${filter.vlanId}` : vlanAgnostic ? 'any VLAN (tag stripped)' : 'untagged or VLAN 0';
  return `${macFromInt(filter.mac)}, ${vlan}`;
}

/** "DISPATCH_LEVEL|SINGLE_QUEUE" for the bits of a receive/return flag word. */
function flagsText(label: string, value: number, prefix: string): string {
  if (value === 0) return '';
  return ` (${label} ${flagNames(value, prefix)
    .map((name) => name.replace(prefix, ''))
    .join('|')})`;
}

/** QueueId=1 FilterId=2 — the identifiers a reader correlates a request by. */
function keyFields(buffer: Record<string, unknown> | undefined): string {
  const shown = ['QueueId', 'FilterId'].filter((key) => typeof buffer?.[key] === 'number');
  return shown.map((key) => ` ${key}=${String(buffer?.[key])}`).join('');
}

export function describeEvent(event: TraceEvent): EventDescription {
  switch (event.kind) {
    case 'oid-requested':
      return {
        // NDIS's own cleanup requests carry the binding they clean up for; who issued them is NDIS.
        actor: event.issuedBy === 'NDIS' ? 'NDIS' : 'overlying',
        text: `#${event.requestId} ${event.binding} → ${event.oid} (${event.requestType}, ${event.bufferLength} bytes)${keyFields(event.buffer)}`,
      };
    case 'oid-pended':
      return {
        actor: event.layer,
        text: `#${event.requestId} ${event.oid} → ${statusText('NDIS_STATUS_PENDING')} [${event.layer}]`,
      };
    case 'oid-completed': {
      const { result } = event;
      const needed = result.bytesNeeded > 0 ? `, BytesNeeded=${result.bytesNeeded}` : '';
      const after = event.pended ? ', after pending' : '';
      const why = result.message === '' ? '' : `: ${result.message}`;
      return {
        actor: result.layer,
        text: `#${result.requestId} ${result.oid} → ${statusText(result.status)} [${result.layer}]${needed}${after}${why}`,
      };
    }
    case 'status-indicated': {
      const state = event.queueState === undefined ? '' : ` ${event.queueState}`;
      return { actor: 'miniport', text: `${event.code} QueueId=${event.queueId}${state}` };
    }
    case 'queue-state-changed': {
      const reported =
        event.reportedFrom === event.reported
          ? `reported stays ${shortState(event.reported)}`
          : `reported ${shortState(event.reportedFrom)} → ${shortState(event.reported)}`;
      return { actor: 'miniport', text: `queue ${event.queueId}: ${event.from} → ${event.to} (${reported})` };
    }
    case 'queue-parameters-changed':
      return {
        actor: 'miniport',
        text: `queue ${event.queueId} parameters changed (${event.changed.map((flag) => flag.replace('NDIS_RECEIVE_QUEUE_PARAMETERS_', '')).join(', ')}), now on CPU ${event.cpu}`,
      };
    case 'filter-set':
      return {
        actor: 'miniport',
        text: `filter ${event.filterId} set on queue ${event.queueId} for ${event.binding}: ${filterText(event.filter, event.vlanAgnostic)}`,
      };
    case 'filter-cleared':
      return { actor: 'miniport', text: `filter ${event.filterId} cleared from queue ${event.queueId}` };
    case 'memory-allocated': {
      const backfill = event.backfill > 0 ? `, backfill ${event.backfill} B` : '';
      return {
        actor: 'miniport',
        text:
          `NdisAllocateSharedMemory for queue ${event.queueId}: ${event.length} bytes ${event.usage} in ${event.space} space ` +
          `at 0x${event.address.toString(16).toUpperCase()} (block ${event.blockId}, ${plural(event.buffers, 'buffer')} × ${event.bufferStride} B${backfill}): ${event.why}`,
      };
    }
    case 'memory-freed':
      return {
        actor: 'miniport',
        text: `NdisFreeSharedMemory for queue ${event.queueId}: block ${event.blockId} (${event.space} space)`,
      };
    case 'frame-arrived': {
      const flow = event.flow === undefined ? '' : ` [${event.flow}]`;
      return {
        actor: 'wire',
        text: `frame ${event.frameId}: ${event.length} B to ${event.dst}, ${vlanText(event.vlanId)}${flow}`,
      };
    }
    case 'frame-classified':
      return {
        actor: 'miniport',
        text:
          event.filterId === 0
            ? `frame ${event.frameId} → default queue ${event.queueId} (no filter matched)`
            : `frame ${event.frameId} → queue ${event.queueId} by filter ${event.filterId}${event.vlanStripped ? ', VLAN tag stripped into Ieee8021QNetBufferListInfo' : ''}`,
      };
    case 'dma-written': {
      const segments = event.segments.map(
        (s) => `block ${s.blockId} +0x${s.offset.toString(16).toUpperCase()} ${s.length} B ${s.usage}`,
      );
      return {
        actor: 'miniport',
        text: `frame ${event.frameId} DMA'd into queue ${event.queueId} slot ${event.slot}: ${segments.join(' + ')}`,
      };
    }
    case 'frame-dropped': {
      const where = event.queueId === null ? '' : ` on queue ${event.queueId}`;
      return {
        actor: 'miniport',
        text: `frame ${event.frameId} dropped${where}: ${DROP_REASON_WORDS[event.reason].text}`,
      };
    }
    case 'frames-dropped': {
      const where = event.queueId === null ? '' : ` on queue ${event.queueId}`;
      return {
        actor: 'miniport',
        text: `${plural(event.count, 'frame')} dropped${where}: ${DROP_REASON_WORDS[event.reason].text}`,
      };
    }
    case 'dpc-ran':
      return {
        actor: 'miniport',
        text: `DPC on CPU ${event.cpu} for ${event.queueIds.length === 1 ? 'queue' : 'queues'} ${event.queueIds.join(', ')}`,
      };
    case 'nbls-indicated': {
      const total = event.parts.reduce((sum, p) => sum + p.count, 0);
      const [only] = event.parts;
      const sources =
        event.parts.length === 1 && only
          ? `from queue ${only.queueId}`
          : `(${event.parts.map((p) => `${p.count} from queue ${p.queueId}`).join(', ')})`;
      return {
        actor: 'miniport',
        text: `NdisMIndicateReceiveNetBufferLists on CPU ${event.cpu}: ${plural(total, 'NBL')} ${sources}${flagsText('ReceiveFlags', event.receiveFlags, 'NDIS_RECEIVE_FLAGS_')}`,
      };
    }
    case 'nbls-returned':
      return {
        actor: 'overlying',
        text: `NdisReturnNetBufferLists: ${plural(event.count, 'NBL')} of queue ${event.queueId}${flagsText('ReturnFlags', event.returnFlags, 'NDIS_RETURN_FLAGS_')}`,
      };
    case 'adapter-state-changed':
      return { actor: 'NDIS', text: `adapter ${event.from} → ${event.to} (${adapterHandler(event.from, event.to)})` };
    case 'binding-closed':
      return { actor: 'overlying', text: `NdisCloseAdapterEx: binding ${event.binding} closed` };
    case 'fault-injected':
      return { actor: 'scenario', text: `fault injected (${event.fault.kind}): ${event.effect}` };
    case 'flow-started':
      return {
        actor: 'wire',
        text: `flow "${event.flow}" starts: ${event.count} × ${event.frameBytes} B to ${event.dst}, ${vlanText(event.vlanId)}, every ${formatDuration(event.intervalNs)}`,
      };
    case 'flow-ended':
      return { actor: 'wire', text: `flow "${event.flow}" ended after ${plural(event.sent, 'frame')}` };
    case 'rule-violated': {
      const context = [
        event.queueId === undefined ? undefined : `queue ${event.queueId}`,
        event.requestId === undefined ? undefined : `request #${event.requestId}`,
      ].filter((part) => part !== undefined);
      return {
        actor: 'checker',
        text: `${event.rule} ${event.severity}: ${event.message}${context.length > 0 ? ` [${context.join(', ')}]` : ''}`,
      };
    }
    case 'note':
      return { actor: 'scenario', text: event.text };
  }
}
