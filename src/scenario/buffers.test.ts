/**
 * `vmq validate` holds buffers to their structures (§4) and the format to its documented limits: what the issue
 * reproduced (a fractional or negative Mask, a misspelt member, huge counts and durations) is an error with its path.
 */
import { describe, expect, it } from 'vitest';
import { formatScenarioError, parseScenario } from './parse.ts';
import {
  MAX_COUNTED_STRING_CHARS,
  MAX_DURATION_NS,
  MAX_NAME_CHARS,
  MAX_TEXT_CHARS,
  MAX_TITLE_CHARS,
  MAX_TRAFFIC_COUNT,
} from './limits.ts';
import { ALLOCATE_VM1_QUEUE, scenarioDocument } from './testing.ts';

const problems = (document: Record<string, unknown>): string[] => {
  const parsed = parseScenario(document);
  return parsed.ok ? [] : parsed.errors.map(formatScenarioError);
};
const stepProblems = (...steps: unknown[]) => problems(scenarioDocument(steps));

const allocate = (buffer: Record<string, unknown>) => ({
  oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE',
  buffer: { QueueType: 'NdisReceiveQueueTypeVMQueue', ProcessorAffinity: { Mask: 2, Group: 0 }, ...buffer },
});
const traffic = (fields: Record<string, unknown>) => ({
  traffic: { name: 'f', dst: '00-15-5D-00-00-09', frameBytes: 64, count: 10, interval: 100, ...fields },
});

describe('buffers hold their structure', () => {
  it('R5 a fractional or negative ProcessorAffinity.Mask is an error naming its path', () => {
    expect(stepProblems(allocate({ ProcessorAffinity: { Mask: 0.5, Group: 0 } }))).toEqual([
      'steps[0].buffer.ProcessorAffinity.Mask: 0.5 is not a KAFFINITY (an integer from 0 to 9007199254740991)',
    ]);
    expect(stepProblems(allocate({ ProcessorAffinity: { Mask: -16, Group: 0 } }))).toEqual([
      'steps[0].buffer.ProcessorAffinity.Mask: -16 is not a KAFFINITY (an integer from 0 to 9007199254740991)',
    ]);
  });

  it('checks ULONG, USHORT and UCHAR members, numbers written as strings, and flag arrays', () => {
    expect(
      stepProblems(
        allocate({ NumSuggestedReceiveBuffers: 2 ** 32, Header: { Revision: 256 } }),
        allocate({ ProcessorAffinity: { Mask: 2, Group: 70000 }, LookaheadSize: '0x100000000' }),
        allocate({ Flags: [1.5] }),
        allocate({ QueueType: true }),
      ),
    ).toEqual([
      'steps[0].buffer.NumSuggestedReceiveBuffers: 4294967296 is not a ULONG (an integer from 0 to 4294967295)',
      'steps[0].buffer.Header.Revision: 256 is not a UCHAR (an integer from 0 to 255)',
      'steps[1].buffer.ProcessorAffinity.Group: 70000 is not a USHORT (an integer from 0 to 65535)',
      'steps[1].buffer.LookaheadSize: "0x100000000" is not a ULONG (an integer from 0 to 4294967295)',
      'steps[2].buffer.Flags: 1.5 is not a ULONG (an integer from 0 to 4294967295)',
      'steps[3].buffer.QueueType: expected a ULONG (an integer from 0 to 4294967295), "0x…" or an NDIS name, got true',
    ]);
  });

  it('a misspelt member is an error with a suggestion, at any depth and in expected outputs', () => {
    expect(
      stepProblems(allocate({ NumSuggestedReceiveBufers: 32 }), allocate({ ProcessorAffinity: { Mask: 2, Grup: 0 } }), {
        oid: 'OID_RECEIVE_FILTER_QUEUE_ALLOCATION_COMPLETE',
        buffer: { Elements: [{ QueueId: 1 }] },
        expect: { output: { Elements: [{ CompletionStatu: 'NDIS_STATUS_SUCCESS' }] } },
      }),
    ).toEqual([
      'steps[0].buffer.NumSuggestedReceiveBufers: unknown member of NDIS_RECEIVE_QUEUE_PARAMETERS "NumSuggestedReceiveBufers" — did you mean NumSuggestedReceiveBuffers?',
      'steps[1].buffer.ProcessorAffinity.Grup: unknown member of ProcessorAffinity "Grup" — did you mean Group?',
      'steps[2].expect.output.Elements[0].CompletionStatu: unknown member of Elements[0] "CompletionStatu" — did you mean CompletionStatus?',
    ]);
  });

  it('counted strings hold IF_MAX_STRING_SIZE characters', () => {
    const long = 'q'.repeat(MAX_COUNTED_STRING_CHARS + 1);
    expect(stepProblems(allocate({ QueueName: long }))).toEqual([
      `steps[0].buffer.QueueName: is ${long.length} characters; an NDIS_IF_COUNTED_STRING holds at most IF_MAX_STRING_SIZE (256)`,
    ]);
    expect(stepProblems(allocate({ VmName: 'v'.repeat(MAX_COUNTED_STRING_CHARS) }))).toEqual([]);
  });

  it('references, NDIS names, MACs and byte arrays stay allowed where the structure takes them', () => {
    expect(stepProblems(...ALLOCATE_VM1_QUEUE)).toEqual([]);
    expect(
      stepProblems({
        oid: 'OID_RECEIVE_FILTER_SET_FILTER',
        buffer: {
          QueueId: 0,
          FieldParameters: [{ MacHeaderField: 'NdisMacHeaderFieldDestinationAddress', FieldByteArrayValue: [0, 21] }],
        },
      }),
    ).toEqual([]);
  });
});

describe('documented limits', () => {
  it('traffic count, rate and interval have maxima', () => {
    expect(stepProblems(traffic({ count: 1e12, interval: 1 }))).toEqual([
      `steps[0].traffic.count: must be at most ${MAX_TRAFFIC_COUNT}, got 1000000000000`,
    ]);
    expect(stepProblems(traffic({ interval: undefined, ratePps: 1e12 }))).toEqual([
      'steps[0].traffic.ratePps: must be at most 1000000000, got 1000000000000',
    ]);
    expect(stepProblems(traffic({ count: MAX_TRAFFIC_COUNT }))).toEqual([]);
  });

  it('an advance of 2^53 ns, as a number or a string, is beyond the duration limit', () => {
    const message = `a duration is at most one hour of virtual time (${MAX_DURATION_NS} ns)`;
    const all = stepProblems({ advance: 2 ** 53 }, { advance: '3601s' }, { advance: '3600s' });
    expect(all).toContain(`steps[0].advance: ${message}`);
    expect(all.filter((m) => !m.startsWith('steps[0]'))).toEqual([`steps[1].advance: ${message}`]);
  });

  it('names and texts have maximum lengths', () => {
    const document = scenarioDocument([{ note: 'n'.repeat(MAX_TEXT_CHARS + 1) }]);
    document['title'] = 't'.repeat(MAX_TITLE_CHARS + 1);
    document['vms'] = [{ name: `V${'m'.repeat(MAX_NAME_CHARS)}`, mac: '00-15-5D-00-00-01' }];
    expect(problems(document)).toEqual([
      `title: is ${MAX_TITLE_CHARS + 1} characters; at most ${MAX_TITLE_CHARS} are allowed`,
      `vms[0].name: is ${MAX_NAME_CHARS + 1} characters; at most ${MAX_NAME_CHARS} are allowed`,
      `steps[0].note: is ${MAX_TEXT_CHARS + 1} characters; at most ${MAX_TEXT_CHARS} are allowed`,
    ]);
  });
});
