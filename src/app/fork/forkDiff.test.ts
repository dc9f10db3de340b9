import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../engine/index.ts';
import { diffFork, differs } from './forkDiff.ts';
import { emptyFacts, foldEvents, observeMemory } from './forkFacts.ts';

let seq = 0;
const classified = (frameId: number, queueId: number): TraceEvent =>
  ({
    t: 0,
    seq: seq++,
    kind: 'frame-classified',
    frameId,
    queueId,
    filterId: 1,
    dst: '',
    vlanId: null,
    vlanStripped: false,
    match: [],
  }) as unknown as TraceEvent;
const indicated = (cpu: number, queueId: number, count: number): TraceEvent =>
  ({
    t: 0,
    seq: seq++,
    kind: 'nbls-indicated',
    indicationId: seq,
    cpu,
    receiveFlags: 0,
    parts: [{ queueId, count, firstFrameId: null, filteringInfo: { QueueId: queueId, FilterId: 0 } }],
  }) as unknown as TraceEvent;
const dropped = (reason: string, count: number): TraceEvent =>
  ({ t: 0, seq: seq++, kind: 'frames-dropped', queueId: 1, reason, count }) as unknown as TraceEvent;

const arrived = (frameId: number, flow: string): TraceEvent =>
  ({
    t: 0,
    seq: seq++,
    kind: 'frame-arrived',
    frameId,
    length: 64,
    dst: '',
    vlanId: null,
    headerHex: '',
    flow,
  }) as TraceEvent;

const facts = (events: TraceEvent[]) => foldEvents(emptyFacts(), events);

describe('diffFork', () => {
  it('lists the frames classified to another queue', () => {
    const original = facts([classified(1, 0), classified(2, 0), classified(3, 2)]);
    const fork = facts([classified(1, 0), classified(2, 2), classified(3, 2)]);
    const diff = diffFork(original, fork);
    expect(diff.movedCount).toBe(1);
    expect(diff.moved).toEqual([{ frameId: 2, from: 0, to: 2 }]);
  });

  it('names a frame by its flow and place in it: a fork’s own traffic shifts the ids, not the comparison', () => {
    const original = facts([arrived(1, 'to VM1'), classified(1, 1), arrived(2, 'to VM1'), classified(2, 1)]);
    // The fork's extra flow takes frame id 2, so "to VM1"'s second frame is frame 3 there.
    const fork = facts([
      arrived(1, 'to VM1'),
      classified(1, 1),
      arrived(2, 'fork traffic'),
      classified(2, 0),
      arrived(3, 'to VM1'),
      classified(3, 0),
    ]);
    expect(diffFork(original, fork).moved).toEqual([{ frameId: 3, from: 1, to: 0 }]);
  });

  it('counts the default queue, per-CPU load and drops by reason on both sides', () => {
    const original = facts([indicated(0, 0, 5), indicated(1, 2, 1)]);
    const fork = facts([indicated(0, 0, 2), indicated(1, 2, 4), dropped('no-free-buffer', 3)]);
    const diff = diffFork(original, fork);
    expect(diff.defaultQueue).toEqual({ key: '0', original: 5, fork: 2, delta: -3 });
    expect(diff.perCpu).toEqual([
      { key: '0', original: 5, fork: 2, delta: -3 },
      { key: '1', original: 1, fork: 4, delta: 3 },
    ]);
    expect(diff.drops).toEqual([{ key: 'no-free-buffer', original: 0, fork: 3, delta: 3 }]);
  });

  it('takes memory per address space from the view', () => {
    const block = (space: string, length: number) => ({ space, length }) as never;
    const original = observeMemory(emptyFacts(), { memory: [block('host', 100)] });
    const fork = observeMemory(emptyFacts(), { memory: [block('host', 100), block('vm1', 50)] });
    const diff = diffFork(original, fork);
    expect(diff.memoryBytes).toEqual([
      { key: 'host', original: 100, fork: 100, delta: 0 },
      { key: 'vm1', original: 0, fork: 50, delta: 50 },
    ]);
    expect(diff.memoryBlocks.find((c) => c.key === 'vm1')?.fork).toBe(1);
  });

  it('a fork that changed nothing shows no difference, whatever the run', () => {
    const event = fc.oneof(
      fc.tuple(fc.nat(50), fc.nat(4)).map(([frame, queue]) => classified(frame, queue)),
      fc.tuple(fc.nat(3), fc.nat(4), fc.integer({ min: 1, max: 9 })).map(([cpu, q, n]) => indicated(cpu, q, n)),
      fc
        .tuple(fc.constantFrom('no-free-buffer', 'filters-cleared'), fc.integer({ min: 1, max: 9 }))
        .map(([r, n]) => dropped(r, n)),
    );
    fc.assert(
      fc.property(fc.array(event), (events) => {
        expect(differs(diffFork(facts(events), facts(events)))).toBe(false);
      }),
    );
  });

  it('every moved frame is one both sides classified, to different queues', () => {
    const run = fc.dictionary(fc.nat(40).map(String), fc.nat(4));
    fc.assert(
      fc.property(run, run, (a, b) => {
        const of = (r: Record<string, number>) => facts(Object.entries(r).map(([id, q]) => classified(Number(id), q)));
        const diff = diffFork(of(a), of(b), 1000);
        const expected = Object.keys(b).filter((id) => id in a && a[id] !== b[id]).length;
        expect(diff.movedCount).toBe(expected);
        for (const m of diff.moved) expect([a[m.frameId], b[m.frameId]]).toEqual([m.from, m.to]);
      }),
    );
  });
});
