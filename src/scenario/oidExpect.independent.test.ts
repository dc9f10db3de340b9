/**
 * Independent tests of OID expectations (docs/scenario-format.md "OID expectations"): the final status with
 * matchers, and the NDIS_OID_REQUEST results BytesNeeded, BytesRead and BytesWritten for Set, Query and Method
 * requests. Sizes come from the reference (§4, §4.19, R2) and statuses from §2.2 and §12.
 */
import { describe, expect, it } from 'vitest';
import { docV2, expectFailureNaming, expectHolds, oidCheck, refused } from './checkLanguage.independent.testing.ts';
import { RUNNING_QUEUE, allocateBuffer, setFilterBuffer } from './independent.testing.ts';

const ALLOCATE_Q = RUNNING_QUEUE.slice(0, 1);
const free = (expect: Record<string, unknown>, over: Record<string, unknown> = {}) => ({
  oid: 'OID_RECEIVE_FILTER_FREE_QUEUE',
  buffer: { QueueId: '$q.QueueId' },
  expect,
  ...over,
});
const ws2008r2 = { adapter: { profile: 'ws2008r2' } };

describe('status', () => {
  it('is the final status of a pended request, not NDIS_STATUS_PENDING', () => {
    const pending = {
      adapter: { profile: 'ws2012', options: { pendingOids: { OID_RECEIVE_FILTER_FREE_QUEUE: '50us' } } },
    };
    expectHolds(oidCheck(ALLOCATE_Q, free({ status: 'NDIS_STATUS_SUCCESS', pended: true }), pending));
    expectHolds(oidCheck(ALLOCATE_Q, free({ status: { not: 'NDIS_STATUS_PENDING' } }), pending));
    expectFailureNaming(
      oidCheck(ALLOCATE_Q, free({ status: 'NDIS_STATUS_PENDING' }), pending),
      'NDIS_STATUS_PENDING',
      'NDIS_STATUS_SUCCESS',
    );
  });

  it('R19 takes a failure matcher: FREE_QUEUE of the default queue is refused', () => {
    const freeDefault = (status: unknown) =>
      oidCheck([], { oid: 'OID_RECEIVE_FILTER_FREE_QUEUE', buffer: { QueueId: 0 }, expect: { status } });
    expectHolds(freeDefault({ failure: true }));
    expectHolds(freeDefault('NDIS_STATUS_INVALID_PARAMETER'));
    expectFailureNaming(freeDefault({ failure: false }), 'NDIS_STATUS_INVALID_PARAMETER');
  });

  it('R17 takes oneOf: CLEAR_FILTER of an unknown FilterId gets NDIS_STATUS_FILE_NOT_FOUND', () => {
    const clear = (status: unknown) =>
      oidCheck(RUNNING_QUEUE, {
        oid: 'OID_RECEIVE_FILTER_CLEAR_FILTER',
        buffer: { QueueId: '$q.QueueId', FilterId: 99 },
        expect: { status },
      });
    expectHolds(clear({ oneOf: ['NDIS_STATUS_FILE_NOT_FOUND', 'NDIS_STATUS_INVALID_PARAMETER'] }));
    expectFailureNaming(clear({ oneOf: ['NDIS_STATUS_SUCCESS'] }), 'NDIS_STATUS_FILE_NOT_FOUND');
  });

  it('an NDIS status equals its number: NDIS_STATUS_SUCCESS is 0 (§2.2)', () => {
    const allocate = (status: unknown) =>
      oidCheck([], { oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE', buffer: allocateBuffer(), expect: { status } });
    expectHolds(allocate(0));
    expectFailureNaming(allocate(0xc0000001), 'NDIS_STATUS_SUCCESS');
  });
});

describe('BytesNeeded (R2)', () => {
  it('R2 FREE_QUEUE with a short buffer: INVALID_LENGTH and BytesNeeded 12 (§4.2)', () => {
    const short = (expect: Record<string, unknown>) => oidCheck(ALLOCATE_Q, free(expect, { bufferLength: 8 }));
    expectHolds(short({ status: 'NDIS_STATUS_INVALID_LENGTH', BytesNeeded: 12 }));
    expectHolds(short({ BytesNeeded: { gte: 12, lt: 16 } }));
    expectFailureNaming(short({ BytesNeeded: 11 }), 'BytesNeeded', '11', '12');
  });

  it('R2 CLEAR_FILTER with a short buffer: BytesNeeded 16 (§4.6)', () => {
    const result = oidCheck(RUNNING_QUEUE, {
      oid: 'OID_RECEIVE_FILTER_CLEAR_FILTER',
      buffer: { QueueId: '$q.QueueId', FilterId: '$f.FilterId' },
      bufferLength: 4,
      expect: { status: 'NDIS_STATUS_INVALID_LENGTH', BytesNeeded: 16 },
    });
    expectHolds(result);
  });

  it('R2 ALLOCATE_QUEUE on 2008 R2 with a short buffer: BytesNeeded 1084, revision 1 on x64 (§4.1)', () => {
    const result = oidCheck(
      [],
      {
        oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE',
        buffer: allocateBuffer(),
        bufferLength: 100,
        expect: { status: 'NDIS_STATUS_INVALID_LENGTH', BytesNeeded: 1084 },
      },
      ws2008r2,
    );
    expectHolds(result);
  });

  it('R2 SET_FILTER on 2008 R2 with a short buffer: BytesNeeded 36, filter parameters revision 1 (§4.4)', () => {
    const result = oidCheck(
      ALLOCATE_Q,
      {
        oid: 'OID_RECEIVE_FILTER_SET_FILTER',
        buffer: setFilterBuffer(),
        bufferLength: 10,
        expect: { status: 'NDIS_STATUS_INVALID_LENGTH', BytesNeeded: { gte: 36 } },
      },
      ws2008r2,
    );
    expectHolds(result);
  });

  it('is 0 for a request whose buffer was long enough', () => {
    expectHolds(oidCheck(ALLOCATE_Q, free({ status: 'NDIS_STATUS_SUCCESS', BytesNeeded: 0 })));
  });
});

describe('BytesRead and BytesWritten', () => {
  it('a Set request reads its structure and writes nothing: FREE_QUEUE reads 12 bytes (§4.2)', () => {
    expectHolds(oidCheck(ALLOCATE_Q, free({ status: 'NDIS_STATUS_SUCCESS', BytesWritten: 0 })));
    expectHolds(oidCheck(ALLOCATE_Q, free({ status: 'NDIS_STATUS_SUCCESS', BytesRead: 12 })));
  });

  it('a Set request: CLEAR_FILTER reads its 16-byte structure (§4.6)', () => {
    const clear = (expect: Record<string, unknown>) =>
      oidCheck(RUNNING_QUEUE, {
        oid: 'OID_RECEIVE_FILTER_CLEAR_FILTER',
        buffer: { QueueId: '$q.QueueId', FilterId: '$f.FilterId' },
        expect,
      });
    expectHolds(clear({ BytesRead: 16, BytesWritten: 0 }));
    expectFailureNaming(clear({ BytesRead: 12 }), 'BytesRead', '12');
  });

  it('a Query request reads nothing and writes its structure: HARDWARE_CAPABILITIES revision 2 is 84 bytes (§4.7)', () => {
    const caps = (expect: Record<string, unknown>) =>
      oidCheck([], { oid: 'OID_RECEIVE_FILTER_HARDWARE_CAPABILITIES', expect });
    expectHolds(caps({ status: 'NDIS_STATUS_SUCCESS', BytesRead: 0, BytesWritten: 84 }));
    expectFailureNaming(caps({ BytesWritten: 56 }), 'BytesWritten', '56', '84');
  });

  it('a Query request on 2008 R2: HARDWARE_CAPABILITIES revision 1 is 56 bytes (§4.7)', () => {
    const result = oidCheck(
      [],
      { oid: 'OID_RECEIVE_FILTER_HARDWARE_CAPABILITIES', expect: { BytesWritten: 56 } },
      ws2008r2,
    );
    expectHolds(result);
  });

  it('a Query request: GLOBAL_PARAMETERS writes its 16-byte structure (§4.8)', () => {
    expectHolds(
      oidCheck([], { oid: 'OID_RECEIVE_FILTER_GLOBAL_PARAMETERS', expect: { BytesWritten: 16, BytesRead: 0 } }),
    );
  });

  it('a Method request reads and writes its structure in place: ALLOCATE_QUEUE on 2012 is 1092 bytes (§4.1 rev 2)', () => {
    const allocate = (expect: Record<string, unknown>) =>
      oidCheck([], { oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE', buffer: allocateBuffer(), expect });
    expectHolds(allocate({ BytesRead: 1092 }));
    expectHolds(allocate({ BytesWritten: 1092 }));
    expectFailureNaming(allocate({ BytesWritten: 0 }), 'BytesWritten', '1092');
  });

  it('a Method request on 2008 R2: ALLOCATE_QUEUE revision 1 is 1084 bytes (§4.1)', () => {
    const result = oidCheck(
      [],
      {
        oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE',
        buffer: allocateBuffer(),
        expect: { BytesRead: 1084, BytesWritten: 1084 },
      },
      ws2008r2,
    );
    expectHolds(result);
  });

  it('a Method request: QUEUE_ALLOCATION_COMPLETE of one queue uses 20 + 16 bytes (§4.3)', () => {
    const complete = (expect: Record<string, unknown>) =>
      oidCheck(RUNNING_QUEUE.slice(0, 2), {
        oid: 'OID_RECEIVE_FILTER_QUEUE_ALLOCATION_COMPLETE',
        buffer: { Elements: [{ QueueId: '$q.QueueId' }] },
        expect,
      });
    expectHolds(complete({ BytesRead: 36, BytesWritten: 36 }));
    expectFailureNaming(complete({ BytesRead: { lt: 36 } }), 'BytesRead', '36');
  });

  it('a Method request: SET_FILTER with two field tests on 2012 uses 44 + 2 × 56 bytes (§4.4, §4.5)', () => {
    const result = oidCheck(ALLOCATE_Q, {
      oid: 'OID_RECEIVE_FILTER_SET_FILTER',
      buffer: setFilterBuffer(),
      expect: { status: 'NDIS_STATUS_SUCCESS', BytesRead: 156, BytesWritten: 156 },
    });
    expectHolds(result);
  });
});

describe('layer', () => {
  it('§3.10: NDIS answers ENUM_QUEUES from its cache; the miniport decides ALLOCATE_QUEUE (§3.4)', () => {
    expectHolds(oidCheck(ALLOCATE_Q, { oid: 'OID_RECEIVE_FILTER_ENUM_QUEUES', expect: { layer: 'NDIS' } }));
    expectFailureNaming(
      oidCheck([], {
        oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE',
        buffer: allocateBuffer(),
        expect: { layer: 'NDIS' },
      }),
      'miniport',
    );
  });
});

describe('load-time validation', () => {
  it('version 2 spells the results as in NDIS_OID_REQUEST: a lower-case bytesNeeded is an unknown key', () => {
    const errors = refused(docV2([free({ bytesNeeded: 12 }, { bufferLength: 8 })]));
    expect(errors.some((e) => e.path.startsWith('steps[0].expect') && e.message.includes('BytesNeeded'))).toBe(true);
  });

  it('a misspelt result member (BytesWriten) is an error with a suggestion', () => {
    const errors = refused(docV2([...ALLOCATE_Q, free({ BytesWriten: 0 })]));
    expect(errors.some((e) => e.path.startsWith('steps[1].expect') && e.message.includes('BytesWritten'))).toBe(true);
  });

  it('a state-name matcher on BytesRead is an error (a comparison needs a number)', () => {
    const errors = refused(docV2([...ALLOCATE_Q, free({ BytesRead: { gte: 'Running' } })]));
    expect(errors.some((e) => e.path.startsWith('steps[1].expect.BytesRead'))).toBe(true);
  });
});
