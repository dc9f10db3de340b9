import { describe, expect, it } from 'vitest';
import { cpuText, decodeField, flagText } from './ndisFields.ts';

describe('NDIS field names', () => {
  it('spells flag words bit by bit, leftovers in hex', () => {
    expect(
      flagText(0x3, [
        ['A', 1],
        ['B', 2],
      ]),
    ).toBe('A | B');
    expect(
      flagText(0x10004, [
        ['A', 1],
        ['C', 4],
      ]),
    ).toBe('C | 0x00010000');
    expect(flagText(0, [['A', 1]])).toBe('none');
  });

  it('reads Flags by the structure it belongs to', () => {
    expect(decodeField('OID_RECEIVE_FILTER_ALLOCATE_QUEUE', ['Flags'], 1)).toBe(
      'NDIS_RECEIVE_QUEUE_PARAMETERS_PER_QUEUE_RECEIVE_INDICATION',
    );
    expect(decodeField('OID_RECEIVE_FILTER_QUEUE_PARAMETERS', ['Flags'], 0x20000)).toBe(
      'NDIS_RECEIVE_QUEUE_PARAMETERS_PROCESSOR_AFFINITY_CHANGED',
    );
    expect(decodeField('OID_RECEIVE_FILTER_SET_FILTER', ['FieldParameters', 0, 'Flags'], 1)).toBe(
      'NDIS_RECEIVE_FILTER_FIELD_MAC_HEADER_VLAN_UNTAGGED_OR_ZERO',
    );
    expect(decodeField('OID_RECEIVE_FILTER_SET_FILTER', ['Flags'], 2)).toBe(
      'NDIS_RECEIVE_FILTER_PACKET_ENCAPSULATION_GRE',
    );
    // Reserved Flags (ENUM_QUEUES elements, capabilities) are just numbers.
    expect(decodeField('OID_RECEIVE_FILTER_ENUM_QUEUES', ['Elements', 0, 'Flags'], 0)).toBeNull();
  });

  it('names capability bits, enumerations, statuses and CPUs', () => {
    expect(decodeField('OID_RECEIVE_FILTER_HARDWARE_CAPABILITIES', ['SupportedQueueProperties'], 0x1b)).toBe(
      'NDIS_RECEIVE_FILTER_MSI_X_SUPPORTED | NDIS_RECEIVE_FILTER_VM_QUEUE_SUPPORTED | NDIS_RECEIVE_FILTER_DYNAMIC_PROCESSOR_AFFINITY_CHANGE_SUPPORTED | NDIS_RECEIVE_FILTER_INTERRUPT_VECTOR_COALESCING_SUPPORTED',
    );
    expect(decodeField('OID_RECEIVE_FILTER_ENUM_QUEUES', ['Elements', 0, 'QueueState'], 1)).toBe(
      'NdisReceiveQueueOperationalStateRunning',
    );
    expect(
      decodeField('OID_RECEIVE_FILTER_QUEUE_ALLOCATION_COMPLETE', ['Elements', 1, 'CompletionStatus'], 0xc000000d),
    ).toBe('NDIS_STATUS_INVALID_PARAMETER');
    expect(decodeField('OID_RECEIVE_FILTER_ALLOCATE_QUEUE', ['ProcessorAffinity', 'Mask'], 2)).toBe('CPU 1');
    expect(decodeField('OID_RECEIVE_FILTER_ALLOCATE_QUEUE', ['Header', 'Type'], 0x80)).toBe('NDIS_OBJECT_TYPE_DEFAULT');
    expect(decodeField('OID_RECEIVE_FILTER_ALLOCATE_QUEUE', ['NumSuggestedReceiveBuffers'], 32)).toBeNull();
    expect(cpuText(0b1010)).toBe('CPUs 1, 3');
  });
});
