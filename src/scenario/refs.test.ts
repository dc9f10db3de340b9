import { describe, expect, it } from 'vitest';
import { resolveValue, type RefScope, type SavedRequest } from './refs.ts';

const saved: Record<string, SavedRequest> = {
  vm1q: {
    stepIndex: 1,
    oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE',
    status: 'NDIS_STATUS_SUCCESS',
    output: { QueueId: 3, ProcessorAffinity: { Mask: 2, Group: 0 } },
  },
  done: {
    stepIndex: 2,
    oid: 'OID_RECEIVE_FILTER_QUEUE_ALLOCATION_COMPLETE',
    status: 'NDIS_STATUS_SUCCESS',
    output: { Elements: [{ QueueId: 3, CompletionStatus: 'NDIS_STATUS_SUCCESS' }] },
  },
  slow: { stepIndex: 4, oid: 'OID_RECEIVE_FILTER_FREE_QUEUE' },
  refused: { stepIndex: 5, oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE', status: 'NDIS_STATUS_RESOURCES' },
};
const scope: RefScope = {
  saved: (name) => saved[name],
  vm: (name) =>
    name === 'VM1'
      ? { name, mac: '00-15-5D-00-00-01', vlan: 10 }
      : name === 'VM2'
        ? { name, mac: '00-15-5D-00-00-02' }
        : undefined,
};
const resolve = (value: unknown) => resolveValue(value, scope);

describe('resolveValue', () => {
  it('replaces references anywhere in a buffer and leaves everything else alone', () => {
    expect(
      resolve({
        QueueId: '$vm1q.QueueId',
        Mask: '$vm1q.ProcessorAffinity.Mask',
        First: '$done.Elements.0.QueueId',
        FieldParameters: [
          { FieldByteArrayValue: '$vm:VM1.mac', FieldShortValue: '$vm:VM1.vlan' },
          { FieldByteArrayValue: '$vm:VM2' },
        ],
        QueueType: 'NdisReceiveQueueTypeVMQueue',
        VmName: 'VM1',
      }),
    ).toEqual({
      QueueId: 3,
      Mask: 2,
      First: 3,
      FieldParameters: [
        { FieldByteArrayValue: '00-15-5D-00-00-01', FieldShortValue: 10 },
        { FieldByteArrayValue: '00-15-5D-00-00-02' },
      ],
      QueueType: 'NdisReceiveQueueTypeVMQueue',
      VmName: 'VM1',
    });
  });

  it('says clearly why a reference cannot be resolved', () => {
    expect(() => resolve('$vm1q.QueueID')).toThrow(
      '$vm1q.QueueID: step 1 (OID_RECEIVE_FILTER_ALLOCATE_QUEUE) output has no field "QueueID" — did you mean QueueId?',
    );
    expect(() => resolve('$done.Elements.1.QueueId')).toThrow(
      '$done.Elements.1.QueueId: step 2 (OID_RECEIVE_FILTER_QUEUE_ALLOCATION_COMPLETE) output.Elements has no field "1"',
    );
    expect(() => resolve('$slow.QueueId')).toThrow(
      '$slow.QueueId: step 4 (OID_RECEIVE_FILTER_FREE_QUEUE) is still pending',
    );
    expect(() => resolve('$refused.QueueId')).toThrow(
      '$refused.QueueId: step 5 (OID_RECEIVE_FILTER_ALLOCATE_QUEUE) completed with NDIS_STATUS_RESOURCES and has no output',
    );
    expect(() => resolve('$other.QueueId')).toThrow('$other.QueueId: no earlier OID step has saveAs "other"');
    expect(() => resolve('$vm:VM2.vlan')).toThrow('$vm:VM2.vlan: VM "VM2" has no VLAN');
  });

  it('reads only fields the output itself has: inherited properties are "no field", never a function', () => {
    for (const field of ['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf']) {
      expect(() => resolve(`$vm1q.${field}`)).toThrow(
        `$vm1q.${field}: step 1 (OID_RECEIVE_FILTER_ALLOCATE_QUEUE) output has no field "${field}"`,
      );
    }
    expect(() => resolve('$done.Elements.length')).toThrow('output.Elements has no field "length"');
    expect(() => resolve('$vm1q.ProcessorAffinity.toString')).toThrow(
      'output.ProcessorAffinity has no field "toString"',
    );
  });

  it('quotes only the start of a very long reference', () => {
    const field = 'F'.repeat(1_000_000);
    let message = '';
    try {
      resolve(`$vm1q.${field}`);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(
      /^\$vm1q\.F+… \(1000006 characters\): step 1 .* has no field "F+… \(1000000 characters\)"$/,
    );
    expect(message.length).toBeLessThan(300);
  });
});
