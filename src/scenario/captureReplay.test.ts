/**
 * Issue 11 §1: a run exported as pcapng and replayed through the same filters lands every frame where the run put
 * it — the same QueueId, FilterId, VM, CPU and disposition its pcapng comment names.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readCapture } from './capture.ts';
import { COMPRESSED_GAP_NS, replayAfterRun } from './captureReplay.ts';
import { parseScenario } from './parse.ts';
import type { Scenario } from './schema.ts';
import { createScenarioSession } from './session.ts';
import { frameComment, PcapngFrames, pcapngRun } from './tracePcapng.ts';

function builtIn(file: string): Scenario {
  const parsed = parseScenario(readFileSync(new URL(`../../public/scenarios/${file}`, import.meta.url), 'utf8'));
  if (!parsed.ok) throw new Error(`${file} does not parse`);
  return parsed.scenario;
}

/** The comment of every frame the scenario's own run carried, in arrival order. */
function runComments(scenario: Scenario): string[] {
  const frames = new PcapngFrames();
  createScenarioSession(scenario, { traceFrames: true, sink: (event) => frames.observe(event) }).runToEnd();
  return frames.frames.map(frameComment);
}

describe('pcapng export → import round trip', () => {
  // Scenarios whose filters at the end are those their traffic met, with buffers enough for every frame.
  it.each(['vlan-filtering.json', 'allocate-filter-receive.json'])(
    '%s: every replayed frame gets the classification its export comment names',
    (file) => {
      const scenario = builtIn(file);
      const read = readCapture(pcapngRun(scenario, 'test').bytes);
      const expected = runComments(scenario);
      expect(read.frames).toHaveLength(expected.length);
      expect(read.snapped, 'the export snaps each frame to 64 bytes; replay pads it back').toBe(expected.length);
      for (const spacing of ['recorded', 'compressed'] as const)
        expect(replayAfterRun(scenario, read.frames, spacing).map(frameComment)).toEqual(expected);
    },
  );

  it('the recorded spacing is kept, and compressed replay puts one frame a microsecond', () => {
    const scenario = builtIn('vlan-filtering.json');
    const read = readCapture(pcapngRun(scenario, 'test').bytes);
    const gaps = (times: number[]) => times.slice(1).map((t, i) => t - times[i]!);
    const recorded = replayAfterRun(scenario, read.frames, 'recorded').map((f) => f.t);
    expect(gaps(recorded)).toEqual(gaps(read.frames.map((f) => f.offsetNs)));
    const compressed = replayAfterRun(scenario, read.frames, 'compressed').map((f) => f.t);
    expect(new Set(gaps(compressed))).toEqual(new Set([COMPRESSED_GAP_NS]));
  });

  it('a frame to a MAC whose filter is gone falls to the default queue: replay uses the filters as they are now', () => {
    // vmq-in-a-minute frees VM2's queue at its end, so VM2's frames replay onto QueueId 0.
    const scenario = builtIn('vmq-in-a-minute.json');
    const read = readCapture(pcapngRun(scenario, 'test').bytes);
    const during = runComments(scenario);
    const after = replayAfterRun(scenario, read.frames, 'compressed');
    expect(during.some((c) => c.includes('VM VM2'))).toBe(true);
    expect(after.some((f) => f.vmName === 'VM2')).toBe(false);
    expect(after.filter((f) => f.queueId === 0).length).toBeGreaterThan(
      during.filter((c) => c.startsWith('QueueId 0,')).length,
    );
  });
});
