/**
 * A capture replayed in the page (docs/capture-import.md): the session so far, as "Save as scenario" writes it, with
 * the capture's frames after it as `frame` steps at their spacing. Loaded in place, the page stays where it was, and
 * playing on puts the frames on the wire through the adapter as it is now — and the file, the link and Step back
 * all work as for any scenario.
 */
import { type CaptureRead, CAPTURE_MAX_FRAMES } from '../../scenario/capture.ts';
import { CAPTURE_FLOW, replayOffsetNs, type ReplaySpacing } from '../../scenario/captureReplay.ts';
import { MAX_DURATION_NS } from '../../scenario/limits.ts';

/** Frames a replay in the page takes: each is a step of the scenario the page holds; vmq replay takes more. */
export const PAGE_CAPTURE_MAX_FRAMES = 10_000;

const hex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

export function captureSteps(name: string, read: CaptureRead, spacing: ReplaySpacing): unknown[] {
  const how = spacing === 'recorded' ? 'at their recorded spacing' : 'one a microsecond';
  const steps: unknown[] = [
    { note: `Replaying ${name}: ${read.frames.length} frames ${how}, through the filters as they are now.` },
  ];
  let at = 0;
  read.frames.forEach((frame, index) => {
    const offset = replayOffsetNs(frame, index, spacing);
    // One advance step goes at most an hour (the format's limit); a longer pause in the capture takes several.
    for (let gap = offset - at; gap > 0; gap -= MAX_DURATION_NS)
      steps.push({ advance: Math.min(gap, MAX_DURATION_NS) });
    at = offset;
    steps.push({ frame: { hex: hex(frame.bytes), flow: CAPTURE_FLOW } });
  });
  steps.push({ runUntilIdle: true });
  return steps;
}

/** Why the page will not replay this capture, or null when it will. */
export function pageRefusal(read: CaptureRead): string | null {
  if (read.frames.length === 0) return 'it holds no Ethernet frame to replay.';
  if (read.frames.length > PAGE_CAPTURE_MAX_FRAMES)
    return `it has ${read.frames.length.toLocaleString('en')} frames; the page replays up to ${PAGE_CAPTURE_MAX_FRAMES.toLocaleString('en')} (vmq replay takes up to ${CAPTURE_MAX_FRAMES.toLocaleString('en')}).`;
  return null;
}
