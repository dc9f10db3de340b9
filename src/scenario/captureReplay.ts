/**
 * Replays a capture's frames (scenario/capture.ts) through an adapter as it is now: each frame goes on the wire at
 * its recorded offset from the first, or — compressed — one every COMPRESSED_GAP_NS, and the engine decides where
 * each one goes. The CLI's `vmq replay` and its tests use it (docs/capture-import.md).
 */
import { asTimeNs, type Engine } from '../engine/index.ts';
import type { CapturedFrame } from './capture.ts';
import type { Scenario } from './schema.ts';
import { createScenarioSession } from './session.ts';
import { type FrameStory, PcapngFrames } from './tracePcapng.ts';

export type ReplaySpacing = 'recorded' | 'compressed';

/** Compressed replay: a frame a microsecond, close to line rate for small frames yet apart on the timeline. */
export const COMPRESSED_GAP_NS = 1000;

/** The flow name replayed frames carry in the trace. */
export const CAPTURE_FLOW = 'capture';

/** When frame `index` goes on the wire, after the replay starts. */
export const replayOffsetNs = (frame: CapturedFrame, index: number, spacing: ReplaySpacing): number =>
  spacing === 'recorded' ? frame.offsetNs : index * COMPRESSED_GAP_NS;

/** Puts every frame on the wire at its time from now, then runs until the adapter is idle again. */
export function replayCapture(engine: Engine, frames: readonly CapturedFrame[], spacing: ReplaySpacing): void {
  const start = engine.nowNs;
  frames.forEach((frame, index) => {
    engine.advanceTo(asTimeNs(start + replayOffsetNs(frame, index, spacing)));
    engine.injectFrame(frame.bytes, CAPTURE_FLOW);
  });
  engine.runUntilIdle();
}

/**
 * Runs `scenario` to its end, then replays `frames` through its adapter as the run left it, and tells each replayed
 * frame's fate from the engine's events (per-frame events on).
 */
export function replayAfterRun(
  scenario: Scenario,
  frames: readonly CapturedFrame[],
  spacing: ReplaySpacing,
): FrameStory[] {
  const fates = new PcapngFrames();
  let replaying = false;
  const session = createScenarioSession(scenario, {
    traceFrames: true,
    sink: (event) => replaying && fates.observe(event),
  });
  session.runToEnd();
  replaying = true;
  replayCapture(session.engine, frames, spacing);
  return fates.frames;
}
