/** vmq replay (docs/capture-import.md): a capture's frames through a scenario's adapter, and where each went. */
import { CaptureError, type CaptureRead, readCapture } from '../scenario/capture.ts';
import { replayAfterRun } from '../scenario/captureReplay.ts';
import type { FrameStory } from '../scenario/tracePcapng.ts';
import type { ReplayOptions } from './args.ts';
import { loadScenario } from './files.ts';
import { errorLine } from './format.ts';
import type { CliIo } from './io.ts';

export const REPLAY_VERSION = 1;

export function replayCommand(options: ReplayOptions, io: CliIo): 0 | 2 {
  const loaded = loadScenario(options.scenario, io);
  if ('errors' in loaded) {
    for (const error of loaded.errors) io.err(errorLine(options.scenario, error));
    return 2;
  }
  const read = readCaptureFile(options.capture, io);
  if (typeof read === 'string') {
    io.err(`vmq: ${options.capture}: ${read}`);
    return 2;
  }
  const spacing = options.compress ? 'compressed' : 'recorded';
  const fates = replayAfterRun(loaded.scenario, read.frames, spacing);
  if (options.json) {
    io.out(JSON.stringify(replayJson(options, read, spacing, fates)));
    return 0;
  }
  io.out(`${options.capture}: ${read.format}, ${read.frames.length} frames to replay${readNotes(read)}`);
  io.out(`replayed through ${options.scenario} as its run ends (${spacing} spacing):`);
  for (const line of summaryLines(fates)) io.out(`  ${line}`);
  return 0;
}

function readCaptureFile(file: string, io: CliIo): CaptureRead | string {
  if (!io.readBytes) return 'this vmq cannot read binary files';
  let bytes: Uint8Array;
  try {
    bytes = io.readBytes(file);
  } catch (error) {
    return `cannot read: ${error instanceof Error ? error.message : error}`;
  }
  try {
    return readCapture(bytes);
  } catch (error) {
    if (error instanceof CaptureError) return error.message;
    throw error;
  }
}

const SKIP_TEXT = {
  'not-ethernet': 'not Ethernet',
  truncated: 'truncated',
  empty: 'empty',
  'too-long': 'longer than 1518 bytes',
  'unknown-interface': 'on an undeclared interface',
} as const;

function readNotes(read: CaptureRead): string {
  const notes = Object.entries(read.skipped).map(([reason, n]) => {
    const types = reason === 'not-ethernet' ? ` (link type ${read.linkTypes.join(', ')})` : '';
    return `${n} skipped: ${SKIP_TEXT[reason as keyof typeof SKIP_TEXT]}${types}`;
  });
  if (read.snapped > 0) notes.push(`${read.snapped} snapped, padded to their length`);
  return notes.length > 0 ? `; ${notes.join('; ')}` : '';
}

type Fate = 'indicated' | 'dropped' | 'pending';
const fateOf = (frame: FrameStory): Fate =>
  frame.dropped !== undefined ? 'dropped' : frame.cpu !== undefined ? 'indicated' : 'pending';

/** One line per queue (frames never classified first): how many were indicated, dropped by reason, or still held. */
function summaryLines(fates: readonly FrameStory[]): string[] {
  const byQueue = new Map<string, FrameStory[]>();
  for (const frame of fates) {
    const key =
      frame.queueId === undefined || frame.queueId === null
        ? 'not classified'
        : `QueueId ${frame.queueId}${frame.vmName ? ` (${frame.vmName})` : ''}`;
    byQueue.set(key, [...(byQueue.get(key) ?? []), frame]);
  }
  return [...byQueue].map(([queue, frames]) => {
    const counts = new Map<string, number>();
    for (const frame of frames) {
      const fate = fateOf(frame);
      const label = fate === 'dropped' ? `dropped: ${frame.dropped}` : fate === 'pending' ? 'not indicated yet' : fate;
      counts.set(label, (counts.get(label) ?? 0) + 1);
    }
    return `${queue}: ${[...counts].map(([label, n]) => `${n} ${label}`).join(', ')}`;
  });
}

function replayJson(options: ReplayOptions, read: CaptureRead, spacing: string, fates: readonly FrameStory[]) {
  return {
    format: 'vmq-replay',
    version: REPLAY_VERSION,
    scenario: options.scenario,
    capture: options.capture,
    read: { format: read.format, frames: read.frames.length, skipped: read.skipped, snapped: read.snapped },
    spacing,
    frames: fates.map((frame) => ({
      t: frame.t,
      length: frame.length,
      QueueId: frame.queueId ?? null,
      FilterId: frame.filterId ?? null,
      vm: frame.vmName ?? null,
      cpu: frame.cpu ?? null,
      fate: fateOf(frame),
      ...(frame.dropped === undefined ? {} : { reason: frame.dropped }),
    })),
  };
}
