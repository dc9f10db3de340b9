/**
 * Turns a batch of trace events into the flights of the adapter diagram: a frame arriving from the wire through the
 * classifier's matching filter row into its ring slot; a drop falling into the discard bin; an indicated NBL going
 * from its queue through the DPC's CPU and the Hyper-V switch to the partition that owns the destination MAC.
 *
 * Pure bookkeeping (no DOM, no clock): the caller passes the wall time. Every frame gets a flight until about
 * DOT_CAPACITY would be in flight at once; beyond that only one frame in N does (FrameSampler), and a sampled frame
 * keeps its dot from arrival to indication.
 */
import { MANAGEMENT_OS, type QueueView, type TraceEvent, type VmConfig } from '../../engine/index.ts';
import type { HopShape } from '../viz/geometry.ts';
import { FOLLOWABLE_PER_SECOND, FrameSampler } from '../viz/sampling.ts';
import { ARRIVAL_MS, staggering } from '../viz/stagger.ts';
import type { AnimationPlanner, PlanContext } from '../viz/useAnimationFeed.ts';
import type { Anchor } from './layout.ts';
import { NO_MATCH_FILTER_ID } from './layout.ts';

export type FlightKind = 'arrive' | 'drop' | 'indicate' | 'pulse';

export interface Stop {
  anchor: Anchor;
  /** How the dot reaches this stop from the previous one. */
  shape: HopShape;
}

export interface Flight {
  id: number;
  kind: FlightKind;
  frameId: number | null;
  /** Colour: the destination VM's index in the scenario, null for no VM (broadcast, unknown MAC, the host). */
  vmIndex: number | null;
  stops: Stop[];
  startMs: number;
  durationMs: number;
  /** Drawn next to the dot (how many frames a bulk drop stands for). */
  label: string | null;
}

/** Wall time of each kind of flight: slow enough to follow on a projector. */
export const FLIGHT_MS: Record<FlightKind, number> = { arrive: ARRIVAL_MS, drop: 900, indicate: 1100, pulse: 600 };
/** Frames tracked between arrival and indication; a cap so a queue that is never serviced cannot grow it forever. */
const MAX_TRACKED_FRAMES = 4096;

interface FrameTrack {
  vmIndex: number | null;
  sampled: boolean;
  filterId: number | null;
  queueId: number | null;
  /** When its arrival flight ends, so its indication does not start before the dot has landed. */
  landsAtMs: number;
}

export class FlightPlanner implements AnimationPlanner<Flight> {
  readonly #sampler: FrameSampler;
  /** Whether DPCs are few enough to pulse one by one. */
  readonly #dpcs = new FrameSampler(FOLLOWABLE_PER_SECOND);
  #frames = new Map<number, FrameTrack>();
  #nextId = 1;

  /** @param framesPerSecond frames a second that all get a flight (the default keeps DOT_CAPACITY dots in flight) */
  constructor(framesPerSecond?: number) {
    this.#sampler = new FrameSampler(framesPerSecond);
  }

  /** One in how many frames gets a flight right now. */
  get sampleEvery(): number {
    return this.#sampler.every;
  }

  /** Forgets every frame (the trace went back, or a new scenario). */
  reset(): void {
    this.#sampler.reset();
    this.#dpcs.reset();
    this.#frames.clear();
  }

  plan(events: readonly TraceEvent[], ctx: PlanContext): Flight[] {
    const arrivals = events.reduce((n, e) => n + (e.kind === 'frame-arrived' ? 1 : 0), 0);
    this.#sampler.observe(arrivals, ctx.nowMs);
    this.#dpcs.observe(
      events.reduce((n, e) => n + (e.kind === 'dpc-ran' ? 1 : 0), 0),
      ctx.nowMs,
    );
    const delayOf = staggering(events, ctx.playing);
    const vmByMac = new Map(ctx.vms.map((vm, i) => [vm.mac.toUpperCase(), i]));
    const flights: Flight[] = [];
    const add = (
      kind: FlightKind,
      frameId: number | null,
      vmIndex: number | null,
      stops: Stop[],
      startMs: number,
      label: string | null = null,
    ) => {
      const flight: Flight = {
        id: this.#nextId++,
        kind,
        frameId,
        vmIndex,
        stops,
        startMs,
        durationMs: FLIGHT_MS[kind],
        label,
      };
      flights.push(flight);
      return flight;
    };

