import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { DetailedQueueState, TraceEvent } from '../../engine/types.ts';
import { runBuiltIn } from '../../worker/testScenarios.ts';
import { EventBuffer } from '../store/eventBuffer.ts';
import { adapterBefore, applyEvent, initialAdapter, type AdapterAt } from './adapterAt.ts';
import { frameVerdicts } from './frameVerdict.ts';

const BUILT_IN = readdirSync(fileURLToPath(new URL('../../../public/scenarios', import.meta.url))).filter((f) =>
  f.endsWith('.json'),
);

/** Filters as [FilterId, QueueId, MAC, VLAN test, UNTAGGED_OR_ZERO]; queues as [QueueId, state]. */
const adapterWith = (
  filters: [number, number, string, number | null, boolean][],
  queues: [number, DetailedQueueState][],
): AdapterAt => {
  const adapter = initialAdapter();
  for (const [queueId, state] of queues) adapter.queues.set(queueId, { queueId, state, vmName: `VM${queueId}` });
  for (const [filterId, queueId, mac, vlanId, untaggedOrZero] of filters) {
    const spec = { mac: parseInt(mac.replaceAll('-', ''), 16), vlanId, untaggedOrZero };
    adapter.filters.set(filterId, { filterId, queueId, spec, vlanAgnostic: vlanId === null && !untaggedOrZero });
  }
  return adapter;
};

describe('frame verdicts', () => {
  it('says for every queue why it did or did not take the frame', () => {
    const adapter = adapterWith(
      [
        [1, 1, '00-15-5D-00-00-01', 10, false],
        [2, 2, '00-15-5D-00-00-02', null, true],
        [3, 3, '00-15-5D-00-00-01', 10, false],
      ],
      [
        [1, 'Running'],
        [2, 'Running'],
        [3, 'Set'],
        [4, 'Paused'],
      ],
    );
    const verdicts = frameVerdicts(adapter, { dst: '00-15-5D-00-00-01', vlanId: 20 });
    expect(verdicts.map((v) => [v.queueId, v.takes, v.reasons])).toEqual([
      [1, false, ['wrong VLAN: FilterId 1 wants VLAN 10; the frame is on VLAN 20']],
      [2, false, ['wrong MAC: FilterId 2 wants destination 00-15-5D-00-00-02']],
      [3, false, ['wrong VLAN: FilterId 3 wants VLAN 10; the frame is on VLAN 20']],
      [4, false, ['no filter is set on this queue']],
      [0, true, ['no filter matched, so the default queue takes the frame']],
    ]);
    const right = frameVerdicts(adapter, { dst: '00-15-5D-00-00-01', vlanId: 10 });
    expect(right.find((v) => v.takes)).toMatchObject({ queueId: 1, filterId: 1 });
    expect(right.find((v) => v.queueId === 3)?.reasons).toEqual([
      'FilterId 3 matches, but the queue is Set: its filters go into the hardware table at OID_RECEIVE_FILTER_QUEUE_ALLOCATION_COMPLETE',
    ]);
    expect(
      frameVerdicts(adapter, { dst: '00-15-5D-00-00-02', vlanId: 5 }).find((v) => v.queueId === 2)?.reasons[0],
    ).toContain('takes only untagged or VLAN-0 frames');
  });

  it.each(BUILT_IN)("agrees with the engine's classifier on every frame of %s", (file) => {
    const { events } = runBuiltIn(file);
    const adapter = initialAdapter();
    const arrived = new Map<number, Extract<TraceEvent, { kind: 'frame-arrived' }>>();
    const expected: { frameId: number; predicted: [number, number] }[] = [];
    for (const event of events) {
      if (event.kind === 'frame-arrived') {
        arrived.set(event.frameId, event);
        const winner = frameVerdicts(adapter, { dst: event.dst, vlanId: event.vlanId }).find((v) => v.takes);
        expected.push({ frameId: event.frameId, predicted: [winner?.queueId ?? -1, winner?.filterId ?? 0] });
      }
      if (event.kind === 'frame-classified') {
        const prediction = expected.find((e) => e.frameId === event.frameId);
        expect(prediction?.predicted, `frame ${event.frameId}`).toEqual([event.queueId, event.filterId]);
      }
      applyEvent(adapter, event);
    }
    if (file !== 'oid-errors.json') expect(arrived.size).toBeGreaterThan(0);
  });

  it('rebuilds the adapter as it was before a given event', () => {
    const { events } = runBuiltIn();
    const trace = new EventBuffer();
    trace.append(events);
    const firstFrame = events.find((e) => e.kind === 'frame-arrived')!;
    const before = adapterBefore(trace, firstFrame.seq);
    expect([...before.queues.values()].map((q) => [q.queueId, q.state, q.vmName])).toEqual([
      [0, 'Running', ''],
      [1, 'Running', 'VM1'],
      [2, 'Running', 'VM2'],
    ]);
    expect([...before.filters.keys()]).toEqual([1, 2]);
    const atEnd = adapterBefore(trace, Infinity);
    expect([...atEnd.queues.keys()]).toEqual([0, 1]);
    expect([...atEnd.filters.keys()]).toEqual([1]);
  });
});
