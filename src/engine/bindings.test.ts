import { describe, expect, it } from 'vitest';
import { allocateBuffer, vmqAdapter } from './testing.ts';

describe('bindings named like inherited properties', () => {
  it.each(['__proto__', 'constructor', 'toString'])(
    'closing "%s" closes that binding only, and a snapshot keeps it closed',
    (name) => {
      const a = vmqAdapter();
      const allocate = (binding: string) =>
        a.e.request({ oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE', binding, buffer: allocateBuffer({ binding }) }).status;
      expect(allocate(name)).toBe('NDIS_STATUS_SUCCESS');
      a.e.closeBinding(name);
      expect(allocate('vmswitch')).toBe('NDIS_STATUS_SUCCESS');
      expect(allocate(name)).toBe('NDIS_STATUS_FAILURE');
      const snapshot = a.e.snapshot();
      a.e.restore(snapshot);
      expect(allocate(name)).toBe('NDIS_STATUS_FAILURE');
      expect(allocate('vmswitch')).toBe('NDIS_STATUS_SUCCESS');
    },
  );
});
