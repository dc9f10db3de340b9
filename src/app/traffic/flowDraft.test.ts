import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../engine/index.ts';
import { runBuiltIn } from '../../worker/testScenarios.ts';
import { EventBuffer } from '../store/eventBuffer.ts';
import { expectFoldMatchesScan, traceOps, type EventBody } from '../trace/foldTesting.ts';
import type { TraceSource } from '../trace/traceSource.ts';
import {
  BROADCAST_MAC,
  flowName,
  flowsDigest,
  type FlowState,
  initialDraft,
  lineRatePps,
  toFlowSpec,
  unknownMac,
} from './flowDraft.ts';

const VMS = [
  { name: 'VM1', mac: '00-15-5D-00-00-01', vlan: 10 },
  { name: 'VM2', mac: '00-15-5D-00-00-02' },
];

describe('traffic generator flows', () => {
  it("sends to a VM on its own VLAN by default, like a scenario's $vm: traffic", () => {
    const draft = initialDraft(VMS);
    expect(toFlowSpec(draft, VMS, 'f')).toEqual({
      flow: {
        name: 'f',
        dst: '00-15-5D-00-00-01',
        vlanId: 10,
        priority: 0,
        frameBytes: 512,
        count: 32,
        intervalNs: 1000,
        pattern: 'constant',
      },
    });
    expect(toFlowSpec({ ...draft, destination: 'vm:VM2' }, VMS, 'f')).toMatchObject({
      flow: { dst: '00-15-5D-00-00-02', vlanId: null },
    });
    expect(toFlowSpec({ ...draft, vlan: 'untagged' }, VMS, 'f')).toMatchObject({ flow: { vlanId: null } });
    expect(toFlowSpec({ ...draft, vlan: 'tagged', vlanId: 0 }, VMS, 'f')).toMatchObject({ flow: { vlanId: 0 } });
  });

  it('reaches a MAC no VM has, broadcast, and a typed MAC', () => {
    const draft = initialDraft(VMS);
    expect(unknownMac(VMS)).toBe('00-15-5D-00-00-99');
    expect(unknownMac([...VMS, { name: 'X', mac: '00:15:5d:00:00:99' }])).toBe('00-15-5D-00-00-98');
    expect(toFlowSpec({ ...draft, destination: 'broadcast' }, VMS, 'f')).toMatchObject({
      flow: { dst: BROADCAST_MAC, vlanId: null },
    });
    expect(toFlowSpec({ ...draft, destination: 'custom', customMac: '00:1d:d8:b7:1c:01' }, VMS, 'f')).toMatchObject({
      flow: { dst: '00-1D-D8-B7-1C-01' },
    });
  });

  it('says everything wrong with a draft at once', () => {
    const result = toFlowSpec(
      {
        ...initialDraft(VMS),
        destination: 'custom',
        customMac: 'nope',
        frameBytes: 1516,
        vlan: 'untagged',
        count: 0,
        ratePps: 0,
      },
      VMS,
      'f',
    );
    expect(result).toEqual({
      errors: [
        'the destination MAC must be six hex octets such as 00-15-5D-00-00-42',
        'frames are 60 to 1514 bytes untagged (without FCS)',
        'send at least 1 frame',
        'the rate must be between 1 and 1,000,000,000 frames per second',
      ],
    });
  });

  it('names flows uniquely and knows 10 GbE line rate', () => {
    const draft = initialDraft(VMS);
    expect(flowName(draft, new Set(['UI to VM1 #1']))).toBe('UI to VM1 #2');
    expect(flowName({ ...draft, destination: 'broadcast' }, new Set())).toBe('UI broadcast #1');
    expect(lineRatePps(1514)).toBe(812_743);
    expect(lineRatePps(64)).toBe(14_204_545);
  });

  it("lists the trace's flows, newest first, with how many frames each sent", () => {
    const trace = new EventBuffer();
    const flows = flowsDigest();
    trace.attach(flows);
    trace.append(runBuiltIn().events);
    expect(flows.value().map((f) => [f.name, f.sent])).toEqual([
      ['to an unknown MAC', 8],
      ['to VM2', 16],
      ['to VM1', 24],
    ]);
  });

  it('keeps the flows folded batch by batch, through rewinds, clears and eviction, as a full scan finds them', () => {
    const name = fc.constantFrom('a', 'b');
    const body: fc.Arbitrary<EventBody> = fc.oneof(
      name.map((flow) => ({
        kind: 'flow-started' as const,
        flow,
        dst: '00-15-5D-00-00-01',
        vlanId: null,
        frameBytes: 64,
        count: 4,
        intervalNs: 100,
      })),
      fc.tuple(name, fc.nat(4)).map(([flow, sent]) => ({ kind: 'flow-ended' as const, flow, sent })),
      fc.constant({ kind: 'note' as const, text: 'between' }),
    );
    fc.assert(
      fc.property(traceOps(body), (ops) =>
        expectFoldMatchesScan({
          ops,
          create: flowsDigest,
          read: (d) => d.value(),
          scan: flowsInTrace,
          expectEqual: (a, b) => expect(a).toEqual(b),
        }),
      ),
    );
  });
});

/** The flows by a full scan of the kept trace: what the digest must always agree with. */
function flowsInTrace(trace: TraceSource): FlowState[] {
  const flows = new Map<string, FlowState>();
  for (let i = 0; i < trace.length; i++) {
    const event = trace.at(i) as TraceEvent;
    if (event.kind === 'flow-started') {
      const { flow: name, dst, vlanId, frameBytes, count, intervalNs } = event;
      flows.delete(name);
      flows.set(name, { name, dst, vlanId, frameBytes, count, intervalNs, startedNs: event.t });
    } else if (event.kind === 'flow-ended') {
      const flow = flows.get(event.flow);
      if (flow) flows.set(event.flow, { ...flow, sent: event.sent, endedNs: event.t });
    }
  }
  return [...flows.values()].reverse();
}
