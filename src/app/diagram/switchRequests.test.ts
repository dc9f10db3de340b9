import { describe, expect, it } from 'vitest';
import { asQueueId, asTimeNs, type TraceEvent } from '../../engine/types.ts';
import { TraceDigest } from '../viz/traceDigest.ts';
import { requestsToList } from './switchRequests.ts';

const T0 = asTimeNs(0);
let seq = 0;
const requested = (requestId: number): TraceEvent => ({
  t: T0,
  seq: seq++,
  kind: 'oid-requested',
  requestId,
  oid: 'OID_RECEIVE_FILTER_SET_FILTER',
  requestType: 'NdisRequestMethod',
  binding: 'vmswitch',
  bufferLength: 0,
});
const pended = (requestId: number): TraceEvent => ({
  t: T0,
  seq: seq++,
  kind: 'oid-pended',
  requestId,
  oid: 'OID_RECEIVE_FILTER_FREE_QUEUE',
  layer: 'miniport',
});
const completed = (requestId: number): TraceEvent => ({
  t: T0,
  seq: seq++,
  kind: 'oid-completed',
  pended: false,
  result: {
    requestId,
    oid: 'OID_RECEIVE_FILTER_SET_FILTER',
    requestType: 'NdisRequestMethod',
    binding: 'vmswitch',
    status: 'NDIS_STATUS_SUCCESS',
    layer: 'miniport',
    bytesNeeded: 0,
    bytesReadOrWritten: 0,
    message: '',
    issuedAtNs: T0,
    completedAtNs: T0,
  },
});
const dmaStopped = (queueId: number, causeRequestId: number): TraceEvent => ({
  t: T0,
  seq: seq++,
  kind: 'status-indicated',
  code: 'NDIS_STATUS_RECEIVE_QUEUE_STATE',
  queueId: asQueueId(queueId),
  queueState: 'NdisReceiveQueueOperationalStateDmaStopped',
  payload: {},
  causeRequestId,
});

describe('requestsToList', () => {
  it('lists the newest requests in request order', () => {
    const digest = new TraceDigest();
    digest.apply([1, 2, 3, 4, 5, 6].flatMap((id) => [requested(id), completed(id)]));
    expect(requestsToList(digest, 3).map((f) => f.requestId)).toEqual([4, 5, 6]);
  });

  it("keeps a pending request and an indication's cause however many came after", () => {
    const digest = new TraceDigest();
    digest.apply([requested(1), pended(1), requested(2), dmaStopped(3, 2), completed(2)]);
    digest.apply([3, 4, 5, 6, 7, 8].flatMap((id) => [requested(id), completed(id)]));
    const listed = requestsToList(digest, 4).map((f) => f.requestId);
    expect(listed).toContain(1);
    expect(listed).toContain(2);
    expect(listed).toHaveLength(4);
  });
});
