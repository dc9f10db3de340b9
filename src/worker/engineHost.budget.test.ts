/** The trace budget: one Step, seek or action over a long stretch of traffic keeps at most TRACE_BUDGET events. */
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../engine/index.ts';
import type { StepKind } from '../protocol/commands.ts';
import type { BatchMessage, WorkerMessage } from '../protocol/messages.ts';
import { parseScenario } from '../scenario/parse.ts';
import { createScenarioSession } from '../scenario/session.ts';
import { EngineHost } from './engineHost.ts';
import { TRACE_BUDGET } from './sampledRun.ts';

const FRAMES = 100_000;
/** Enough for a seek or two piled-up Steps to overflow the budget (about 60,000 events), at a fifth of the cost. */
const SMALL = 20_000;
const INTERVAL_NS = 100;

/** The reproducer, shortened: a flood at 100 ns per frame, and advances that cover all of it. */
const floodOf = (frames: number, advances = 1) => ({
  format: 'vmq-scenario',
  version: 1,
  title: 'flood',
  adapter: { profile: 'ws2012' },
  steps: [
    { traffic: { name: 'f', dst: '00-15-5D-00-00-09', frameBytes: 64, count: frames, interval: INTERVAL_NS } },
    ...Array.from({ length: advances }, () => ({ advance: (frames / advances) * INTERVAL_NS })),
    { note: 'after the flood' },
  ],
});
const flood = floodOf(FRAMES);
/** The flood has no landmark in the middle of its advance (its flow ends in the tail), so a Step keeps the ends. */
const ENDS = TRACE_BUDGET.head + TRACE_BUDGET.tail;
/** Generous: a 100,000-frame step with per-frame tracing is a second or two on a loaded machine. */
const SLOW = 120_000;

/** A host driven synchronously, pulling as the page does (500 events a batch). */
function floodHost(scenario: object = flood) {
  let last: WorkerMessage | undefined;
  const host = new EngineHost(
    (message) => {
      last = message;
    },
    () => parseScenario,
  );
  let id = 1;
  host.receive({ type: 'load-scenario', id: id++, scenario: JSON.stringify(scenario), source: 'flood.json' });
  const pull = (): BatchMessage => {
    host.receive({ type: 'pull-batch', id: id++, maxEvents: 500, wallMs: 16 });
    if (last?.type !== 'batch') throw new Error(`expected a batch, got ${JSON.stringify(last)}`);
    return last;
  };
  /** Every batch until the backlog is empty. */
  const drain = (): BatchMessage[] => {
    const batches = [pull()];
    while ((batches.at(-1) as BatchMessage).stats.backlog > 0) batches.push(pull());
    return batches;
  };
  /** Sends a Step without pulling, as when the page has not pulled yet. */
  const press = (kind: StepKind = 'scenario-step') => host.receive({ type: 'step', id: id++, kind });
  const step = (kind: StepKind = 'scenario-step') => {
    press(kind);
    return drain();
  };
  const send = (command: { type: 'step-back' } | { type: 'seek'; tNs: number }) => {
    host.receive({ ...command, id: id++ });
    return drain();
  };
  return { press, step, send, drain };
}

/** A straight run of the flood's traffic and advance steps, and the first and last events of the advance — found
 * without a budget: everything is seen, and only the two ends are held. */
function straightRun() {
  const parsed = parseScenario(flood);
  if (!parsed.ok) throw new Error('the flood scenario must parse');
  const first: TraceEvent[] = [];
  let last: TraceEvent[] = [];
  let inAdvance = false;
  const session = createScenarioSession(parsed.scenario, {
    sink: (event) => {
      if (!inAdvance) return;
      if (first.length < TRACE_BUDGET.head) first.push(event);
      else last.push(event);
      if (last.length > 4 * TRACE_BUDGET.tail) last = last.slice(-TRACE_BUDGET.tail);
    },
  });
  session.runNextStep();
  inAdvance = true;
  session.runNextStep();
  return { session, ends: [...first, ...last.slice(-TRACE_BUDGET.tail)] };
}

const eventsOf = (batches: BatchMessage[]) => batches.flatMap((b) => b.events);
const gapsOf = (batches: BatchMessage[]) => batches.flatMap((b) => b.omitted);

