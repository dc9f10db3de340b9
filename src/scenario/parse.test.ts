import { describe, expect, it } from 'vitest';
import { formatScenarioError, parseScenario } from './parse.ts';
import { ALLOCATE_VM1_QUEUE, scenarioDocument } from './testing.ts';

/** The formatted messages for a document, or [] when it is valid. */
function problems(input: unknown): string[] {
  const parsed = parseScenario(input);
  return parsed.ok ? [] : parsed.errors.map(formatScenarioError);
}
const stepProblems = (...steps: unknown[]) => problems(scenarioDocument(steps));

describe('parseScenario: messages for typical mistakes', () => {
  it('suggests the OID that was meant', () => {
    expect(stepProblems({ oid: 'OID_RECEIVE_FILTER_ALLOC_QUEUE' })).toEqual([
      'steps[0].oid: unknown OID "OID_RECEIVE_FILTER_ALLOC_QUEUE" — did you mean OID_RECEIVE_FILTER_ALLOCATE_QUEUE?',
    ]);
  });

  it('suggests statuses, enum names in buffers, queue states and keys', () => {
    expect(
      stepProblems(
        { oid: 'OID_RECEIVE_FILTER_FREE_QUEUE', expect: { status: 'NDIS_STATUS_INVALID_PARAMETERS' } },
        { oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE', buffer: { QueueType: 'NdisReceiveQueueTypeVmQueue' } },
        {
          oid: 'OID_RECEIVE_FILTER_SET_FILTER',
          buffer: { FieldParameters: [{ Flags: ['NDIS_RECEIVE_FILTER_FIELD_MAC_HEADER_VLAN_UNTAGGED_OR_ZER0'] }] },
        },
        { expect: { queue: { QueueId: 1, state: 'Runing' } } },
        { oid: 'OID_RECEIVE_FILTER_FREE_QUEUE', requestTyp: 'NdisRequestSetInformation' },
      ),
    ).toEqual([
      'steps[0].expect.status: unknown NDIS status "NDIS_STATUS_INVALID_PARAMETERS" — did you mean NDIS_STATUS_INVALID_PARAMETER?',
      'steps[1].buffer.QueueType: unknown NDIS name "NdisReceiveQueueTypeVmQueue" — did you mean NdisReceiveQueueTypeVMQueue?',
      'steps[2].buffer.FieldParameters[0].Flags[0]: unknown NDIS name "NDIS_RECEIVE_FILTER_FIELD_MAC_HEADER_VLAN_UNTAGGED_OR_ZER0" — did you mean NDIS_RECEIVE_FILTER_FIELD_MAC_HEADER_VLAN_UNTAGGED_OR_ZERO?',
      'steps[3].expect.queue.state: unknown queue state "Runing" — did you mean Running?',
      'steps[4]: unknown key "requestTyp" — did you mean requestType?',
    ]);
  });

  it('leaves free-text counted strings alone even when they look like NDIS names', () => {
    expect(stepProblems({ oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE', buffer: { VmName: 'NdisTestGuest' } })).toEqual([]);
  });

  it('names the address spaces a memory expectation may select, so a misspelt one is not a silent "count: 0"', () => {
    expect(
      stepProblems({
        expect: {
          memory: [
            { space: 'management-os', count: 1 },
            { space: 'vm1', count: 0 },
          ],
        },
      }),
    ).toEqual([
      'steps[0].expect.memory[1].space: no address space named "vm1": the spaces are "management-os", "VM1" — did you mean "VM1"?',
    ]);
  });

  it('checks MAC addresses', () => {
    const document = scenarioDocument([
      { traffic: { name: 'a', dst: '00-15-5D-00-01', frameBytes: 64, count: 1, interval: '1us' } },
    ]);
    document.vms = [{ name: 'VM1', mac: '00:15:5D:00:00:0G' }];
    expect(problems(document)).toEqual([
      'vms[0].mac: "00:15:5D:00:00:0G" is not a MAC address; expected 6 hex octets like 00-15-5D-00-00-01',
      'steps[0].traffic.dst: "00-15-5D-00-01" is not a MAC address; expected 6 hex octets like 00-15-5D-00-00-01, or "$vm:NAME" for a VM\'s MAC',
    ]);
  });

  it('wants exactly one action per step', () => {
    expect(
      stepProblems(
        {},
        { comment: 'only a comment' },
        { ouid: 'OID_RECEIVE_FILTER_FREE_QUEUE' },
        { advance: '1us', note: 'two' },
        'advance',
      ),
    ).toEqual([
      'steps[0]: a step needs one action key: oid, traffic, stopTraffic, frame, advance, runUntilIdle, returnNbls, adapter, closeBinding, fault, note, expect',
      'steps[1]: a step needs one action key: oid, traffic, stopTraffic, frame, advance, runUntilIdle, returnNbls, adapter, closeBinding, fault, note, expect',
      'steps[2]: unknown action "ouid" — did you mean oid?',
      'steps[3]: a step has exactly one action, found "advance" and "note"; put them in separate steps',
      'steps[4]: expected a step object such as { "advance": "10us" }, got "advance"',
    ]);
  });

  it('checks how references are spelled', () => {
    expect(
      stepProblems({
        oid: 'OID_RECEIVE_FILTER_SET_FILTER',
        buffer: { QueueId: '$bad', FieldParameters: [{ FieldByteArrayValue: '$vm:VM1.ip' }] },
      }),
    ).toEqual([
      'steps[0].buffer.QueueId: "$bad" is not a reference; write "$name.Field" for a saved OID output or "$vm:NAME.mac" for a VM',
      'steps[0].buffer.FieldParameters[0].FieldByteArrayValue: "$vm:VM1.ip": a VM reference ends in .mac or .vlan',
    ]);
  });

  it('explains durations', () => {
    expect(
      stepProblems({ advance: '10 usec' }, { advance: -1 }, { advance: '0.5ns' }, { runUntilIdle: false }),
    ).toEqual([
      'steps[0].advance: "10 usec" is not a duration; a duration is integer nanoseconds, or a string like "500ns", "10us", "2ms", "1s"',
      'steps[1].advance: a duration cannot be negative',
      'steps[2].advance: "0.5ns" is not a whole number of nanoseconds',
      'steps[3].runUntilIdle: expected true or a duration limit, got false',
    ]);
  });

  it('reports JSON syntax errors with line and column', () => {
    expect(problems('{\n  "format": "vmq-scenario",\n  "version": 2\n  "title": "x"\n}')).toEqual([
      "4:3: missing ',' before this property",
    ]);
    expect(problems('{"steps": [1, 2,]}')).toEqual(["1:17: trailing comma before ']'"]);
    expect(problems("{'format': 1}")).toEqual([
      '1:2: strings and property names need double quotes, not single quotes',
    ]);
    expect(problems('{"a": tru}')).toEqual([
      '1:7: expected a value (a number, "string", true, false, null, object or array), found "tru"',
    ]);
    expect(problems('{"a": [1')).toEqual(["1:9: unexpected end of file; expected ',' or ']' after an array element"]);
  });

  it('names the header a scenario must start with, and refuses future versions', () => {
    expect(problems({ title: 'x' })).toEqual([
      'format: expected "vmq-scenario", it is missing; a scenario file starts with "format": "vmq-scenario", "version": 2',
    ]);
    expect(problems({ format: 'vmq-scenario', version: 3 })).toEqual([
      'version: version 3 is newer than this vmq understands (2); update vmq',
    ]);
  });

  it('reports every problem of a document at once', () => {
    const document = scenarioDocument([{ traffic: { name: 'a', dst: '$vm:VM1', frameBytes: 64, count: 0 } }]);
    document.adapter = { profile: 'ws2013' };
    expect(problems(document)).toEqual([
      'adapter.profile: unknown profile "ws2013" — did you mean ws2012?',
      'steps[0].traffic.count: must be at least 1, got 0',
      'steps[0].traffic: give exactly one of interval and ratePps',
    ]);
  });
});

describe('parseScenario: references and names across steps', () => {
  it('wants references to point at something defined earlier', () => {
    expect(
      stepProblems(
        { oid: 'OID_RECEIVE_FILTER_FREE_QUEUE', buffer: { QueueId: '$vm1q.QueueId' } },
        { oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE', saveAs: 'vm1q' },
        {
          oid: 'OID_RECEIVE_FILTER_SET_FILTER',
          buffer: { QueueId: '$vm1.QueueId', FieldParameters: [{ FieldByteArrayValue: '$vm:VM2.mac' }] },
        },
        { oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE', saveAs: 'vm1q' },
        { stopTraffic: 'to VM1' },
        { expect: { queue: [{ QueueId: 1 }, { QueueId: '$nope.QueueId' }] } },
      ),
    ).toEqual([
      'steps[0].buffer.QueueId: "$vm1q.QueueId" refers to saveAs "vm1q", which no earlier step defines',
      'steps[2].buffer.QueueId: "$vm1.QueueId" refers to saveAs "vm1", which no earlier step defines — did you mean "vm1q"?',
      'steps[2].buffer.FieldParameters[0].FieldByteArrayValue: "$vm:VM2.mac" refers to VM "VM2", which is not in vms — did you mean "VM1"?',
      'steps[3].saveAs: saveAs "vm1q" is already used by steps[1]',
      'steps[4].stopTraffic: no earlier step starts traffic named "to VM1"',
      'steps[5].expect.queue[1].QueueId: "$nope.QueueId" refers to saveAs "nope", which no earlier step defines',
    ]);
  });

  it('knows a 1518-byte frame needs the VLAN tag its VM gives it', () => {
    const flow = { name: 'f', frameBytes: 1518, count: 1, interval: '1us' };
    expect(stepProblems({ traffic: { ...flow, dst: '$vm:VM1' } })).toEqual([]);
    expect(stepProblems({ traffic: { ...flow, dst: '$vm:VM1', vlanId: null } })).toEqual([
      'steps[0].traffic.frameBytes: untagged frames are at most 1514 bytes (1518 needs a VLAN tag), got 1518',
    ]);
  });
});

describe('parseScenario: the parsed scenario', () => {
  it('normalizes durations to ns and MACs to the canonical spelling, and fills defaults', () => {
    const document = scenarioDocument([{ advance: '1.5us' }, { runUntilIdle: '2ms' }]);
    delete document.seed;
    document.vms = [{ name: 'VM1', mac: '00:15:5d:00:00:0a' }];
    document.adapter = {
      profile: 'ws2012',
      options: { pendingOids: { OID_RECEIVE_FILTER_FREE_QUEUE: '50us' }, returnLatencyNs: null },
    };
    const parsed = parseScenario(document);
    expect(parsed.ok && parsed.scenario).toMatchObject({
      seed: 1,
      vms: [{ name: 'VM1', mac: '00-15-5D-00-00-0A' }],
      adapter: { options: { pendingOids: { OID_RECEIVE_FILTER_FREE_QUEUE: 50_000 }, returnLatencyNs: null } },
      steps: [{ advance: 1_500 }, { runUntilIdle: 2_000_000 }],
    });
  });

  it('accepts its own output again, unchanged', () => {
    const first = parseScenario(
      scenarioDocument([
        ...ALLOCATE_VM1_QUEUE,
        { traffic: { name: 'f', dst: '$vm:VM1', frameBytes: 100, count: 3, ratePps: 1000 } },
        { advance: '1ms' },
      ]),
    );
    if (!first.ok) throw new Error(first.errors[0]?.message);
    const second = parseScenario(JSON.stringify(first.scenario));
    expect(second).toEqual(first);
  });
});
