/**
 * Traffic and virtual time: flows put frames on the wire when they are due, interleaved with the
 * timers (DPCs, NBL returns, pended OID completions, the end of a reset) in time order.
 */
import type { FlowSpec } from './api.ts';
import type { Ctx } from './context.ts';
import { exponentialNs } from './core/rng.ts';
import { peekTime, popTimer } from './core/scheduler.ts';
import { receiveFrame, runDpc, type Datapath } from './datapath.ts';
import { buildFrame, ETHERTYPE_IPV4, formatMac, parseMac } from './frame.ts';
import { flowSpecProblems } from './flowSpec.ts';
import { isWithheld } from './faultState.ts';
import { finishHaltWhenFreed, giveBack, setAdapterState } from './lifecycle.ts';
import { completePended } from './requests.ts';
import type { FlowState, TimerAction } from './state.ts';
import { earliestOf, timeAfter, type TimeNs } from './types.ts';

/** An external host on the wire, the source of generated traffic. */
const WIRE_HOST_MAC = 0x00_1d_d8_b7_1c_01;

function runTimer(ctx: Ctx, action: TimerAction): void {
  const s = ctx.s;
  switch (action.kind) {
    case 'dpc':
      return runDpc(ctx, action.cpu);
    case 'return': {
      const q = s.queues[action.queueId];
      if (q && q.generation === action.generation && !isWithheld(ctx, q.id)) giveBack(ctx, q, action.count);
      return;
    }
    case 'complete-oid':
      return completePended(ctx, action.requestId);
    case 'reset-done':
      if (s.adapterState === 'Resetting') setAdapterState(ctx, 'Running');
      return;
  }
}

export function startFlow(ctx: Ctx, flow: FlowSpec): void {
  const problems = flowSpecProblems(flow);
  if (problems.length > 0) throw new Error(`flow ${String(flow.name)}: ${problems.join('; ')}`);
  const s = ctx.s;
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
  ctx.emit({
    kind: 'flow-started',
    flow: flow.name,
    dst: formatMac(dst),
    vlanId,
    frameBytes: flow.frameBytes,
    count: flow.count,
    intervalNs: flow.intervalNs,
  });
}

export function stopFlow(ctx: Ctx, name: string): void {
  const s = ctx.s;
  const flow = s.flows.find((f) => f.name === name);
  if (!flow) return;
  s.flows = s.flows.filter((f) => f !== flow);
  ctx.emit({ kind: 'flow-ended', flow: name, sent: flow.sent });
}

/** The flow whose next frame is due first (ties: the earlier-started flow). */
function nextFlow(ctx: Ctx): FlowState | undefined {
  const s = ctx.s;
  let best: FlowState | undefined;
  for (const f of s.flows) if (!best || f.nextNs < best.nextNs) best = f;
  return best;
}

function sendFrom(ctx: Ctx, dp: Datapath, flow: FlowState): void {
  const s = ctx.s;
  receiveFrame(ctx, dp, flow.template, s.traceFrames ? flow.name : undefined);
  flow.sent++;
  flow.remaining--;
  if (flow.remaining <= 0) {
    s.flows = s.flows.filter((f) => f !== flow);
    ctx.emit({ kind: 'flow-ended', flow: flow.name, sent: flow.sent });
    return;
  }
  flow.nextNs = timeAfter(flow.nextNs, flow.poisson ? exponentialNs(s, flow.intervalNs) : flow.intervalNs);
}

export function advanceTo(ctx: Ctx, dp: Datapath, t: TimeNs): void {
  const s = ctx.s;
  if (t < s.nowNs) throw new Error(`cannot go back in time from ${s.nowNs} to ${t}; use restore()`);
  for (;;) {
    const timerAt = peekTime(s.timers);
    const flow = nextFlow(ctx);
    const flowAt = flow ? flow.nextNs : null;
    // Timers first on ties: a DPC or completion scheduled for this instant happens before new frames.
    if (timerAt !== null && timerAt <= t && (flowAt === null || timerAt <= flowAt)) {
      const timer = popTimer(s.timers)!;
      s.nowNs = timer.t;
      runTimer(ctx, timer.action);
      finishHaltWhenFreed(ctx);
    } else if (flow && flowAt !== null && flowAt <= t) {
      s.nowNs = flowAt;
      sendFrom(ctx, dp, flow);
    } else break;
  }
  s.nowNs = t;
}

export function runUntilIdle(ctx: Ctx, dp: Datapath, limitNs: TimeNs): TimeNs {
  const s = ctx.s;
  for (;;) {
    const next = nextTime(ctx);
    if (next === null || next > limitNs) break;
    advanceTo(ctx, dp, next);
  }
  return s.nowNs;
}

export function nextTime(ctx: Ctx): TimeNs | null {
  const s = ctx.s;
  const timerAt = peekTime(s.timers);
  const flowAt = nextFlow(ctx)?.nextNs ?? null;
  if (timerAt === null) return flowAt;
  return flowAt === null ? timerAt : earliestOf(timerAt, flowAt);
}
