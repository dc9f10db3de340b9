import { describe, expect, it } from 'vitest';
import type { TraceEventKind } from '../../engine/types.ts';
import { runBuiltIn } from '../../worker/testScenarios.ts';
import { EventBuffer } from '../store/eventBuffer.ts';
import { EVENT_GROUPS, groupOf, refsOf } from '../trace/eventRefs.ts';
import { matchingIndices, SHOW_ALL } from './logFilter.ts';

// Every kind is in a group: this line stops compiling when a new kind is added without one.
const everyKindGrouped: [Exclude<TraceEventKind, (typeof EVENT_GROUPS)[number]['kinds'][number]>] extends [never]
  ? true
  : false = true;

const run = runBuiltIn();
const trace = new EventBuffer();
trace.append(run.events);
const at = (indices: number[]) => indices.map((i) => trace.at(i)!);

describe('event log filter', () => {
  it('groups every kind exactly once', () => {
    expect(everyKindGrouped).toBe(true);
    const kinds = EVENT_GROUPS.flatMap((g) => [...g.kinds]);
    expect(new Set(kinds).size).toBe(kinds.length);
    for (const event of run.events) expect(groupOf(event.kind)).toBeDefined();
  });

  it('shows everything without a filter, and hides whole groups', () => {
    expect(matchingIndices(trace, SHOW_ALL, run.scenario.vms)).toHaveLength(run.events.length);
    const noFrames = at(matchingIndices(trace, { ...SHOW_ALL, hidden: new Set(['frame', 'nbl']) }, run.scenario.vms));
    expect(noFrames.length).toBeGreaterThan(20);
    expect(noFrames.some((e) => groupOf(e.kind) === 'frame' || groupOf(e.kind) === 'nbl')).toBe(false);
  });

  it('keeps only events naming a queue', () => {
    const queue2 = at(matchingIndices(trace, { ...SHOW_ALL, queueId: 2 }, run.scenario.vms));
    expect(queue2.length).toBeGreaterThan(10);
    for (const event of queue2) expect(refsOf(event).queueIds).toContain(2);
    expect(queue2.some((e) => e.kind === 'status-indicated')).toBe(true); // the DmaStopped of its FREE_QUEUE
  });

  it('relates events to a VM by its queues and by its MAC on the wire', () => {
    const vm2 = at(matchingIndices(trace, { ...SHOW_ALL, vm: 'VM2' }, run.scenario.vms));
    const arrived = vm2.filter((e) => e.kind === 'frame-arrived');
    expect(arrived).toHaveLength(16);
    expect(arrived.every((e) => e.kind === 'frame-arrived' && e.dst === '00-15-5D-00-00-02')).toBe(true);
    expect(vm2.some((e) => e.kind === 'memory-freed' && e.queueId === 2)).toBe(true);
    for (const event of vm2) {
      const refs = refsOf(event);
      expect(refs.queueIds.includes(2) || refs.macs.includes('00-15-5D-00-00-02'), event.kind).toBe(true);
    }
  });
});
