/**
 * Property tests: random overlying-driver histories (OIDs from two bindings, traffic, NBL returns,
 * time, pause/restart/reset, closing a binding) with invariants checked after every step, and
 * snapshot/restore replay. The histories and the invariants live in src/soak, which runs them far longer.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { type Action, act, actionArb, configOf, DRIVER_RULES, type Setup, setupArb } from '../soak/history.ts';
import { Invariants } from '../soak/invariants.ts';
import type { Engine } from './api.ts';
import { createEngine } from './engine.ts';
import { allocateBuffer, macFilterBuffer, STRANGER_MAC, VM1 } from './testing.ts';
import type { TraceEvent } from './types.ts';

/** Plays a history, checking every invariant after every step and OID completion at the end. */
function playChecked(setup: Setup, actions: Action[]): void {
  const inv = new Invariants();
  const e = createEngine(configOf(setup));
  inv.observeAll(e.drainEvents());
  actions.forEach((a, i) => {
    act(e, a, i);
    const events = e.drainEvents();
    inv.checkResults(e, events);
    inv.observeAll(events);
    inv.checkView(e.view());
    expect(inv.problems).toEqual([]);
  });
  // Drain: hand back every NBL and let everything scheduled happen.
  for (let round = 0; round < 5; round++) {
    e.runUntilIdle();
    e.returnNbls(null, 'all');
  }
  e.runUntilIdle();
  inv.observeAll(e.drainEvents());
  inv.checkView(e.view());
  expect(inv.problems).toEqual([]);
  const missing = inv.unfinishedRequests();
  expect(missing.map((id) => [id, e.result(id)?.oid, e.result(id)?.status])).toEqual([]);
}

describe('random driver histories', () => {
  test('after every step: frames conserved, queue 0 Running, IDs unique, no indication off Running queues, no memory freed under outstanding NBLs, no engine-made error; every OID completes exactly once; traced explanations, indications and returns name the right queue; the ring view matches the counters', () => {
    fc.assert(
      fc.property(setupArb, fc.array(actionArb, { minLength: 1, maxLength: 40 }), (setup, actions) =>
        playChecked(setup, actions),
      ),
      { numRuns: 200 },
    );
  });

  test('halt after any history leaves only the default queue, frees all shared memory and raises no error (R42)', () => {
    fc.assert(
      fc.property(setupArb, fc.array(actionArb, { minLength: 1, maxLength: 30 }), (setup, actions) => {
        const e = createEngine(configOf(setup));
        actions.forEach((a, i) => {
          act(e, a, i);
        });
        e.drainEvents();
        e.adapterAction('halt');
        e.runUntilIdle();
        const after = e.drainEvents();
        const errors = after.filter(
          (ev) => ev.kind === 'rule-violated' && ev.severity === 'error' && !DRIVER_RULES.has(ev.rule),
        );
        expect(errors).toEqual([]);
        const v = e.view();
        expect(v.state).toBe('Halted');
        expect(v.queues.map((q) => q.QueueId)).toEqual([0]);
        expect(v.filters).toEqual([]);
        expect(v.memory).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });
});

describe('snapshot/restore', () => {
  test('restoring a snapshot and replaying the same actions gives identical events and an identical view', () => {
    fc.assert(
      fc.property(
        setupArb,
        fc.array(actionArb, { maxLength: 25 }),
        fc.array(actionArb, { minLength: 1, maxLength: 25 }),
        (setup, prefix, suffix) => {
          const e = createEngine(configOf(setup));
          prefix.forEach((a, i) => {
            act(e, a, i);
          });
          e.drainEvents();
          const snap = e.snapshot();
          const run = (): { events: TraceEvent[]; view: ReturnType<Engine['view']> } => {
            suffix.forEach((a, i) => {
              act(e, a, prefix.length + i);
            });
            e.runUntilIdle();
            return { events: e.drainEvents(), view: e.view() };
          };
          const first = run();
          e.restore(snap);
          expect(e.drainEvents()).toEqual([]);
          const second = run();
          expect(second.events).toEqual(first.events);
          expect(second.view).toEqual(first.view);
        },
      ),
      { numRuns: 100 },
    );
  });

  test('a snapshot is a deep copy: acting after taking it does not change what it restores', () => {
    const e = createEngine(
      configOf({ profile: 'ws2012', seed: 3, manualReturns: true, pended: [], pendNs: 1_000, budget: 64, trace: true }),
    );
    e.request({ oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE', buffer: allocateBuffer() });
    const before = e.view();
    const snap = e.snapshot();
    e.request({ oid: 'OID_RECEIVE_FILTER_SET_FILTER', buffer: macFilterBuffer(1, VM1.mac, 10) });
    e.startFlow({ name: 'f', dst: STRANGER_MAC, frameBytes: 100, count: 3, intervalNs: 100 });
    e.runUntilIdle();
    e.restore(snap);
    expect(e.view()).toEqual(before);
  });
});
