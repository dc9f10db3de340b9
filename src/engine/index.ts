/**
 * The engine's one public entry. The app, the worker, the clients, the protocol, the scenario runner, the CLI and
 * the bench import the engine from here only, so what the engine decides reaches them through this contract and
 * its internals can move freely.
 */
export {
  RUN_UNTIL_IDLE_LIMIT_NS,
  type AdapterAction,
  type Engine,
  type EngineSnapshot,
  type FlowSpec,
} from './api.ts';
export { createEngine, defaultEngineConfig } from './engine.ts';
export { MANAGEMENT_OS } from './context.ts';
export {
  buildFrame,
  formatMac,
  hexToBytes,
  MAC_PATTERN,
  MAX_TAGGED_FRAME_BYTES,
  MIN_FRAME_BYTES,
  parseMac,
  readDstMac,
  readVlanId,
} from './frame.ts';
export { profileCapabilities } from './profiles.ts';
export { kindOf, type RequestKind } from './ndis/requestTypes.ts';
export type { StructName } from './ndis/structs.ts';
/** Each structure's members and their C types (§4): the scenario schema checks buffers against the engine's own table. */
export {
  fitsInteger,
  IF_MAX_STRING_SIZE,
  integerTypeText,
  NDIS_INTEGER_TYPES,
  STRUCT_LAYOUTS,
  type Layout,
  type Member,
  type NdisIntegerType,
} from './ndis/fields.ts';
/** The OID table, built from one descriptor per OID; the console's forms come from the same descriptors. */
export { naturalRequestType, OID, OID_INFO, OID_NAMES, type OidName } from './oids/catalog.ts';
export * from './oids/form.ts';
/** The NDIS constants and names, also as one namespace for code that looks them up by name. */
export * as ndis from './ndis/constants.ts';
export * from './ndis/constants.ts';
export * from './types.ts';
export { FAULT_KINDS, type Fault, type FaultKind } from './faults.ts';
