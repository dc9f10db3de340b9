/**
 * The scenario format's documented limits (docs/scenario-format.md, "Limits"). They bound what one file can ask
 * for, so that no file, however hostile, makes validate or run take unbounded time or memory; every one is far
 * beyond what a teaching or grading scenario needs.
 */
import { IF_MAX_STRING_SIZE } from '../engine/index.ts';

/** VM names, saveAs names, traffic flow names, bindings. */
export const MAX_NAME_CHARS = 64;
/** The scenario's title. */
export const MAX_TITLE_CHARS = 200;
/** description, note and comment text. */
export const MAX_TEXT_CHARS = 4000;
/** VmName and QueueName in buffers: an NDIS_IF_COUNTED_STRING holds IF_MAX_STRING_SIZE WCHARs. */
export const MAX_COUNTED_STRING_CHARS = IF_MAX_STRING_SIZE;

/** Frames one traffic step may send. */
export const MAX_TRAFFIC_COUNT = 10_000_000;
/** Every duration (advance, runUntilIdle, interval, latencies, pendingOids): one hour of virtual time. */
export const MAX_DURATION_NS = 3_600_000_000_000;
/** ratePps: one frame per nanosecond (the clock's resolution) at most … */
export const MAX_RATE_PPS = 1_000_000_000;
/** … and at least one frame per MAX_DURATION_NS, so a rate's interval is a duration within the limit. */
export const MIN_RATE_PPS = 1e9 / MAX_DURATION_NS;

/** defaultQueueBuffers and maxNblsPerDpc: the most receive buffers the miniport gives a queue. */
export const MAX_QUEUE_BUFFERS = 4096;
/** receiveBufferBytes: a 64 KB receive buffer, more than any jumbo frame needs. */
export const MAX_RECEIVE_BUFFER_BYTES = 65_536;
