/** The capability OIDs (§3.1–3.3), answered by NDIS from what the miniport registered at initialization. */
import type { Ctx } from '../context.ts';
import { NDIS_OBJECT_TYPE_DEFAULT } from '../ndis/constants.ts';
import { revisionFor, structSize } from '../ndis/structs.ts';
import type { ReceiveFilterCapabilities } from '../types.ts';
import type { OidDescriptor } from './descriptor.ts';
import { NO_INPUT } from './form.ts';
import { ok, type OidHandler } from './outcome.ts';

const capsSize = (ctx: Ctx): number =>
  structSize('NDIS_RECEIVE_FILTER_CAPABILITIES', revisionFor('NDIS_RECEIVE_FILTER_CAPABILITIES', ctx.ndisVersion))!;

function capabilitiesOut(ctx: Ctx, caps: ReceiveFilterCapabilities) {
  const revision = revisionFor('NDIS_RECEIVE_FILTER_CAPABILITIES', ctx.ndisVersion);
  return {
    Header: { Type: NDIS_OBJECT_TYPE_DEFAULT, Revision: revision, Size: capsSize(ctx) },
    Flags: 0,
    ...caps,
    ...(revision >= 2
      ? {
          SupportedARPHeaderFields: 0,
          SupportedIPv4HeaderFields: 0,
          SupportedIPv6HeaderFields: 0,
          SupportedUdpHeaderFields: 0,
          MaxFieldTestsPerPacketCoalescingFilter: 0,
          MaxPacketCoalescingFilters: 0,
          NdisReserved: 0,
        }
      : {}),
  };
}

const capabilities = (which: 'hardware' | 'current'): OidHandler => ({
  bytesNeeded: capsSize,
  ndis: (ctx) => ({
    ...ok(
      'NDIS',
      `answered by NDIS from the ${which === 'hardware' ? 'HardwareReceiveFilterCapabilities' : 'CurrentReceiveFilterCapabilities'} the miniport registered; the miniport is not called`,
      capabilitiesOut(ctx, ctx.caps![which]),
    ),
    bytesReadOrWritten: capsSize(ctx),
  }),
});

const GLOBAL_SIZE = structSize('NDIS_RECEIVE_FILTER_GLOBAL_PARAMETERS', 1)!;

export const CAPABILITY_OIDS = {
  OID_RECEIVE_FILTER_HARDWARE_CAPABILITIES: {
    value: 0x00010221,
    kinds: ['query'],
    struct: 'NDIS_RECEIVE_FILTER_CAPABILITIES',
    section: '3.1',
    purpose: 'Everything the NIC can do, answered by NDIS from what the miniport registered.',
    form: NO_INPUT,
    ...capabilities('hardware'),
  },
  OID_RECEIVE_FILTER_CURRENT_CAPABILITIES: {
    value: 0x0001022d,
    kinds: ['query'],
    struct: 'NDIS_RECEIVE_FILTER_CAPABILITIES',
    section: '3.2',
    purpose: 'What is enabled now (the *VMQ keywords), answered by NDIS.',
    form: NO_INPUT,
    ...capabilities('current'),
  },
  OID_RECEIVE_FILTER_GLOBAL_PARAMETERS: {
    value: 0x00010222,
    kinds: ['query'],
    struct: 'NDIS_RECEIVE_FILTER_GLOBAL_PARAMETERS',
    section: '3.3',
    purpose: 'Which filter and queue types are enabled, answered by NDIS.',
    form: NO_INPUT,
    bytesNeeded: () => GLOBAL_SIZE,
    ndis: (ctx) => ({
      ...ok('NDIS', 'answered by NDIS: the filter and queue types currently enabled', {
        Header: { Type: NDIS_OBJECT_TYPE_DEFAULT, Revision: 1, Size: GLOBAL_SIZE },
        Flags: 0,
        EnabledFilterTypes: ctx.caps!.current.EnabledFilterTypes,
        EnabledQueueTypes: ctx.caps!.current.EnabledQueueTypes,
      }),
      bytesReadOrWritten: GLOBAL_SIZE,
    }),
  },
} satisfies Record<string, OidDescriptor>;