    for (const event of events) {
      const startMs = ctx.nowMs + delayOf(event.t);
      switch (event.kind) {
        case 'frame-arrived':
          if (this.#frames.size >= MAX_TRACKED_FRAMES) this.#frames.delete(this.#frames.keys().next().value as number);
          this.#frames.set(event.frameId, {
            vmIndex: vmByMac.get(event.dst) ?? null,
            sampled: this.#sampler.isSampled(event.frameId),
            filterId: null,
            queueId: null,
            landsAtMs: startMs,
          });
          break;
        case 'frame-classified': {
          const track = this.#frames.get(event.frameId);
          if (track) Object.assign(track, { filterId: event.filterId, queueId: event.queueId });
          break;
        }
        case 'dma-written': {
          const track = this.#frames.get(event.frameId);
          if (!track?.sampled) break;
          const queue = ctx.queues.find((q) => q.QueueId === event.queueId);
          const flight = add(
            'arrive',
            event.frameId,
            track.vmIndex,
            [
              ...classification(track),
              {
                anchor: { at: 'slot', queueId: event.queueId, slot: event.slot, buffers: queue?.buffers ?? 1 },
                shape: 'straight',
              },
            ],
            startMs,
          );
          track.landsAtMs = startMs + flight.durationMs;
          break;
        }
        case 'frame-dropped': {
          const track = this.#frames.get(event.frameId);
          this.#frames.delete(event.frameId);
          if (!track?.sampled) break;
          // A frame dropped one by one never reached its ring (a flush is frames-dropped): it falls from the classifier.
          add(
            'drop',
            event.frameId,
            track.vmIndex,
            [...classification(track), { anchor: { at: 'bin', reason: event.reason }, shape: 'straight' }],
            Math.max(startMs, track.landsAtMs),
          );
          break;
        }
        case 'frames-dropped': {
          // A flush of frames waiting for the DPC: they leave their queue for the bin as one dot.
          for (const id of event.frameIds ?? []) this.#frames.delete(id);
          const from: Anchor =
            event.queueId === null ? { at: 'classifier' } : { at: 'queue-exit', queueId: event.queueId };
          add(
            'drop',
            null,
            null,
            [
              { anchor: from, shape: 'straight' },
              { anchor: { at: 'bin', reason: event.reason }, shape: 'straight' },
            ],
            startMs,
            `×${event.count}`,
          );
          break;
        }
        case 'nbls-indicated':
          for (const part of event.parts) {
            const queue = ctx.queues.find((q) => q.QueueId === part.queueId);
            for (const frameId of part.frameIds ?? []) {
              const track = this.#frames.get(frameId);
              this.#frames.delete(frameId);
              if (!track?.sampled) continue;
              const host = hostOf(track, queue, ctx.vms);
              add(
                'indicate',
                frameId,
                track.vmIndex,
                [
                  { anchor: { at: 'queue-exit', queueId: part.queueId }, shape: 'straight' },
                  { anchor: { at: 'cpu', cpu: event.cpu }, shape: 'link' },
                  { anchor: { at: 'switch-in', cpu: event.cpu }, shape: 'straight' },
                  { anchor: { at: 'switch-out', host }, shape: 'straight' },
                  { anchor: { at: 'host', name: host }, shape: 'straight' },
                ],
                Math.max(startMs, track.landsAtMs),
              );
            }
          }
          break;
        case 'dpc-ran':
          // A DPC per queue per few µs would strobe under heavy traffic; it pulses only while DPCs are few.
          if (this.#dpcs.every === 1)
            add('pulse', null, null, [{ anchor: { at: 'cpu', cpu: event.cpu }, shape: 'straight' }], startMs);
          break;
        default:
          break;
      }
    }
    return flights;
  }
}

/** Wire → classifier → the filter row that matched → the queue. */
function classification(track: FrameTrack): Stop[] {
  const stops: Stop[] = [
    { anchor: { at: 'wire' }, shape: 'straight' },
    { anchor: { at: 'classifier' }, shape: 'straight' },
  ];
  if (track.queueId === null) return stops;
  stops.push({ anchor: { at: 'filter', filterId: track.filterId ?? NO_MATCH_FILTER_ID }, shape: 'link' });
  stops.push({ anchor: { at: 'queue', queueId: track.queueId }, shape: 'link' });
  return stops;
}

/** Where the switch delivers a frame: the VM that owns its MAC, else the VM its queue belongs to, else the host. */
function hostOf(track: FrameTrack, queue: QueueView | undefined, vms: readonly VmConfig[]): string {
  if (track.vmIndex !== null) return (vms[track.vmIndex] as VmConfig).name;
  if (queue && queue.QueueId !== 0 && vms.some((vm) => vm.name === queue.VmName)) return queue.VmName;
  return MANAGEMENT_OS;
}
