/**
 * The trace events that `events` and `order` checks judge, kept as facts while the run goes. Only the kinds some
 * check names are kept, so a run of a million frames whose checks ask about status indications holds a handful of
 * facts, not the million frames. The record is a persistent list: a snapshot is one reference, so the playground's
 * checkpoints (step back, rewind) cost nothing per event.
 */
import type { FilterId, SharedMemoryUsageName, TraceEvent, TraceEventKind } from '../engine/index.ts';
import { type Facts, factsOf } from './eventFacts.ts';

interface Node {
  facts: Facts;
  previous: Node | null;
}

/** What a record holds at one moment; restoring it brings the record back there. */
export interface RecordSnapshot {
  last: Node | null;
  blocks: ReadonlyMap<number, { space: string; usage: SharedMemoryUsageName }>;
  filters: ReadonlyMap<number, FilterId>;
}

export class TraceRecord {
  #last: Node | null = null;
  /** Every block allocated, for a segment's space and a freed block's usage. Blocks are few. */
  #blocks = new Map<number, { space: string; usage: SharedMemoryUsageName }>();
  /** FilterId of frames classified and not yet indicated or dropped: bounded by the receive buffers. */
  #filters = new Map<number, FilterId>();
  readonly #context = {
    block: (blockId: number) => this.#blocks.get(blockId),
    filterOf: (frameId: number) => this.#filters.get(frameId),
  };

  constructor(readonly kinds: ReadonlySet<TraceEventKind>) {}

  get empty(): boolean {
    return this.kinds.size === 0;
  }

  observe(event: TraceEvent): void {
    if (this.empty) return;
    if (event.kind === 'memory-allocated') this.#blocks.set(event.blockId, { space: event.space, usage: event.usage });
    if (event.kind === 'frame-classified' && this.kinds.has('nbls-indicated'))
      this.#filters.set(event.frameId, event.filterId);
    if (this.kinds.has(event.kind)) this.#last = { facts: factsOf(event, this.#context), previous: this.#last };
    if (event.kind === 'nbls-indicated') for (const part of event.parts) this.#forget(part.frameIds);
    if (event.kind === 'frame-dropped') this.#filters.delete(event.frameId);
    if (event.kind === 'frames-dropped') this.#forget(event.frameIds);
  }

  #forget(frameIds: readonly number[] | undefined): void {
    for (const frameId of frameIds ?? []) this.#filters.delete(frameId);
  }

  /** The recorded facts, oldest first. */
  facts(): Facts[] {
    const all: Facts[] = [];
    for (let node = this.#last; node !== null; node = node.previous) all.push(node.facts);
    return all.reverse();
  }

  snapshot(): RecordSnapshot {
    return { last: this.#last, blocks: new Map(this.#blocks), filters: new Map(this.#filters) };
  }

  restore(snapshot: RecordSnapshot): void {
    this.#last = snapshot.last;
    this.#blocks = new Map(snapshot.blocks);
    this.#filters = new Map(snapshot.filters);
  }
}
