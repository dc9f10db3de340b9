/**
 * createEngine: one emulated VMQ adapter with its NDIS layer, driven in virtual time.
 * Pure and deterministic: no wall clock, no Math.random, no DOM; the same config and calls give the
 * same trace. All mutable state is plain data (the engine state and the checker's shadow), so
 * snapshot/restore are deep copies.
 */
import { RUN_UNTIL_IDLE_LIMIT_NS, type Engine, type EngineSnapshot } from './api.ts';
import { Checker } from './checker.ts';
import { buildMacTable, MacTable } from './classifier.ts';
import { createTimerHeap } from './core/scheduler.ts';
import type { Ctx } from './context.ts';
import { receiveFrame, type Datapath } from './datapath.ts';
import { advanceTo, nextTime, runUntilIdle, startFlow, stopFlow } from './flows.ts';
import { parseMac } from './frame.ts';
import { adapterAction, closeBinding, giveBack } from './lifecycle.ts';
import { allocateReceiveBuffers } from './memory.ts';
import { createDefaultQueue } from './oids/queueOids.ts';
import { handleRequest } from './requests.ts';
import { adapterCapabilities, capabilitiesOf, PROFILES } from './profiles.ts';
import type { EngineState, QueueState } from './state.ts';
import {
  asTimeNs,
  timeAfter,
  type EngineConfig,
  type OidRequest,
  type TraceEvent,
  type TraceEventBody,
} from './types.ts';
import { adapterView, queueView } from './views.ts';

export { defaultEngineConfig } from './profiles.ts';

interface SnapshotData extends EngineSnapshot {
  state: EngineState;
  checker: unknown;
}

export function createEngine(config: EngineConfig, sink?: (e: TraceEvent) => void): Engine {
  const cfg = structuredClone(config);
  const events: TraceEvent[] = [];
  const caps = capabilitiesOf(cfg.adapter);
  const checker = new Checker({
    queues: caps?.current.NumQueues ?? 0,
    filters: caps?.current.MaxMacHeaderFilters ?? 0,
  });
  let s = initialState(cfg);
  const dp: Datapath = {
    macTable: new MacTable(0),
    adapterMac: parseMac(cfg.adapter.macAddress) ?? 0,
    promiscuous: cfg.adapter.options.packetFilter === 'promiscuous',
  };

  const emit = (body: TraceEventBody): void => {
    // Stamped in place rather than copied: emitting is on the per-indication path.
    const event = body as TraceEvent;
    event.t = s.nowNs;
    event.seq = s.eventSeq++;
    if (body.kind === 'rule-violated') {
      const { rule, severity, message, queueId, requestId } = body;
      s.violations.push({
        rule,
        severity,
        message,
        ...(queueId !== undefined ? { queueId } : {}),
        ...(requestId !== undefined ? { requestId } : {}),
      });
    }
    if (sink) sink(event);
    else events.push(event);
    // The checker watches what the engine emits, like a verifier beside a real driver stack.
    const found = checker.observe(event, s);
    for (const v of found) emit({ kind: 'rule-violated', ...v });
  };
  const ctx: Ctx = {
    s,
    cfg,
    ndisVersion: PROFILES[cfg.adapter.profile].ndisVersion,
    caps,
    capabilities: adapterCapabilities(cfg.adapter),
    emit,
    filtersChanged: () => {
      dp.macTable = buildMacTable(s.filters, s.queues);
    },
  };

  // MiniportInitializeEx: the default queue and its buffers exist from the start (§1.3). A miniport
  // without VMQ still receives; its buffers are simply never handed to a VM.
  allocateReceiveBuffers(ctx, s.queues[0]!, cfg.adapter.options.defaultQueueBuffers);

  const engine: Engine = {
    get nowNs() {
      return s.nowNs;
    },
    get framesArrived() {
      return s.totals.arrived;
    },
    request: (req: OidRequest) => handleRequest(ctx, req),
    result: (requestId) => {
      const r = s.results[requestId];
      return r ? { ...r } : undefined;
    },
    startFlow: (flow) => startFlow(ctx, flow),
    stopFlow: (name) => stopFlow(ctx, name),
    injectFrame: (bytes, flow) => receiveFrame(ctx, dp, bytes, flow),
    returnNbls(queueId, count) {
      const n = count === 'all' ? Infinity : count;
      const queues =
        queueId === null
          ? s.queues.filter((q): q is QueueState => q !== undefined)
          : [s.queues[queueId]].filter((q): q is QueueState => q !== undefined);
      let returned = 0;
      for (const q of queues) returned += giveBack(ctx, q, n - returned);
      return returned;
    },
    adapterAction: (action) => adapterAction(ctx, action),
    closeBinding: (binding) => closeBinding(ctx, binding),
    // placeholder until the faults branch lands: it only says what was asked, so the UI's flow can be tried.
    injectFault: (fault) => emit({ kind: 'note', text: `fault requested: ${JSON.stringify(fault)}` }),
    note: (text) => emit({ kind: 'note', text }),
    advanceTo: (t) => advanceTo(ctx, dp, t),
    advanceBy: (d) => advanceTo(ctx, dp, timeAfter(s.nowNs, d)),
    runUntilIdle: (limitNs = timeAfter(s.nowNs, RUN_UNTIL_IDLE_LIMIT_NS)) => runUntilIdle(ctx, dp, limitNs),
    nextEventTimeNs: () => nextTime(ctx),
    view: () => adapterView(ctx),
    queue(queueId) {
      const q = s.queues[queueId];
      return q && q.state !== 'Undefined' ? queueView(q) : undefined;
    },
    snapshot: () => ({ __engineSnapshot: true, state: structuredClone(s), checker: checker.save() }) as SnapshotData,
    restore(snapshot) {
      const data = snapshot as SnapshotData;
      s = structuredClone(data.state);
      ctx.s = s;
      checker.load(data.checker);
      ctx.filtersChanged();
    },
    drainEvents: () => events.splice(0, events.length),
    setTraceFrames(on) {
      s.traceFrames = on;
      if (!on)
        for (const q of s.queues) {
          if (!q) continue;
          q.pendingFrameIds = [];
          q.heldFrameIds = [];
        }
    },
  };
  return engine;
}

function initialState(cfg: EngineConfig): EngineState {
  return {
    nowNs: asTimeNs(0),
    eventSeq: 0,
    rng: cfg.seed >>> 0,
    adapterState: 'Running',
    nextRequestId: 1,
    nextFrameId: 1,
    nextIndicationId: 1,
    nextBlockId: 1,
    queues: [createDefaultQueue()],
    filters: [],
    memory: [],
    spaceCursor: new Map(),
    closedBindings: new Set(),
    pending: {},
    miniportBusy: null,
    oidQueue: [],
    results: {},
    timers: createTimerHeap(),
    flows: [],
    cpus: Array.from({ length: cfg.adapter.cpus }, () => ({ dpcScheduled: false, queueIds: [] })),
    totals: { arrived: 0, indicated: 0, returned: 0, dropped: {} },
    violations: [],
    traceFrames: cfg.adapter.options.traceFrames,
  };
}
