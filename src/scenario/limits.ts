/**
 * Limits of the scenario loader and runner (docs/scenario-format.md, "Limits"). Each keeps a hostile or mistyped
 * file from hanging the tab or the CLI, and each is far above what a teaching scenario needs.
 */

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
