/**
 * The OID table (§2.1): every OID_RECEIVE_FILTER_* the emulator handles, one descriptor each, in the
 * order of their values. Its names are the OidName type, so a descriptor added to one of these modules
 * is known everywhere (requests, scenario schema, console) without another edit.
 */
import type { RequestTypeName } from '../ndis/constants.ts';
import { requestTypeOf } from '../ndis/requestTypes.ts';
import { CAPABILITY_OIDS } from './capabilityOids.ts';
import type { OidDescriptor } from './descriptor.ts';
import { FILTER_OIDS } from './filterOids.ts';
import { QUEUE_OIDS } from './queueOids.ts';
import { QUEUE_PARAMETERS_OIDS } from './queueParametersOid.ts';

const DESCRIPTORS = { ...CAPABILITY_OIDS, ...QUEUE_OIDS, ...QUEUE_PARAMETERS_OIDS, ...FILTER_OIDS };

export type OidName = keyof typeof DESCRIPTORS;

export const OID_INFO: Readonly<Record<OidName, OidDescriptor>> = DESCRIPTORS;

/** Every OID name, by ascending value (the header's order). */
export const OID_NAMES: readonly OidName[] = (Object.keys(OID_INFO) as OidName[]).sort(
  (a, b) => OID_INFO[a].value - OID_INFO[b].value,
);

/** §2.1 — each OID's value. */
export const OID = Object.fromEntries(OID_NAMES.map((name) => [name, OID_INFO[name].value])) as Readonly<
  Record<OidName, number>
>;

/** The request type an OID is issued with unless the caller says otherwise. */
export const naturalRequestType = (oid: OidName): RequestTypeName => requestTypeOf(OID_INFO[oid].kinds[0]!);
