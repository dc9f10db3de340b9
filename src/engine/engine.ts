/**
 * createEngine: one emulated VMQ adapter with its NDIS layer, driven in virtual time.
 * Pure and deterministic: no wall clock, no Math.random, no DOM; the same config and calls give the
 * same trace. All mutable state lives in one plain object, so snapshot/restore are deep copies.
 */
import type { Engine, EngineSnapshot, FlowSpec } from './api.ts';
import { Checker } from './checker.ts';
import { buildMacTable, MacTable } from './classifier.ts';
import { createTimerHeap, peekTime, popTimer, schedule as scheduleTimer } from './core/scheduler.ts';
import { exponentialNs } from './core/rng.ts';
import { MANAGEMENT_OS, reportedState, type Ctx } from './context.ts';
import { flushPending, receiveFrame, returnNbls, runDpc, type Datapath } from './datapath.ts';
import { buildFrame, formatMac, parseMac, ETHERTYPE_IPV4 } from './frame.ts';
import { allocateReceiveBuffers, freeReceiveBuffers } from './memory.ts';
import { createDefaultQueue, finishFreeIfDrained } from './oids/queueOids.ts';
import { abortPending, complete, completePended, handleRequest } from './requests.ts';
import { capabilitiesOf, PROFILES } from './profiles.ts';
import type { EngineState, FlowState, QueueState, TimerAction } from './state.ts';
import type {
  AdapterState,
  AdapterView,
  EngineConfig,
  OidRequest,
  QueueView,
  TimeNs,
  TraceEvent,
  TraceEventBody,
} from './types.ts';

