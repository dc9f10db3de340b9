/**
 * The engine's one public entry. The app, the worker, the clients, the protocol, the scenario runner, the CLI and
 * the bench import the engine from here only, so what the engine decides reaches them through this contract and
 * its internals can move freely.
 */
export type { Engine, EngineSnapshot, FlowSpec } from './api.ts';
export { createEngine, defaultEngineConfig } from './engine.ts';
export { MANAGEMENT_OS } from './context.ts';
export { buildFrame, formatMac, readDstMac, readVlanId } from './frame.ts';
export { profileCapabilities } from './profiles.ts';
export { kindOf, naturalRequestType, type RequestKind } from './ndis/oidTable.ts';
/** The NDIS constants and names, also as one namespace for code that looks them up by name. */
export * as ndis from './ndis/constants.ts';
export * from './ndis/constants.ts';
export * from './types.ts';
