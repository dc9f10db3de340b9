/**
 * A run's frames as pcapng (docs/cli.md, "vmq run --pcapng"): one implementation for the CLI and the page's
 * "pcapng" download, so both write the same bytes for the same scenario and seed. Every fact in a packet is the
 * engine's: the bytes and time of its frame-arrived, the queue, filter and VM of its frame-classified, the CPU of
 * the nbls-indicated that carried it, the reason of the frame-dropped or frames-dropped that ended it.
 */
import { type DropReason, hexToBytes, type TraceEvent } from '../engine/index.ts';
import { encodePcapng, type PcapngPacket } from './pcapng.ts';
import type { Scenario } from './schema.ts';
import { createScenarioSession } from './session.ts';

/** What frame-arrived carries of a frame's bytes (engine/datapath.ts HEADER_BYTES_TRACED), and so the snaplen. */
export const PCAPNG_SNAPLEN = 64;
export const PCAPNG_INTERFACE = 'vmq-wire';

/** One frame as the engine's events told it: its bytes and time, where it went and how it ended. */
export interface FrameStory {
  t: number;
  bytes: Uint8Array;
  length: number;
  queueId?: number | null;
  filterId?: number;
  vmName?: string;
  cpu?: number;
  dropped?: DropReason;
}

/** One frame's comment: the NDIS names of where it went, then how it ended. */
export function frameComment(frame: FrameStory): string {
  const value = (v: number | string | null | undefined) => (v === undefined || v === null || v === '' ? '-' : v);
  const where = `QueueId ${value(frame.queueId)}, FilterId ${value(frame.filterId)}, VM ${value(frame.vmName)}, CPU ${value(frame.cpu)}`;
  const end =
    frame.dropped !== undefined
      ? `dropped: ${frame.dropped}`
      : frame.cpu !== undefined
        ? 'indicated'
        : 'not indicated by the end of the run';
  return `${where}: ${end}`;
}

/** Collects each traced frame's story from the engine's events, in arrival order. */
export class PcapngFrames {
  readonly #frames = new Map<number, FrameStory>();

  observe(event: TraceEvent): void {
    switch (event.kind) {
      case 'frame-arrived':
        this.#frames.set(event.frameId, {
          t: event.t,
          bytes: hexToBytes(event.headerHex) ?? new Uint8Array(0),
          length: event.length,
        });
        return;
      case 'frame-classified': {
        const frame = this.#frames.get(event.frameId);
        if (!frame) return;
        frame.queueId = event.queueId;
        frame.filterId = event.filterId;
        frame.vmName = event.match.find((m) => m.takes)?.vmName;
        return;
      }
      case 'frame-dropped':
        return this.#drop(event.frameId, event.reason);
      case 'frames-dropped':
        for (const frameId of event.frameIds ?? []) this.#drop(frameId, event.reason);
        return;
      case 'nbls-indicated':
        for (const part of event.parts)
          for (const frameId of part.frameIds ?? []) {
            const frame = this.#frames.get(frameId);
            if (frame) frame.cpu = event.cpu;
          }
        return;
    }
  }

  #drop(frameId: number, reason: DropReason): void {
    const frame = this.#frames.get(frameId);
    if (frame) frame.dropped = reason;
  }

  /** Every frame seen, in arrival order. */
  get frames(): FrameStory[] {
    return [...this.#frames.values()];
  }

  get packets(): PcapngPacket[] {
    return this.frames.map((frame) => ({
      timestampNs: frame.t,
      bytes: frame.bytes,
      originalLength: frame.length,
      comment: frameComment(frame),
    }));
  }
}

/** Runs `scenario` to its end with per-frame events on (its packets are those events) and encodes its frames. */
export function pcapngRun(scenario: Scenario, tool: string): { bytes: Uint8Array; frames: number } {
  const frames = new PcapngFrames();
  createScenarioSession(scenario, { traceFrames: true, sink: (event) => frames.observe(event) }).runToEnd();
  const packets = frames.packets;
  return {
    bytes: encodePcapng({ application: tool, interfaceName: PCAPNG_INTERFACE, snaplen: PCAPNG_SNAPLEN, packets }),
    frames: packets.length,
  };
}
