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

/** Objects and arrays inside each other; the deepest built-in scenario uses 7. */
export const MAX_JSON_DEPTH = 64;

/** "Did you mean" compares only inputs up to this long: NDIS names are shorter, and longer text is not a typo. */
export const MAX_SUGGEST_INPUT = 64;

/** "Did you mean" searches at most this many candidates (the longest list, NDIS names, has a few hundred). */
export const MAX_SUGGEST_CANDIDATES = 1024;

/** Characters of user text an error message quotes; the rest is elided. */
export const MAX_QUOTED_CHARS = 64;

/**
 * How long a run lets the engine go on after the last step so pended requests complete: 1 s of virtual time,
 * far more than any pendingOids delay or NBL return latency a scenario sets.
 */
export const SETTLE_LIMIT_NS = 1_000_000_000;

/**
 * Frames one call into a session (a Step, a seek, a whole CLI run) may put on the wire. At a few hundred
 * thousand frames a second that is well under a minute; traffic beyond it stops the run with a failed check.
 */
export const RUN_FRAME_LIMIT = 10_000_000;
