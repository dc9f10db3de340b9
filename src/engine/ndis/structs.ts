/**
 * Structure revisions and their NDIS_SIZEOF_…_REVISION_n sizes (x64), from §4.19 of the reference.
 * The length checks of R2 (NDIS_STATUS_INVALID_LENGTH + BytesNeeded) are computed from this table.
 */
export const STRUCT_SIZES = {
  NDIS_RECEIVE_QUEUE_PARAMETERS: { 1: 1084, 2: 1092, 3: 1096 },
  NDIS_RECEIVE_QUEUE_INFO: { 1: 1084, 2: 1092 },
  NDIS_RECEIVE_FILTER_CAPABILITIES: { 1: 56, 2: 84 },
  NDIS_RECEIVE_FILTER_PARAMETERS: { 1: 36, 2: 44 },
  NDIS_RECEIVE_FILTER_FIELD_PARAMETERS: { 1: 56, 2: 56 },
  NDIS_RECEIVE_FILTER_CLEAR_PARAMETERS: { 1: 16 },
  NDIS_RECEIVE_FILTER_GLOBAL_PARAMETERS: { 1: 16 },
  NDIS_RECEIVE_QUEUE_FREE_PARAMETERS: { 1: 12 },
  NDIS_RECEIVE_QUEUE_INFO_ARRAY: { 1: 16 },
  NDIS_RECEIVE_FILTER_INFO: { 1: 16 },
  NDIS_RECEIVE_FILTER_INFO_ARRAY: { 1: 20, 2: 28 },
  NDIS_RECEIVE_QUEUE_ALLOCATION_COMPLETE_PARAMETERS: { 1: 16 },
  NDIS_RECEIVE_QUEUE_ALLOCATION_COMPLETE_ARRAY: { 1: 20 },
  NDIS_RECEIVE_QUEUE_STATE: { 1: 16 },
  NDIS_RECEIVE_FILTER_MOVE_FILTER_PARAMETERS: { 1: 24 },
  NDIS_SHARED_MEMORY_PARAMETERS: { 1: 64, 2: 68 },
} as const satisfies Record<string, Record<number, number>>;

export type StructName = keyof typeof STRUCT_SIZES;

/** Size of `struct` at `revision`, or undefined when that revision does not exist. */
export function structSize(struct: StructName, revision: number): number | undefined {
  return (STRUCT_SIZES[struct] as Record<number, number>)[revision];
}

/** The newest revision of `struct` that an adapter of `ndisVersion` (620, 630, …) understands. */
export function revisionFor(struct: StructName, ndisVersion: number): number {
  const revisions = Object.keys(STRUCT_SIZES[struct]).map(Number);
  const byVersion = ndisVersion >= 650 ? 3 : ndisVersion >= 630 ? 2 : 1;
  return Math.max(...revisions.filter((r) => r <= byVersion));
}

/** `NDIS_OBJECT_HEADER` as carried in JSON buffers. */
export interface NdisObjectHeader {
  Type: number;
  Revision: number;
  Size: number;
}