describe('EngineHost trace budget', () => {
  it(
    'a Step over 100,000 frames keeps the first and last events within the budget, counters and the omitted count are exact; step-back and Step again keep the same events',
    () => {
      const { step, send } = floodHost();
      const started = step().at(-1) as BatchMessage; // starts the traffic
      const batches = step(); // the advance: every frame
      const after = batches.at(-1) as BatchMessage;
      const kept = eventsOf(batches);
      const produced = after.stats.eventCount - started.stats.eventCount;

      expect(produced).toBeGreaterThan(FRAMES);
      expect(kept).toHaveLength(ENDS);
      expect(gapsOf(batches)).toEqual([
        {
          by: 'step',
          afterSeq: (kept[TRACE_BUDGET.head - 1] as TraceEvent).seq,
          omitted: produced - ENDS,
          keptFirst: TRACE_BUDGET.head,
          keptLast: TRACE_BUDGET.tail,
          frames: FRAMES,
        },
      ]);
      // The gap goes out with the first event after it, and the seqs on its two sides are exactly that far apart.
      const gapBatch = batches.find((b) => b.omitted.length > 0) as BatchMessage;
      expect(gapBatch.events.some((e) => e.seq > (gapsOf(batches)[0]?.afterSeq ?? 0))).toBe(true);
      expect((kept[TRACE_BUDGET.head] as TraceEvent).seq - (kept[TRACE_BUDGET.head - 1] as TraceEvent).seq).toBe(
        produced - ENDS + 1,
      );
      // A step checkpoints once, before it ran, however many frames it covers.
      expect(after.stats.checkpoints).toBe(started.stats.checkpoints + 1);

      const straight = straightRun();
      expect(after.view).toEqual(straight.session.engine.view());
      expect(after.view.totals.arrived).toBe(FRAMES);
      expect(after.report).toEqual(straight.session.report());
      expect(kept).toEqual(straight.ends);

      const back = send({ type: 'step-back' });
      const restored = back.at(-1) as BatchMessage;
      // Seqs count from 0 at load, one per event, so the restored point's last event is eventCount - 1.
      expect(back[0]?.rewound).toEqual({ lastEventSeq: started.stats.eventCount - 1 });
      expect(restored.view).toEqual(started.view);
      expect(restored.stats.eventCount).toBe(started.stats.eventCount);
      expect(gapsOf(back)).toEqual([]);

      const again = step();
      expect(eventsOf(again)).toEqual(kept);
      expect(gapsOf(again)).toEqual(gapsOf(batches));
      expect((again.at(-1) as BatchMessage).view).toEqual(after.view);
    },
    SLOW,
  );

  it(
    'a seek across the flood is sampled the same way and says it was a seek',
    () => {
      const { send, drain } = floodHost(floodOf(SMALL));
      const loaded = drain().at(-1) as BatchMessage;
      const batches = send({ type: 'seek', tNs: SMALL * INTERVAL_NS });
      const after = batches.at(-1) as BatchMessage;
      expect(eventsOf(batches).length).toBeLessThanOrEqual(ENDS + TRACE_BUDGET.landmarks);
      expect(gapsOf(batches).map((g) => [g.by, g.frames])).toEqual([['seek', SMALL]]);
      expect(after.view.totals.arrived).toBe(SMALL);
      const produced = after.stats.eventCount - loaded.stats.eventCount;
      expect(eventsOf(batches).length + (gapsOf(batches)[0]?.omitted ?? 0)).toBe(produced);
    },
    SLOW,
  );

  it(
    'Steps that pile up before the page pulls share one budget',
    () => {
      // Each advance alone would fill a budget.
      const { press, drain } = floodHost(floodOf(2 * SMALL, 2));
      const loaded = drain().at(-1) as BatchMessage;
      for (let i = 0; i < 4; i++) press(); // traffic, two advances that each overflow the budget, the closing note
      const batches = drain();
      const after = batches.at(-1) as BatchMessage;
      expect(after.stats.nextStepIndex).toBe(4);
      expect(eventsOf(batches).length).toBeLessThanOrEqual(ENDS + TRACE_BUDGET.landmarks);
      const [gap, ...more] = gapsOf(batches);
      expect(more).toEqual([]);
      expect(gap?.frames).toBe(2 * SMALL);
      expect(eventsOf(batches).length + (gap?.omitted ?? 0)).toBe(after.stats.eventCount - loaded.stats.eventCount);
      // The note that closed the pile is the last event, kept.
      expect(eventsOf(batches).at(-1)).toMatchObject({ kind: 'note', text: 'after the flood' });
    },
    SLOW,
  );

  it('a short Step keeps every event and reports no gap', () => {
    const { step } = floodHost();
    const started = step();
    const next = step('instant');
    expect(gapsOf([...started, ...next])).toEqual([]);
    const after = next.at(-1) as BatchMessage;
    expect(eventsOf(next)).toHaveLength(after.stats.eventCount - (started.at(-1) as BatchMessage).stats.eventCount);
  });
});
