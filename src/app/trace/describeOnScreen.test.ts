import { describe, expect, it } from 'vitest';
import { VM1, vmqAdapter } from '../../engine/testing.ts';
import { describeOnScreen } from './describeOnScreen.ts';

/** Actor and issuedBy of every request and completion, in trace order, with the OID they are about. */
function requestRows(a: ReturnType<typeof vmqAdapter>) {
  return a.events.flatMap((event) => {
    if (event.kind !== 'oid-requested' && event.kind !== 'oid-completed') return [];
    const oid = event.kind === 'oid-requested' ? event.oid : event.result.oid;
    const { actor, issuedBy } = describeOnScreen(event);
    return [[event.kind, oid.replace('OID_RECEIVE_FILTER_', ''), actor, issuedBy]];
  });
}

describe('describeOnScreen marks the requests NDIS issues itself', () => {
  it("R41 after a binding named like NDIS's own closes unclean, only NDIS's cleanup requests are NDIS's: its own ALLOCATE_QUEUE stays the overlying driver's", () => {
    // A binding may be called anything, NDIS included: the mark comes from the engine's issuedBy, not the name.
    const a = vmqAdapter('ws2012');
    a.allocate({ vm: VM1.name, binding: 'NDIS' });
    a.e.closeBinding('NDIS');
    expect(requestRows(a)).toEqual([
      ['oid-requested', 'ALLOCATE_QUEUE', 'overlying', undefined],
      ['oid-completed', 'ALLOCATE_QUEUE', 'miniport', undefined],
      ['oid-requested', 'FREE_QUEUE', 'NDIS', 'NDIS'],
      // A completion's actor stays the layer that decided the status.
      ['oid-completed', 'FREE_QUEUE', 'miniport', 'NDIS'],
    ]);
  });

  it('R42 at halt, the CLEAR_FILTER and FREE_QUEUE that NDIS issues are NDIS’s; the description text is unchanged', () => {
    const a = vmqAdapter('ws2012');
    a.vmQueue(VM1);
    const halt = a.mark();
    a.e.adapterAction('halt');
    const requested = a.of('oid-requested', halt);
    expect(requested.map((e) => describeOnScreen(e))).toEqual([
      {
        actor: 'NDIS',
        text: '#4 vmswitch → OID_RECEIVE_FILTER_CLEAR_FILTER (NdisRequestSetInformation, 16 bytes) QueueId=1 FilterId=1',
        issuedBy: 'NDIS',
      },
      {
        actor: 'NDIS',
        text: '#5 vmswitch → OID_RECEIVE_FILTER_FREE_QUEUE (NdisRequestSetInformation, 12 bytes) QueueId=1',
        issuedBy: 'NDIS',
      },
    ]);
  });
});
