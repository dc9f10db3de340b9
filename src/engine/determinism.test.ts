/**
 * Determinism: the engine is a pure function of (config, seed, calls). Same inputs → the same
 * trace, event for event; the seed matters exactly where randomness is asked for (poisson flows).
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { Engine } from './api.ts';
import { createEngine, defaultEngineConfig } from './engine.ts';
import { allocateBuffer, macFilterBuffer, STRANGER_MAC, VM1, VM2 } from './testing.ts';
import type { AdapterView, EngineConfig, ProfileName, TraceEvent } from './types.ts';

interface Run {
  events: TraceEvent[];
  view: AdapterView;
}

function config(profile: ProfileName, seed: number, edit?: (c: EngineConfig) => void): EngineConfig {
  const cfg = defaultEngineConfig(profile);
  cfg.seed = seed;
  cfg.vms = [VM1, VM2];
  cfg.adapter.options.pendingOids = { OID_RECEIVE_FILTER_SET_FILTER: 3_000 };
  edit?.(cfg);
  return cfg;
}

/** A small but busy story: two VM queues, poisson and constant traffic, a pended OID, a clear and a free. */
function story(e: Engine, step: (e: Engine, ns: number) => void = (x, ns) => x.advanceBy(ns)): void {
  e.request({ oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE', buffer: allocateBuffer({ vm: VM1.name, mask: 2 }) });
  e.request({
    oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE',
    buffer: allocateBuffer({ vm: VM2.name, mask: 4, perQueue: true }),
  });
  e.request({ oid: 'OID_RECEIVE_FILTER_SET_FILTER', buffer: macFilterBuffer(1, VM1.mac, 10) });
  e.request({ oid: 'OID_RECEIVE_FILTER_SET_FILTER', buffer: macFilterBuffer(2, VM2.mac, 'untagged-or-zero') });
  step(e, 5_000);
  e.request({
    oid: 'OID_RECEIVE_FILTER_QUEUE_ALLOCATION_COMPLETE',
    buffer: { Elements: [{ QueueId: 1 }, { QueueId: 2 }] },
  });
  e.startFlow({
    name: 'vm1',
    dst: VM1.mac,
    vlanId: 10,
    frameBytes: 400,
    count: 40,
    intervalNs: 1_500,
    pattern: 'poisson',
  });
  e.startFlow({ name: 'vm2', dst: VM2.mac, frameBytes: 1_000, count: 30, intervalNs: 2_000, pattern: 'poisson' });
  e.startFlow({ name: 'other', dst: STRANGER_MAC, frameBytes: 64, count: 20, intervalNs: 3_000 });
  step(e, 40_000);
  e.request({ oid: 'OID_RECEIVE_FILTER_CLEAR_FILTER', buffer: { QueueId: 1, FilterId: 1 } });
  step(e, 30_000);
  e.request({ oid: 'OID_RECEIVE_FILTER_FREE_QUEUE', buffer: { QueueId: 1 } });
  step(e, 100_000);
  e.runUntilIdle();
}

function play(cfg: EngineConfig, step?: (e: Engine, ns: number) => void): Run {
  const e = createEngine(cfg);
  story(e, step);
  return { events: e.drainEvents(), view: e.view() };
}

describe('determinism', () => {
  test.each<ProfileName>(['ws2008r2', 'ws2012'])(
    '%s: the same config, seed and calls give an identical trace and view',
    (profile) => {
      const first = play(config(profile, 42));
      const second = play(config(profile, 42));
      expect(first.events.length).toBeGreaterThan(100);
      expect(second.events).toEqual(first.events);
      expect(second.view).toEqual(first.view);
    },
  );

  test('a different seed changes the trace of a poisson flow', () => {
    const a = play(config('ws2012', 1));
    const b = play(config('ws2012', 2));
    const arrivals = (r: Run) => r.events.filter((ev) => ev.kind === 'frame-arrived').map((ev) => ev.t);
    expect(arrivals(a)).toHaveLength(90);
    expect(arrivals(b)).not.toEqual(arrivals(a));
  });

  test('poisson arrivals: over many seeds, the same seed always repeats and different seeds give different gaps', () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), (s1, s2) => {
        const times = (seed: number) => {
          const e = createEngine(config('ws2012', seed));
          e.startFlow({
            name: 'p',
            dst: STRANGER_MAC,
            frameBytes: 100,
            count: 12,
            intervalNs: 10_000,
            pattern: 'poisson',
          });
          e.runUntilIdle();
          return e
            .drainEvents()
            .filter((ev) => ev.kind === 'frame-arrived')
            .map((ev) => ev.t);
        };
        expect(times(s1)).toEqual(times(s1));
        if (s1 >>> 0 !== s2 >>> 0) expect(times(s2)).not.toEqual(times(s1));
      }),
      { numRuns: 50 },
    );
  });

  test('advancing time in many small steps or in the same big ones gives the same trace', () => {
    const big = play(config('ws2012', 7));
    const small = play(config('ws2012', 7), (e, ns) => {
      for (let left = ns; left > 0; left -= 700) e.advanceBy(Math.min(700, left));
    });
    expect(small.events).toEqual(big.events);
  });

  test('a sink receives exactly the events drainEvents would have returned', () => {
    const drained = play(config('ws2012', 9)).events;
    const sunk: TraceEvent[] = [];
    const e = createEngine(config('ws2012', 9), (ev) => sunk.push(ev));
    story(e);
    expect(e.drainEvents()).toEqual([]);
    expect(sunk).toEqual(drained);
  });

  test('per-frame tracing on or off: every counter and the totals are identical', () => {
    const on = play(
      config('ws2008r2', 5, (c) => {
        c.adapter.options.traceFrames = true;
      }),
    );
    const off = play(
      config('ws2008r2', 5, (c) => {
        c.adapter.options.traceFrames = false;
      }),
    );
    expect(off.events.some((ev) => ev.kind === 'frame-arrived')).toBe(false);
    expect(off.view.totals).toEqual(on.view.totals);
    expect(off.view.queues.map((q) => q.counters)).toEqual(on.view.queues.map((q) => q.counters));
    const indications = (r: Run) =>
      r.events
        .filter((ev) => ev.kind === 'nbls-indicated')
        .map((ev) => ev.kind === 'nbls-indicated' && [ev.t, ev.parts.map((p) => [p.queueId, p.count])]);
    expect(indications(off)).toEqual(indications(on));
  });
});
