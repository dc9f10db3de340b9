/**
 * The requestAnimationFrame owner for one side's drawings (the batch pump pulls on its own; this only draws). Each
 * side gets its own from side/createSide.ts, and disposing the side disposes it.
 *
 * Animations register under a key with a state and a callback; each frame the callback gets the wall time since the
 * previous frame and returns its next state, or null to stop. Frames are scheduled only while something is
 * registered, so a paused page with nothing in flight costs nothing. Modelled on excalidraw's
 * renderer/animation.ts.
 */

export interface FrameTick<S> {
  /** Wall time since the previous frame (0 on an animation's first frame), capped so a background tab does not lurch. */
  deltaMs: number;
  /** The frame's timestamp, on the scheduler's clock. */
  nowMs: number;
  state: S;
}

export type FrameCallback<S> = (tick: FrameTick<S>) => S | null;

/** requestAnimationFrame in the page; tests pass a timer. */
export type FrameScheduler = (callback: (nowMs: number) => void) => void;

/** A frame gap above this plays as this much: after a background tab, flights resume instead of jumping to the end. */
const MAX_DELTA_MS = 100;

/** Names an animation; a symbol gives each animator a key no other can collide with. */
export type FrameKey = string | symbol;

interface Registration {
  state: unknown;
  callback: FrameCallback<unknown>;
  /** The frame it was registered in has not run yet, so its first tick reports deltaMs 0. */
  fresh: boolean;
}

export class FrameLoop {
  #schedule: FrameScheduler;
  #registrations = new Map<FrameKey, Registration>();
  #scheduled = false;
  #lastMs: number | null = null;
  #disposed = false;

  constructor(schedule: FrameScheduler = (callback) => requestAnimationFrame(callback)) {
    this.#schedule = schedule;
  }

  /** Starts (or restarts with a new state) the animation under `key`. */
  start<S>(key: FrameKey, state: S, callback: FrameCallback<S>): void {
    if (this.#disposed) return;
    this.#registrations.set(key, { state, callback: callback as FrameCallback<unknown>, fresh: true });
    this.#request();
  }

  /** Keeps the animation under `key` running, starting it with `initial` if it is not. */
  ensure<S>(key: FrameKey, initial: () => S, callback: FrameCallback<S>): void {
    if (this.#registrations.has(key)) return;
    this.start(key, initial(), callback);
  }

  stop(key: FrameKey): void {
    this.#registrations.delete(key);
  }

  isRunning(key: FrameKey): boolean {
    return this.#registrations.has(key);
  }

  /** Stops every animation for good: a frame already requested finds nothing to run, and nothing starts again. */
  dispose(): void {
    this.#disposed = true;
    this.#registrations.clear();
  }

  #request(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    this.#schedule((nowMs) => this.#frame(nowMs));
  }

  #frame(nowMs: number): void {
    this.#scheduled = false;
    const deltaMs = this.#lastMs === null ? 0 : Math.min(Math.max(nowMs - this.#lastMs, 0), MAX_DELTA_MS);
    for (const [key, registration] of [...this.#registrations]) {
      const next = registration.callback({
        deltaMs: registration.fresh ? 0 : deltaMs,
        nowMs,
        state: registration.state,
      });
      // A callback may have stopped or restarted its own key; only the registration that ran is updated.
      if (this.#registrations.get(key) !== registration) continue;
      if (next === null) this.#registrations.delete(key);
      else {
        registration.state = next;
        registration.fresh = false;
      }
    }
    if (this.#registrations.size > 0) {
      this.#lastMs = nowMs;
      this.#request();
    } else {
      this.#lastMs = null;
    }
  }
}
