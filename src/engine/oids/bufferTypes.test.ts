/**
 * Buffer members are values of their C types (§4): whatever reaches the engine (the OID console's raw JSON never
 * passes the scenario schema), a number its member cannot hold gets an NDIS status, never a hang or a TypeError.
 */
import { describe, expect, test } from 'vitest';
import { INTEGER_MEMBER_TYPES, STRUCT_LAYOUTS, type Layout, type NdisIntegerType } from '../ndis/fields.ts';
import { queueIdOf, VM1, vmqAdapter } from '../testing.ts';
import { lowestCpu } from './queueParams.ts';

const HOSTILE_NUMBERS = [0.5, -16, -1, 2 ** 53, 1e300, Number.NaN, Number.POSITIVE_INFINITY, -0.0001];

describe('ProcessorAffinity.Mask (KAFFINITY)', () => {
  test.each(HOSTILE_NUMBERS)('R5 ALLOCATE_QUEUE with Mask %s is refused with NDIS_STATUS_INVALID_DATA', (mask) => {
    const a = vmqAdapter('ws2012');
    const result = a.tryAllocate({ mask });
    expect(result.status).toBe('NDIS_STATUS_INVALID_DATA');
    expect(result.message).toMatch(/Mask/);
    expect(a.e.view().queues.filter((q) => q.QueueId !== 0 && q.state !== 'Undefined')).toEqual([]);
  });

  test('R5 a fractional mask does not freeze the engine: traffic still flows afterwards', () => {
    const a = vmqAdapter('ws2012');
    a.tryAllocate({ mask: 0.5 });
    a.traffic(VM1.mac, { count: 3 });
    a.settle();
    expect(a.e.view().totals.arrived).toBe(3);
  });

  test('R5 QUEUE_PARAMETERS set with a negative mask is refused and the queue keeps its processor', () => {
    const a = vmqAdapter('ws2012');
    const { queueId } = a.vmQueue(VM1);
    const before = a.e.queue(queueId)?.cpu;
    const result = a.setQueueParameters(queueId, {
      Flags: ['NDIS_RECEIVE_QUEUE_PARAMETERS_PROCESSOR_AFFINITY_CHANGED'],
      ProcessorAffinity: { Mask: -16, Group: 0 },
    });
    expect(result.status).toBe('NDIS_STATUS_INVALID_DATA');
    expect(a.e.queue(queueId)?.cpu).toBe(before);
    a.traffic(VM1.mac, { count: 2, vlanId: VM1.vlan });
    a.settle();
    expect(a.e.queue(queueId)?.counters.indicated).toBe(2);
  });

  test('R5 a whole mask beyond the processors is still the R5 refusal (NDIS_STATUS_INVALID_PARAMETER)', () => {
    const a = vmqAdapter('ws2012');
    expect(a.tryAllocate({ mask: 2 ** 40 }).status).toBe('NDIS_STATUS_INVALID_PARAMETER');
  });
});

describe('every integer member', () => {
  test.each([
    ['NumSuggestedReceiveBuffers', 2 ** 32],
    ['NumSuggestedReceiveBuffers', 1.5],
    ['LookaheadSize', -1],
    ['QueueType', 'NdisReceiveQueueTypeVMQueue-ish'],
    ['Flags', [0.5]],
    ['PortId', '99999999999999999999'],
  ])('ALLOCATE_QUEUE with %s = %j is NDIS_STATUS_INVALID_DATA', (member, value) => {
    const a = vmqAdapter('ws2012');
    expect(a.tryAllocate({ extra: { [member]: value } }).status).toBe('NDIS_STATUS_INVALID_DATA');
  });

  test('Header.Revision that is no UCHAR is NDIS_STATUS_INVALID_DATA, not an exception', () => {
    const a = vmqAdapter('ws2012');
    for (const Revision of ['two', 256, -1, 1.5]) {
      expect(a.tryAllocate({ extra: { Header: { Revision } } }).status).toBe('NDIS_STATUS_INVALID_DATA');
    }
  });

  test('FREE_QUEUE naming a QueueId beyond a ULONG is NDIS_STATUS_INVALID_DATA', () => {
    const a = vmqAdapter('ws2012');
    expect(a.free(2 ** 32 + 1).status).toBe('NDIS_STATUS_INVALID_DATA');
  });

  test('a VLAN FieldShortValue beyond a USHORT is NDIS_STATUS_INVALID_DATA', () => {
    const a = vmqAdapter('ws2012');
    const queueId = a.allocate();
    expect(a.setMacFilter(queueId, VM1.mac, 70000).status).toBe('NDIS_STATUS_INVALID_DATA');
  });

  test('R27 QUEUE_ALLOCATION_COMPLETE with a fractional NumElements is refused, the queue stays Allocated', () => {
    const a = vmqAdapter('ws2012');
    const queueId = a.allocate();
    const result = a.request({
      oid: 'OID_RECEIVE_FILTER_QUEUE_ALLOCATION_COMPLETE',
      buffer: { NumElements: 0.5, Elements: [{ QueueId: queueId }] },
    });
    expect(result.status).toBe('NDIS_STATUS_INVALID_DATA');
    expect(a.e.queue(queueId)?.state).toBe('Allocated');
  });

  test('a reset aborts a held request whose buffer cannot be read, without an exception', () => {
    const a = vmqAdapter('ws2012', (cfg) => {
      cfg.adapter.options.pendingOids = { OID_RECEIVE_FILTER_ALLOCATE_QUEUE: 1000 };
    });
    a.tryAllocate();
    const held = a.tryAllocate({ extra: { QueueId: 'not a number' } });
    expect(held.status).toBe('NDIS_STATUS_PENDING');
    expect(() => a.e.adapterAction('reset')).not.toThrow();
    a.settle();
    expect(a.e.result(held.requestId)?.status).not.toBe('NDIS_STATUS_PENDING');
  });
});

describe('lowestCpu', () => {
  test('ends for any number, and finds the lowest set bit of a whole mask', () => {
    for (const mask of [...HOSTILE_NUMBERS, 0]) expect(lowestCpu(mask)).toBeGreaterThanOrEqual(0);
    expect(lowestCpu(0b1100)).toBe(2);
    expect(lowestCpu(2 ** 52)).toBe(52);
  });
});

describe('STRUCT_LAYOUTS', () => {
  test('a member name has one C type in every structure, so readers can check by name', () => {
    const seen = new Map<string, NdisIntegerType>();
    const walk = (layout: Layout) => {
      for (const [name, member] of Object.entries(layout)) {
        if (Array.isArray(member)) walk(member[0] as Layout);
        else if (typeof member === 'object') walk(member as Layout);
        else if (member !== 'IF_COUNTED_STRING' && member !== 'VALUE_UNION') {
          expect(seen.get(name) ?? member, name).toBe(member);
          seen.set(name, member as NdisIntegerType);
        }
      }
    };
    for (const layout of Object.values(STRUCT_LAYOUTS)) walk(layout);
    expect(new Map(INTEGER_MEMBER_TYPES)).toEqual(seen);
  });

  test('a well-formed request still succeeds (the checks refuse only impossible values)', () => {
    const a = vmqAdapter('ws2012');
    expect(queueIdOf(a.tryAllocate({ mask: 2 ** 3, extra: { Header: { Revision: 2 } } }))).toBeGreaterThan(0);
  });
});
