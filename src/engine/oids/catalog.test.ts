/**
 * The OID table against the reference's §2.1 list: every OID_RECEIVE_FILTER_* it names has exactly one
 * descriptor, with the header's value and request types, and no descriptor names anything else. (The
 * §2.1 rows for OID_NIC_SWITCH_* and OID_PACKET_COALESCING_FILTER_MATCH_COUNT are SR-IOV / not VMQ.)
 */
import { describe, expect, it } from 'vitest';
import type { RequestKind } from '../ndis/requestTypes.ts';
import { naturalRequestType, OID, OID_INFO, OID_NAMES } from './catalog.ts';

/** §2.1, verbatim: OID, value, request types allowed (header comment). */
const REFERENCE_2_1: readonly (readonly [string, number, readonly RequestKind[]])[] = [
  ['OID_RECEIVE_FILTER_HARDWARE_CAPABILITIES', 0x00010221, ['query']],
  ['OID_RECEIVE_FILTER_GLOBAL_PARAMETERS', 0x00010222, ['query']],
  ['OID_RECEIVE_FILTER_ALLOCATE_QUEUE', 0x00010223, ['method']],
  ['OID_RECEIVE_FILTER_FREE_QUEUE', 0x00010224, ['set']],
  ['OID_RECEIVE_FILTER_ENUM_QUEUES', 0x00010225, ['query']],
  ['OID_RECEIVE_FILTER_QUEUE_PARAMETERS', 0x00010226, ['method', 'set']],
  ['OID_RECEIVE_FILTER_SET_FILTER', 0x00010227, ['method']],
  ['OID_RECEIVE_FILTER_CLEAR_FILTER', 0x00010228, ['set']],
  ['OID_RECEIVE_FILTER_ENUM_FILTERS', 0x00010229, ['method']],
  ['OID_RECEIVE_FILTER_PARAMETERS', 0x0001022a, ['method']],
  ['OID_RECEIVE_FILTER_QUEUE_ALLOCATION_COMPLETE', 0x0001022b, ['method']],
  ['OID_RECEIVE_FILTER_CURRENT_CAPABILITIES', 0x0001022d, ['query']],
  ['OID_RECEIVE_FILTER_MOVE_FILTER', 0x00010230, ['set']],
];

describe('the OID table', () => {
  it('has exactly one descriptor for every OID of §2.1, and none for anything else', () => {
    expect(OID_NAMES).toEqual(REFERENCE_2_1.map(([name]) => name));
    expect(Object.keys(OID_INFO)).toHaveLength(REFERENCE_2_1.length);
    expect(new Set(OID_NAMES.map((name) => OID[name])).size).toBe(OID_NAMES.length);
  });

  it.each(REFERENCE_2_1)("R1 %s: the header's value and request types", (name, value, kinds) => {
    const descriptor = OID_INFO[name as keyof typeof OID_INFO];
    expect(descriptor.value).toBe(value);
    expect(OID[name as keyof typeof OID]).toBe(value);
    expect(descriptor.kinds).toEqual(kinds);
    expect(naturalRequestType(name as keyof typeof OID_INFO)).toBe(
      { query: 'NdisRequestQueryInformation', set: 'NdisRequestSetInformation', method: 'NdisRequestMethod' }[
        kinds[0]!
      ],
    );
  });

  it('gives every OID a console form citing its §3 section', () => {
    for (const name of OID_NAMES) {
      const { section, purpose, form } = OID_INFO[name];
      expect(section, name).toMatch(/^3\.\d+$/);
      expect(purpose, name).not.toBe('');
      expect(form.defaults({ vms: [], cpus: 1, view: null }), name).toBeTypeOf('object');
    }
    expect(new Set(OID_NAMES.map((name) => OID_INFO[name].section)).size).toBe(OID_NAMES.length);
  });
});
