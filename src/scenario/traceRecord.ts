/**
 * The trace events that `events` and `order` checks judge, kept as facts while the run goes. Only the kinds some
 * check names are kept, so a run of a million frames whose checks ask about status indications holds a handful of
 * facts, not the million frames. The record is a persistent list: a snapshot is one reference, so the playground's
 * checkpoints (step back, rewind) cost nothing per event.
 */
import type { SharedMemoryUsageName, TraceEvent, TraceEventKind } from '../engine/index.ts';
import { type Facts, factsOf } from './eventFacts.ts';

interface Node {
  facts: Facts;
  previous: Node | null;
}

/** What a record holds at one moment; restoring it brings the record back there. */
export interface RecordSnapshot {
  last: Node | null;
  blocks: ReadonlyMap<number, { space: string; usage: SharedMemoryUsageName }>;
}

export class TraceRecord {
  #last: Node | null = null;
  /** Every block allocated, for a segment's space and a freed block's usage. Blocks are few. */
  #blocks = new Map<number, { space: string; usage: SharedMemoryUsageName }>();
  readonly #context = { block: (blockId: number) => this.#blocks.get(blockId) };

  constructor(readonly kinds: ReadonlySet<TraceEventKind>) {}

  get empty(): boolean {
    return this.kinds.size === 0;
  }

  observe(event: TraceEvent): void {
    if (this.empty) return;
    if (event.kind === 'memory-allocated') this.#blocks.set(event.blockId, { space: event.space, usage: event.usage });
    if (this.kinds.has(event.kind)) this.#last = { facts: factsOf(event, this.#context), previous: this.#last };
  }

  /** The recorded facts, oldest first. */
  facts(): Facts[] {
    const all: Facts[] = [];
    for (let node = this.#last; node !== null; node = node.previous) all.push(node.facts);
    return all.reverse();
  }

  snapshot(): RecordSnapshot {
    return { last: this.#last, blocks: new Map(this.#blocks) };
  }

  restore(snapshot: RecordSnapshot): void {
    this.#last = snapshot.last;
    this.#blocks = new Map(snapshot.blocks);
  }
}
