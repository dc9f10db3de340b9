import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../engine/types.ts';
import { parseScenario } from '../../scenario/parse.ts';
import { createScenarioSession } from '../../scenario/session.ts';
import { heavyTrafficScenario } from '../../bench/heavyTraffic.ts';
import { scenarioText } from '../../worker/testScenarios.ts';
import { FOLLOWABLE_PER_SECOND, FRAMES_PER_SECOND_BUDGET } from '../viz/sampling.ts';
import { FLIGHT_MS, FlightPlanner } from './flightPlanner.ts';
import type { Flight } from './flightPlanner.ts';

/** Runs a built-in scenario (or the given text) to its end, returning the trace and the final queues. */
function run(file: string, text = scenarioText(file)) {
  const parsed = parseScenario(text);
  if (!parsed.ok) throw new Error(`${file} does not parse`);
  const events: TraceEvent[] = [];
  const session = createScenarioSession(parsed.scenario, { traceFrames: true, sink: (e) => events.push(e) });
  session.runToEnd();
  return { events, vms: parsed.scenario.vms, queues: session.engine.view().queues };
}

const lastStop = (f: Flight) => f.stops.at(-1)?.anchor;

describe('FlightPlanner', () => {
  it('flies every frame of a stepped batch into its ring slot, then to its VM after it landed', () => {
    const { events, vms, queues } = run('lookahead-split-2008r2.json');
    const flights = new FlightPlanner().plan(events, { nowMs: 0, playing: false, vms, queues });
    const arrivals = flights.filter((f) => f.kind === 'arrive');
    const indications = flights.filter((f) => f.kind === 'indicate');
    expect(arrivals).toHaveLength(16);
    expect(arrivals.map(lastStop)).toContainEqual({ at: 'slot', queueId: 1, slot: 15, buffers: 16 });
    expect(arrivals[0]?.stops.map((s) => s.anchor.at)).toEqual(['wire', 'classifier', 'filter', 'queue', 'slot']);
    expect(indications).toHaveLength(16);
    for (const indication of indications) {
      const arrival = arrivals.find((a) => a.frameId === indication.frameId) as Flight;
      expect(indication.startMs).toBeGreaterThanOrEqual(arrival.startMs + FLIGHT_MS.arrive);
      expect(lastStop(indication)).toEqual({ at: 'host', name: 'VM1' });
      expect(indication.vmIndex).toBe(0);
    }
    // A step is spread out in virtual-time order, and never beyond the cap.
    const starts = arrivals.map((a) => a.startMs);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    expect(Math.max(...starts)).toBeLessThanOrEqual(1400);
  });

  it('sends drops to the bin compartment of their reason', () => {
    const { events, vms, queues } = run('free-with-outstanding-nbls.json');
    const drops = new FlightPlanner()
      .plan(events, { nowMs: 0, playing: true, vms, queues })
      .filter((f) => f.kind === 'drop');
    expect(drops).toHaveLength(4);
    for (const drop of drops) expect(lastStop(drop)).toEqual({ at: 'bin', reason: 'no-free-buffer' });
  });

  it('gives every frame a flight while the dots in flight fit the canvas, and samples only beyond that', () => {
    const arrivals = (wallFramesPerSecond: number) => {
      const { events, vms, queues } = run('heavy', JSON.stringify(heavyTrafficScenario(wallFramesPerSecond, 1)));
      const planner = new FlightPlanner();
      const flights = planner.plan(events, { nowMs: 0, playing: true, vms, queues });
      const frames = events.filter((e) => e.kind === 'frame-arrived').length;
      return { frames, every: planner.sampleEvery, dots: flights.filter((f) => f.kind === 'arrive').length };
    };
    const within = arrivals(1000);
    expect(within.frames).toBeLessThanOrEqual(FRAMES_PER_SECOND_BUDGET);
    expect(within).toMatchObject({ every: 1, dots: within.frames });
    const beyond = arrivals(3 * FRAMES_PER_SECOND_BUDGET);
    expect(beyond.every).toBeGreaterThanOrEqual(3);
    expect(beyond.dots).toBeLessThanOrEqual(FRAMES_PER_SECOND_BUDGET);
  });

  it('under heavy traffic animates one frame in N, and says which N', () => {
    const { events, vms, queues } = run('vmq-in-a-minute.json');
    const planner = new FlightPlanner(FOLLOWABLE_PER_SECOND);
    const frames = events.filter((e) => e.kind === 'frame-arrived').length;
    const flights = planner.plan(events, { nowMs: 0, playing: true, vms, queues });
    expect(planner.sampleEvery).toBeGreaterThan(1);
    const animated = flights.filter((f) => f.kind === 'arrive' || (f.kind === 'drop' && f.frameId !== null));
    expect(animated.length).toBeLessThanOrEqual(Math.ceil(frames / planner.sampleEvery) + 1);
    expect(animated.every((f) => (f.frameId as number) % planner.sampleEvery === 0)).toBe(true);
    // Frames the default queue takes for a VM without a queue still reach that VM through the switch.
    const toVm2 = flights.filter((f) => f.kind === 'indicate' && f.vmIndex === 1);
    expect(toVm2.every((f) => lastStop(f)?.at === 'host' && (lastStop(f) as { name: string }).name === 'VM2')).toBe(
      true,
    );
  });

  it('forgets every frame on reset', () => {
    const { events, vms, queues } = run('lookahead-split-2008r2.json');
    const planner = new FlightPlanner();
    const arrivalsOnly = events.filter((e) => e.kind !== 'nbls-indicated');
    planner.plan(arrivalsOnly, { nowMs: 0, playing: true, vms, queues });
    planner.reset();
    const later = planner.plan(
      events.filter((e) => e.kind === 'nbls-indicated'),
      { nowMs: 0, playing: true, vms, queues },
    );
    expect(later).toEqual([]);
  });
});
