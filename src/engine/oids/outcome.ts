/** What an OID handler decides, and the call it receives. */
import type { NdisStatusName, OidName, RequestTypeName } from '../ndis/constants.ts';
import type { InfoBuffer } from '../ndis/buffer.ts';
import type { Ctx } from '../context.ts';
import type { Layer } from '../types.ts';

export interface OidCall {
  requestId: number;
  oid: OidName;
  requestType: RequestTypeName;
  binding: string;
  buffer: InfoBuffer;
  bufferLength: number;
}

export interface Outcome {
  status: NdisStatusName;
  layer: Layer;
  message: string;
  bytesNeeded?: number;
  bytesReadOrWritten?: number;
  output?: InfoBuffer;
}

/** NDIS validated the request and forwards it to the miniport with what it prepared (assigned IDs). */
export interface Forward {
  forward: InfoBuffer;
}

/** The miniport keeps the request (NDIS_STATUS_PENDING) until something else completes it. */
export const WAIT = 'wait' as const;

export interface OidHandler {
  /** Bytes the information buffer needs for this call (input for set/method, output for query). */
  bytesNeeded(ctx: Ctx, call: OidCall): number;
  ndis(ctx: Ctx, call: OidCall): Outcome | Forward;
  miniport?(ctx: Ctx, call: OidCall, prepared: InfoBuffer): Outcome | typeof WAIT;
}

export const ok = (layer: Layer, message: string, output?: InfoBuffer): Outcome => ({
  status: 'NDIS_STATUS_SUCCESS',
  layer,
  message,
  ...(output ? { output } : {}),
});
export const fail = (status: NdisStatusName, layer: Layer, message: string): Outcome => ({ status, layer, message });
export const isForward = (o: Outcome | Forward): o is Forward => 'forward' in o;
