/**
 * The Engine interface: the one contract the worker, the CLI, the scenario runner and the tests use.
 * `createEngine` (engine.ts) implements it.
 */
import type { Fault } from './faults.ts';
import type {
  AdapterView,
  DurationNs,
  OidRequest,
  OidResult,
  QueueId,
  QueueView,
  TimeNs,
  TraceEvent,
} from './types.ts';

/**
 * How far ahead runUntilIdle looks by default: 10 s of virtual time. Stories last microseconds to
 * milliseconds, so only traffic that never ends reaches it, and then the run stops instead of spinning.
 */
export const RUN_UNTIL_IDLE_LIMIT_NS = 10_000_000_000;

/** A stream of identical frames: destination, optional 802.1Q tag, size, count and spacing. */
export interface FlowSpec {
  /** Unique name, shown on frames in the trace (e.g. "to VM1"). */
  name: string;
  /** Destination MAC "00-15-5D-00-00-01" (":" also accepted). */
  dst: string;
  /** Source MAC; defaults to an external host's MAC. */
  src?: string;
  /** 802.1Q VLAN ID; null or absent = untagged. 0 = priority-tagged frame. */
  vlanId?: number | null;
  /** 802.1Q priority (PCP) when tagged. */
  priority?: number;
  /** Frame length in bytes without FCS (60..1518 with a tag, 60..1514 without). */
  frameBytes: number;
  /** How many frames. */
  count: number;
  /** Gap between frames; with pattern "poisson" it is the mean gap. */
  intervalNs: DurationNs;
  /** "constant" spacing, or "poisson" arrivals drawn from the seeded generator. */
  pattern?: 'constant' | 'poisson';
  /** EtherType of the payload; default 0x0800 (IPv4). */
  etherType?: number;
}

/** What NDIS asks of the miniport's lifecycle (§5.5): MiniportPause / MiniportRestart / MiniportResetEx /
 * MiniportHaltEx. */
export type AdapterAction = 'pause' | 'restart' | 'reset' | 'halt';

export interface Engine {
  /** Current virtual time. */
  readonly nowNs: TimeNs;
  /** Frames that have arrived from the wire so far (`view().totals.arrived`, without building the view). */
  readonly framesArrived: number;
  /** Issues an OID request now. The result is final unless its status is NDIS_STATUS_PENDING; the final
   * result then arrives as an `oid-completed` event and via `result(requestId)`. */
  request(req: OidRequest): OidResult;
  /** The latest result of a request (final once `completedAtNs` is set). */
  result(requestId: number): OidResult | undefined;
  /** Starts a frame flow whose first frame arrives now. */
  startFlow(flow: FlowSpec): void;
  /** Stops a flow before its count is reached. */
  stopFlow(name: string): void;
  /** Puts one raw Ethernet frame (no FCS) on the wire now. */
  injectFrame(bytes: Uint8Array, flow?: string): void;
  /** The overlying driver returns indicated NBLs (oldest first). queueId null = every queue. Returns how many. */
  returnNbls(queueId: QueueId | null, count: number | 'all'): number;
  /** Adapter lifecycle (§5.5): MiniportPause / MiniportRestart / MiniportResetEx / MiniportHaltEx. */
  adapterAction(action: AdapterAction): void;
  /** NdisCloseAdapterEx for one binding (R41 is checked). */
  closeBinding(binding: string): void;
  /** Injects a fault (faults.ts): the miniport or the overlying driver behaves differently from now on, and a
   * `fault-injected` event says how. */
  injectFault(fault: Fault): void;
  /** A narration line in the trace (scenarios use it to tell the story). */
  note(text: string): void;
  /** Runs every scheduled thing up to and including time `t`, then sets the clock to `t`. */
  advanceTo(t: TimeNs): void;
  advanceBy(durationNs: DurationNs): void;
  /**
   * Runs scheduled work until nothing is scheduled and no flow is active, or until the next thing
   * would happen after `limitNs` (an absolute time; default: now + RUN_UNTIL_IDLE_LIMIT_NS).
   * @returns the time reached: the clock stays at the last thing that happened, it does not jump to `limitNs`.
   */
  runUntilIdle(limitNs?: TimeNs): TimeNs;
  /** Time of the next scheduled thing, or null when idle. */
  nextEventTimeNs(): TimeNs | null;
  view(): AdapterView;
  queue(queueId: QueueId): QueueView | undefined;
  /** A deep copy of the complete state; restoring it makes the engine continue exactly as from that moment. */
  snapshot(): EngineSnapshot;
  restore(snapshot: EngineSnapshot): void;
  /** Events produced since the last drain (when no sink was given to createEngine). */
  drainEvents(): TraceEvent[];
  /** Switches per-frame events on or off; counters stay exact either way. */
  setTraceFrames(on: boolean): void;
}

/** Opaque, structured-cloneable engine state. */
export interface EngineSnapshot {
  readonly __engineSnapshot: true;
}