/** An external host on the wire, the source of generated traffic. */
const WIRE_HOST_MAC = 0x00_1d_d8_b7_1c_01;
/** MiniportResetEx takes this long in virtual time. */
const RESET_DURATION_NS = 50_000;

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
    if (body.kind === 'rule-violated')
      s.violations.push({ rule: body.rule, severity: body.severity, message: body.message });
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
    emit,
    filtersChanged: () => {
      dp.macTable = buildMacTable(s.filters, s.queues);
    },
  };

  // MiniportInitializeEx: the default queue and its buffers exist from the start (§1.3). A miniport
  // without VMQ still receives; its buffers are simply never handed to a VM.
  allocateReceiveBuffers(ctx, s.queues[0]!, cfg.adapter.options.defaultQueueBuffers);

  function runTimer(action: TimerAction): void {
    switch (action.kind) {
      case 'dpc':
        return runDpc(ctx, action.cpu);
      case 'return': {
        const q = s.queues[action.queueId];
        if (q && q.generation === action.generation) giveBack(q, action.count);
        return;
      }
      case 'complete-oid':
        return completePended(ctx, action.requestId);
      case 'reset-done':
        if (s.adapterState === 'Resetting') setAdapterState('Running');
        return;
    }
  }

  /** NBLs come back; a queue waiting in FREE_QUEUE may now finish (§3.9 step 3). */
  function giveBack(q: QueueState, count: number): number {
    const n = returnNbls(ctx, q, count);
    if (n > 0 && q.freeRequestId !== null) {
      const requestId = q.freeRequestId;
      const outcome = finishFreeIfDrained(ctx, q);
      if (outcome) complete(ctx, s.results[requestId]!, outcome, true);
    }
    return n;
  }

  function setAdapterState(to: AdapterState): void {
    const from = s.adapterState;
    if (from === to) return;
    s.adapterState = to;
    emit({ kind: 'adapter-state-changed', from, to });
  }

  function flushAll(reason: 'adapter-paused' | 'adapter-resetting' | 'adapter-halted'): void {
    for (const q of s.queues) if (q && q.state !== 'Undefined') flushPending(ctx, q, reason);
  }

  const liveQueues = (): QueueState[] =>
    s.queues.filter((q): q is QueueState => q !== undefined && q.id !== 0 && q.state !== 'Undefined');

  /**
   * NDIS cleans up for `binding` (or for everyone at halt): the overlying driver's NBLs come back,
   * then NDIS issues CLEAR_FILTER for each filter and FREE_QUEUE for each queue in its own name,
   * serialized like any OID, so the miniport sees the documented sequence.
   */
  function cleanUp(binding: string | null): void {
    for (const q of s.queues) if (q && (binding === null || q.owner === binding)) giveBack(q, Infinity);
    for (const f of s.filters) {
      if (f && (binding === null || f.owner === binding)) {
        handleRequest(
          ctx,
          { oid: 'OID_RECEIVE_FILTER_CLEAR_FILTER', binding: f.owner, buffer: { QueueId: f.queueId, FilterId: f.id } },
          true,
        );
      }
    }
    for (const q of liveQueues()) {
      if (binding === null || q.owner === binding) {
        handleRequest(
          ctx,
          { oid: 'OID_RECEIVE_FILTER_FREE_QUEUE', binding: q.owner ?? undefined, buffer: { QueueId: q.id } },
          true,
        );
      }
    }
  }

  /** MiniportHaltEx runs once NDIS has freed every nondefault queue (R42); it frees the default queue's memory. */
  function finishHaltWhenFreed(): void {
    if (s.adapterState !== 'Halting' || liveQueues().length > 0 || s.miniportBusy !== null) return;
    setAdapterState('Halted');
    giveBack(s.queues[0]!, Infinity);
    freeReceiveBuffers(ctx, s.queues[0]!);
  }

  function startFlow(flow: FlowSpec): void {
    const dst = parseMac(flow.dst);
    if (dst === undefined) throw new Error(`flow ${flow.name}: "${flow.dst}" is not a MAC address`);
    const src = flow.src === undefined ? WIRE_HOST_MAC : parseMac(flow.src);
    if (src === undefined) throw new Error(`flow ${flow.name}: "${flow.src}" is not a MAC address`);
    const vlanId = flow.vlanId ?? null;
    const template = buildFrame({
      dst,
      src,
      vlanId,
      priority: flow.priority ?? 0,
      etherType: flow.etherType ?? ETHERTYPE_IPV4,
      frameBytes: flow.frameBytes,
    });
    s.flows = s.flows.filter((f) => f.name !== flow.name);
    s.flows.push({
      name: flow.name,
      template,
      remaining: flow.count,
      sent: 0,
      intervalNs: Math.max(1, flow.intervalNs),
      poisson: flow.pattern === 'poisson',
      nextNs: s.nowNs,
    });
    emit({
      kind: 'flow-started',
      flow: flow.name,
      dst: formatMac(dst),
      vlanId,
      frameBytes: flow.frameBytes,
      count: flow.count,
      intervalNs: flow.intervalNs,
    });
  }

  /** The flow whose next frame is due first (ties: the earlier-started flow). */
  function nextFlow(): FlowState | undefined {
    let best: FlowState | undefined;
    for (const f of s.flows) if (!best || f.nextNs < best.nextNs) best = f;
    return best;
  }

  function sendFrom(flow: FlowState): void {
    receiveFrame(ctx, dp, flow.template, s.traceFrames ? flow.name : undefined);
    flow.sent++;
    flow.remaining--;
    if (flow.remaining <= 0) {
      s.flows = s.flows.filter((f) => f !== flow);
      emit({ kind: 'flow-ended', flow: flow.name, sent: flow.sent });
      return;
    }
    flow.nextNs += flow.poisson ? exponentialNs(s, flow.intervalNs) : flow.intervalNs;
  }

  function advanceTo(t: TimeNs): void {
    if (t < s.nowNs) throw new Error(`cannot go back in time from ${s.nowNs} to ${t}; use restore()`);
    for (;;) {
      const timerAt = peekTime(s.timers);
      const flow = nextFlow();
      const flowAt = flow ? flow.nextNs : null;
      // Timers first on ties: a DPC or completion scheduled for this instant happens before new frames.
      if (timerAt !== null && timerAt <= t && (flowAt === null || timerAt <= flowAt)) {
        const timer = popTimer(s.timers)!;
        s.nowNs = timer.t;
        runTimer(timer.action);
        finishHaltWhenFreed();
      } else if (flow && flowAt !== null && flowAt <= t) {
        s.nowNs = flowAt;
        sendFrom(flow);
      } else break;
    }
    s.nowNs = t;
  }

  function queueView(q: QueueState): QueueView {
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
      counters: { ...q.counters, dropped: { ...q.counters.dropped } },
    };
  }

  const engine: Engine = {
    get nowNs() {
      return s.nowNs;
    },
    request: (req: OidRequest) => handleRequest(ctx, req),
    result: (requestId) => {
      const r = s.results[requestId];
      return r ? { ...r } : undefined;
    },
    startFlow,
    stopFlow(name) {
      const flow = s.flows.find((f) => f.name === name);
      if (!flow) return;
      s.flows = s.flows.filter((f) => f !== flow);
      emit({ kind: 'flow-ended', flow: name, sent: flow.sent });
    },
    injectFrame: (bytes, flow) => receiveFrame(ctx, dp, bytes, flow),
    returnNbls(queueId, count) {
      const n = count === 'all' ? Infinity : count;
      const queues =
        queueId === null
          ? s.queues.filter((q): q is QueueState => q !== undefined)
          : [s.queues[queueId]].filter((q): q is QueueState => q !== undefined);
      let returned = 0;
      for (const q of queues) returned += giveBack(q, n - returned);
      return returned;
    },
    adapterAction(action) {
      switch (action) {
        case 'pause':
          if (s.adapterState !== 'Running') return;
          setAdapterState('Paused');
          return flushAll('adapter-paused');
        case 'restart':
          if (s.adapterState === 'Paused') setAdapterState('Running');
          return;
        case 'reset':
          if (s.adapterState === 'Halting' || s.adapterState === 'Halted') return;
          setAdapterState('Resetting');
          flushAll('adapter-resetting');
          abortPending(ctx, 'NDIS_STATUS_REQUEST_ABORTED', 'MiniportResetEx aborted the request');
          return schedule(RESET_DURATION_NS, { kind: 'reset-done' });
        case 'halt':
          if (s.adapterState === 'Halting' || s.adapterState === 'Halted') return;
          abortPending(ctx, 'NDIS_STATUS_REQUEST_ABORTED', 'the adapter is halting');
          // NDIS does not halt a miniport in the middle of a reset: the reset is over first.
          setAdapterState('Halting');
          flushAll('adapter-halted');
          cleanUp(null);
          return finishHaltWhenFreed();
      }
    },
    closeBinding(binding) {
      const queues = liveQueues().filter((q) => q.owner === binding).length;
      const filters = s.filters.filter((f) => f?.owner === binding).length;
      abortPending(
        ctx,
        'NDIS_STATUS_REQUEST_ABORTED',
        `binding ${binding} is closing`,
        (p) => p.request.binding === binding && !p.internal,
      );
      if (queues + filters > 0) {
        emit({
          kind: 'rule-violated',
          rule: 'R41',
          severity: 'error',
          message: `${binding} closed its binding with ${filters} filter(s) and ${queues} queue(s) left; NDIS cleans them up`,
        });
        cleanUp(binding);
      }
      s.bindings[binding] = { closed: true };
      emit({ kind: 'binding-closed', binding });
    },
    note: (text) => emit({ kind: 'note', text }),
    advanceTo,
    advanceBy: (d) => advanceTo(s.nowNs + d),
    runUntilIdle(limitNs = s.nowNs + 10_000_000_000) {
      for (;;) {
        const next = nextTime();
        if (next === null || next > limitNs) break;
        advanceTo(next);
      }
      return s.nowNs;
    },
    nextEventTimeNs: () => nextTime(),
    view(): AdapterView {
      const live = s.queues.filter((q): q is QueueState => q !== undefined && q.state !== 'Undefined');
      const pending = live.reduce((n, q) => n + q.dmaSeq - q.indicatedSeq, 0);
      return {
        nowNs: s.nowNs,
        profile: cfg.adapter.profile,
        ndisVersion: ctx.ndisVersion,
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
    },
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
      if (!on) for (const q of s.queues) if (q) q.pendingFrameIds = [];
    },
  };

  function schedule(delay: number, action: TimerAction): void {
    scheduleTimer(s.timers, s.nowNs + delay, action);
  }
  function nextTime(): TimeNs | null {
    const timerAt = peekTime(s.timers);
    const flowAt = nextFlow()?.nextNs ?? null;
    if (timerAt === null) return flowAt;
    return flowAt === null ? timerAt : Math.min(timerAt, flowAt);
  }
  return engine;
}

function initialState(cfg: EngineConfig): EngineState {
  return {
    nowNs: 0,
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
    spaceCursor: {},
    bindings: {},
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
