import { describe, expect, test } from 'vitest';
import { createEngine, type Engine } from '../engine/index.ts';
import { HOSTILE_CLASSES } from './hostile.ts';
import { reportLines } from './report.ts';
import { runSoak, type SoakOptions } from './soak.ts';

/** Far fewer than `npm run soak`'s 100,000: enough for several lives, restores and every hostile class. */
const STEPS = 3_000;
const SOAK_TIMEOUT_MS = 120_000;

/** An engine that misreports its frame totals once traffic has arrived. */
const miscounting: SoakOptions['createEngine'] = (config, sink) => {
  const e = createEngine(config, sink);
  return {
    ...e,
    get nowNs() {
      return e.nowNs;
    },
    get framesArrived() {
      return e.framesArrived;
    },
    view() {
      const v = e.view();
      return v.totals.arrived === 0 ? v : { ...v, totals: { ...v.totals, arrived: v.totals.arrived + 1 } };
    },
  } satisfies Engine;
};

/** An engine whose restore does nothing, so stepping back would show the present. */
const forgetful: SoakOptions['createEngine'] = (config, sink) => {
  const e = createEngine(config, sink);
  return {
    ...e,
    get nowNs() {
      return e.nowNs;
    },
    get framesArrived() {
      return e.framesArrived;
    },
    restore() {},
  } satisfies Engine;
};

describe('the soak', () => {
  test(
    `keeps every invariant over ${STEPS} seeded steps with hostile values, restores and halts`,
    () => {
      const report = runSoak({ seed: 7, steps: STEPS, classes: HOSTILE_CLASSES });
      expect(report.failure).toBeNull();
      expect(report.steps).toBe(STEPS);
      expect(report.lives).toBeGreaterThan(1);
      expect(report.restores).toBeGreaterThan(10);
      expect(report.hostileSteps).toBeGreaterThan(100);
      expect(report.checks).toBeGreaterThan(report.events);
    },
    SOAK_TIMEOUT_MS,
  );

  test(
    'is deterministic: the same seed gives the same run',
    () => {
      const run = () => runSoak({ seed: 11, steps: 500, classes: HOSTILE_CLASSES });
      expect(run()).toEqual(run());
    },
    SOAK_TIMEOUT_MS,
  );

  test(
    'catches frames that are not conserved, and the printed command replays the failure exactly',
    () => {
      const report = runSoak({ seed: 3, steps: STEPS, classes: HOSTILE_CLASSES, createEngine: miscounting });
      expect(report.failure?.problem).toMatch(/^frames not conserved/);
      const step = report.failure!.step;
      const lines = reportLines(report, { seed: 3, replayFlags: '', seconds: 1 });
      expect(lines[0]).toBe(`soak: FAIL at step ${step}: ${report.failure!.problem}`);
      expect(lines.at(-1)).toBe(`  replay: npm run soak -- --seed 3 --steps ${step + 1}`);

      const replay = runSoak({ seed: 3, steps: step + 1, classes: HOSTILE_CLASSES, createEngine: miscounting });
      expect(replay.failure).toEqual(report.failure);
    },
    SOAK_TIMEOUT_MS,
  );

  test(
    'catches a restore that does not equal the straight run',
    () => {
      const report = runSoak({ seed: 3, steps: STEPS, classes: HOSTILE_CLASSES, createEngine: forgetful });
      expect(report.failure?.action).toEqual({ k: 'restore' });
      expect(report.failure?.problem).toMatch(/^restore and replay of \d+ steps differ from the straight run/);
    },
    SOAK_TIMEOUT_MS,
  );
});
