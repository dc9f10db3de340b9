/**
 * The page's one pull loop: pulls at most once per animation frame, never more than one pull in flight, and hands
 * what it pulled (one batch per side, page/createPage.ts) to `onBatch`. It schedules frames only while something wants them
 * (playing, a backlog to drain, or a command whose effect must be shown), so a paused page idles.
 *
 * The transport controls never wait behind a batch: a batch pulled before the user's latest command (Pause clicked
 * while a pull was in flight) is applied only after the next frame has been painted, so the command shows first.
 */
import type { PullRequest } from '../../client/SimClient.ts';

export interface BatchPumpOptions<Batch> {
  pull(request: PullRequest): Promise<Batch>;
  /** Applies what was pulled; returns whether frames should keep coming (playing and not finished, or a backlog). */
  onBatch(batch: Batch): boolean;
  onError(error: unknown): void;
  /** requestAnimationFrame in the page; tests pass a timer. */
  schedule?: (callback: (nowMs: number) => void) => void;
  /** Most events per batch: a frame's worth of rows to append and describe. */
  maxEvents?: number;
  /** Counts the user's commands (every side's intentEpoch); a batch pulled under an older count waits (see above). */
  intent?: () => number;
  /** Runs `callback` once the next frame has been painted; tests pass a timer. */
  afterPaint?: (callback: () => void) => void;
}

/** After the next animation frame, a task: it runs once that frame's paint is done. */
const afterNextPaint = (callback: () => void): void => {
  requestAnimationFrame(() => setTimeout(callback, 0));
};

/** A frame gap above this (a background tab, a debugger pause) plays as this much, so time never lurches. */
const MAX_FRAME_WALL_MS = 100;
/** Used for the first frame after idling, when there is no previous frame to measure from. */
const NOMINAL_FRAME_MS = 1000 / 60;

export class BatchPump<Batch> {
  #options: Required<BatchPumpOptions<Batch>>;
  #frameScheduled = false;
  #inFlight = false;
  /** A pull was requested while one was in flight; do one more after it. */
  #wanted = false;
  #lastFrameMs: number | null = null;
  #stopped = false;

  constructor(options: BatchPumpOptions<Batch>) {
    this.#options = {
      schedule: (callback) => requestAnimationFrame(callback),
      maxEvents: 500,
      intent: () => 0,
      afterPaint: afterNextPaint,
      ...options,
    };
  }

  /** Asks for (at least) one more pull. Cheap to call many times per frame. */
  request(): void {
    if (this.#stopped) return;
    this.#wanted = true;
    if (!this.#inFlight) this.#scheduleFrame();
  }

  stop(): void {
    this.#stopped = true;
  }

  #scheduleFrame(): void {
    if (this.#frameScheduled) return;
    this.#frameScheduled = true;
    this.#options.schedule((nowMs) => this.#frame(nowMs));
  }

  #frame(nowMs: number): void {
    this.#frameScheduled = false;
    if (this.#stopped || this.#inFlight) return;
    const wallMs =
      this.#lastFrameMs === null
        ? NOMINAL_FRAME_MS
        : Math.min(Math.max(nowMs - this.#lastFrameMs, 0), MAX_FRAME_WALL_MS);
    this.#lastFrameMs = nowMs;
    this.#wanted = false;
    this.#inFlight = true;
    const intent = this.#options.intent();
    this.#options.pull({ maxEvents: this.#options.maxEvents, wallMs }).then(
      (batch) => {
        if (this.#options.intent() === intent) this.#apply(batch);
        else this.#options.afterPaint(() => this.#apply(batch));
      },
      (error: unknown) => {
        this.#inFlight = false;
        this.#lastFrameMs = null;
        if (!this.#stopped) this.#options.onError(error);
      },
    );
  }

  /** Hands a pulled batch on; the next pull waits for it, so batches are applied in order. */
  #apply(batch: Batch): void {
    this.#inFlight = false;
    if (this.#stopped) return;
    const more = this.#options.onBatch(batch);
    if (more || this.#wanted) this.#scheduleFrame();
    else this.#lastFrameMs = null;
  }
}
