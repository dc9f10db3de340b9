/**
 * P5 heap 10M/1M frames: whether memory grows with the frames a session has run. The EngineHost runs in-process,
 * as src/client/InProcessSimClient does, so the figure covers the engine, the scenario timeline with its
 * checkpoints, and the host's backlog together. Heap is read after a full GC, as a ratio of two moments in one
 * process (never an absolute size: the process's own baseline is on both sides).
 *
 *   frames: one host after 1 M frames, then the same host after 10 M (seeks, the page's pulls drain each).
 *   step:   a host after one Step over an advance of 1 M frames, then another host after one Step over 10 M, each
 *           with its Step's events still undelivered: bounded by the trace budget, not by the frames.
 *
 * Per-frame tracing is off so 10 M frames take seconds. The DPC, indication and drop events that remain are about
 * one per 20 frames: a Step over 10 M frames still produces half a million, and without the trace budget the step
 * ratio was 3.78 on our machine.
 */
import type { WorkerMessage } from '../protocol/messages.ts';
import { parseScenario } from '../scenario/parse.ts';
import { EngineHost } from '../worker/engineHost.ts';

/** The reproducer: 64-byte frames every 100 ns to a MAC no filter knows. */
const INTERVAL_NS = 100;
const MILLION = 1_000_000;

export interface HeapRatios {
  frames: number;
  step: number;
}

/** Traffic of `frames` frames and one advance that covers them all. */
function floodScenario(frames: number): string {
  return JSON.stringify({
    format: 'vmq-scenario',
    version: 1,
    title: 'P5 flood',
    adapter: { profile: 'ws2012', options: { traceFrames: false } },
    steps: [
      {
        traffic: { name: 'f', dst: '00-15-5D-00-00-09', frameBytes: 64, count: frames, interval: INTERVAL_NS },
      },
      { advance: frames * INTERVAL_NS },
    ],
  });
}

/** A host with the flood loaded, driven the way the page drives it. */
class Session {
  readonly host: EngineHost;
  #id = 1;
  #backlog = 0;

  constructor(frames: number) {
    this.host = new EngineHost(
      (message: WorkerMessage) => {
        if (message.type === 'batch') this.#backlog = message.stats.backlog;
        if (message.type === 'error' || message.type === 'scenario-rejected')
          throw new Error(`P5's host refused a command: ${JSON.stringify(message)}`);
      },
      () => parseScenario,
    );
    this.host.receive({ type: 'load-scenario', id: this.#id++, scenario: floodScenario(frames), source: 'P5' });
  }

  seekAndDrain(tNs: number): void {
    this.host.receive({ type: 'seek', id: this.#id++, tNs });
    do this.host.receive({ type: 'pull-batch', id: this.#id++, maxEvents: 500, wallMs: 16 });
    while (this.#backlog > 0);
  }

  step(): void {
    this.host.receive({ type: 'step', id: this.#id++, kind: 'scenario-step' });
  }
}

/** The sessions being measured: module-level, so a host is surely reachable while the heap is read. */
const held: Session[] = [];

function heapWith(session: Session, gc: () => void): number {
  held.push(session);
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

function heapAfterOneStep(frames: number, gc: () => void): number {
  const session = new Session(frames);
  session.step(); // starts the traffic
  session.step(); // the advance, its events left undelivered: the most a Step holds
  return heapWith(session, gc);
}

/** Null when node runs without --expose-gc: heap read without a full GC would measure garbage, not growth. */
export function measureHeapRatios(): HeapRatios | null {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) return null;

  const long = new Session(10 * MILLION);
  long.seekAndDrain(MILLION * INTERVAL_NS);
  const after1M = heapWith(long, gc);
  long.seekAndDrain(10 * MILLION * INTERVAL_NS);
  const after10M = heapWith(long, gc);
  held.length = 0;

  const step1M = heapAfterOneStep(MILLION, gc);
  held.length = 0;
  const step10M = heapAfterOneStep(10 * MILLION, gc);
  held.length = 0;
  return { frames: after10M / after1M, step: step10M / step1M };
}
