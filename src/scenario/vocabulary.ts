/** The names a scenario may use for states, statuses and kinds, shared by the schema and the check language. */
import {
  DROP_REASONS,
  NDIS_RECEIVE_QUEUE_OPERATIONAL_STATE,
  NDIS_REQUEST_TYPE,
  NDIS_SHARED_MEMORY_USAGE,
  NDIS_STATUS,
  NDIS_STATUS_INDICATION_CODE,
  OID_NAMES,
  type AdapterState,
  type DetailedQueueState,
  type Layer,
  type NdisStatusName,
  type OperationalStateName,
  type RequestTypeName,
  type SharedMemoryUsageName,
  type StatusIndicationName,
} from '../engine/index.ts';

/** The members of a string union as an array; the compiler rejects the list when one is missing. */
export const allOf =
  <T extends string>() =>
  <const A extends readonly T[]>(values: A & ([T] extends [A[number]] ? unknown : 'a member is missing')): A =>
    values;

export const QUEUE_STATES = allOf<DetailedQueueState>()([
  'Undefined',
  'Allocated',
  'Set',
  'Running',
  'Paused',
  'StopDma',
  'Freeing',
]);
export const ADAPTER_STATES = allOf<AdapterState>()(['Running', 'Paused', 'Resetting', 'Halting', 'Halted']);
export const LAYERS = allOf<Layer>()(['NDIS', 'miniport']);
export const REQUEST_TYPES = Object.keys(NDIS_REQUEST_TYPE) as RequestTypeName[];
export const STATUS_NAMES = Object.keys(NDIS_STATUS) as NdisStatusName[];
export const STATUS_INDICATIONS = Object.keys(NDIS_STATUS_INDICATION_CODE) as StatusIndicationName[];
export const OPERATIONAL_STATES = Object.keys(NDIS_RECEIVE_QUEUE_OPERATIONAL_STATE) as OperationalStateName[];
export const USAGES = Object.keys(NDIS_SHARED_MEMORY_USAGE) as SharedMemoryUsageName[];
export { DROP_REASONS, OID_NAMES };
