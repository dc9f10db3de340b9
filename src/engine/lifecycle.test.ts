/**
 * NDIS's own cleanup requests (lifecycle.ts, cleanUp) are told from a binding's by `issuedBy: 'NDIS'`, on the
 * oid-requested event and on the result, while they keep the name of the binding whose queue or filter they free.
 */
import { describe, expect, test } from 'vitest';
import { VM1, VM2, vmqAdapter, type EventOf, type VmqAdapter } from './testing.ts';

/** Each request issued from event `from` on (before event `to`): its OID, binding, and the issuedBy of its
 * oid-requested event, of its result and of its oid-completed event. */
function requests(a: VmqAdapter, from: number, to = a.events.length) {
  const issued = a.events.slice(from, to).filter((e): e is EventOf<'oid-requested'> => e.kind === 'oid-requested');
  return issued.map((requested) => {
    const completed = a.of('oid-completed').find((c) => c.result.requestId === requested.requestId);
    return {
      oid: requested.oid,
      binding: requested.binding,
      requested: requested.issuedBy,
      result: a.e.result(requested.requestId)?.issuedBy,
      completed: completed?.result.issuedBy,
    };
  });
}

const byNdis = (oid: string, binding: string) => ({
  oid,
  binding,
  requested: 'NDIS',
  result: 'NDIS',
  completed: 'NDIS',
});

describe("R42 halt: NDIS's own requests are marked as NDIS's", () => {
  test("R42 halt with a queue and its filter left: NDIS's CLEAR_FILTER and FREE_QUEUE carry issuedBy NDIS; the driver's own FREE_QUEUE does not", () => {
    const a = vmqAdapter('ws2012');
    const freed = a.vmQueue(VM1);
    a.vmQueue(VM2, { mask: 4 });
    const driver = a.mark();
    a.clearFilter(freed.queueId, freed.filterId);
    a.free(freed.queueId);
    const halt = a.mark();
    a.e.adapterAction('halt');

    const own = { requested: undefined, result: undefined, completed: undefined };
    expect(requests(a, driver, halt)).toEqual([
      { oid: 'OID_RECEIVE_FILTER_CLEAR_FILTER', binding: 'vmswitch', ...own },
      { oid: 'OID_RECEIVE_FILTER_FREE_QUEUE', binding: 'vmswitch', ...own },
    ]);
    expect(requests(a, halt)).toEqual([
      byNdis('OID_RECEIVE_FILTER_CLEAR_FILTER', 'vmswitch'),
      byNdis('OID_RECEIVE_FILTER_FREE_QUEUE', 'vmswitch'),
    ]);
    // Absent, not undefined: a binding's requests serialize (NDJSON, saved sessions) as they always did.
    expect(a.events.slice(driver, halt).some((e) => e.kind === 'oid-requested' && 'issuedBy' in e)).toBe(false);
  });
});

describe("R41 closing a binding: NDIS's cleanup requests are marked as NDIS's", () => {
  test("R41 closing a binding with a queue and its filter left: NDIS's CLEAR_FILTER and FREE_QUEUE carry issuedBy NDIS and the closed binding's name; the other binding's requests do not", () => {
    const a = vmqAdapter('ws2012');
    a.vmQueue(VM1, { binding: 'A' });
    const theirs = a.vmQueue(VM2, { binding: 'B', mask: 4 });
    const close = a.mark();
    a.e.closeBinding('A');
    expect(requests(a, close)).toEqual([
      byNdis('OID_RECEIVE_FILTER_CLEAR_FILTER', 'A'),
      byNdis('OID_RECEIVE_FILTER_FREE_QUEUE', 'A'),
    ]);

    const after = a.mark();
    expect(a.clearFilter(theirs.queueId, theirs.filterId, 'B')).not.toHaveProperty('issuedBy');
    expect(a.free(theirs.queueId, 'B')).not.toHaveProperty('issuedBy');
    expect(a.of('oid-requested', after).map((e) => [e.binding, 'issuedBy' in e])).toEqual([
      ['B', false],
      ['B', false],
    ]);
  });
});
