/** Read-only pictures of the adapter and its queues for views and expectations: copies, never live state. */
import { inHardwareTable } from './classifier.ts';
import { MANAGEMENT_OS, reportedState, type Ctx } from './context.ts';
import { ringView } from './datapath.ts';
import type { QueueState } from './state.ts';
import type { AdapterView, QueueView } from './types.ts';

export function queueView(q: QueueState): QueueView {
  const p = q.params;
  return {
    QueueId: q.id,
    state: q.state,
    reported: reportedState(q.state),
    owner: q.owner,
    Flags: p.Flags,
    ProcessorAffinity: { ...p.ProcessorAffinity },
    cpu: q.cpu,
    NumSuggestedReceiveBuffers: p.NumSuggestedReceiveBuffers,
    MSIXTableEntry: p.MSIXTableEntry,
    LookaheadSize: p.LookaheadSize,
    VmName: p.VmName,
    QueueName: p.QueueName,
    PortId: p.PortId,
    InterruptCoalescingDomainId: p.InterruptCoalescingDomainId,
    allocationComplete: q.allocationComplete,
    filterIds: [...q.filterIds],
    buffers: q.capacity,
    pending: q.dmaSeq - q.indicatedSeq,
    outstandingNbls: q.indicatedSeq - q.returnedSeq,
    ring: ringView(q),
    counters: { ...q.counters, dropped: { ...q.counters.dropped } },
  };
}

export function adapterView(ctx: Ctx): AdapterView {
  const { s, cfg } = ctx;
  const live = s.queues.filter((q): q is QueueState => q !== undefined && q.state !== 'Undefined');
  const pending = live.reduce((n, q) => n + q.dmaSeq - q.indicatedSeq, 0);
  return {
    nowNs: s.nowNs,
    profile: cfg.adapter.profile,
    ndisVersion: ctx.ndisVersion,
    capabilities: { ...ctx.capabilities },
    state: s.adapterState,
    queues: live.map(queueView),
    filters: s.filters
      .filter((f) => f !== undefined)
      .map((f) => ({
        FilterId: f.id,
        QueueId: f.queueId,
        owner: f.owner,
        filter: { ...f.spec },
        vlanAgnostic: f.vlanAgnostic,
        inHardwareTable: inHardwareTable(s.queues[f.queueId]),
      })),
    memory: s.memory.map((b) => ({ ...b })),
    addressSpaces: [MANAGEMENT_OS, ...cfg.vms.map((v) => v.name)],
    totals: {
      arrived: s.totals.arrived,
      indicated: s.totals.indicated,
      returned: s.totals.returned,
      dropped: { ...s.totals.dropped },
      inFlight: pending,
    },
    violations: s.violations.map((v) => ({ ...v })),
  };
}
