/**
 * A binary min-heap of timers ordered by (timeNs, seq). Timers carry plain data, never closures,
 * so the heap is part of a structured-cloneable snapshot and ties always break in scheduling order.
 */
import type { TimeNs } from '../types.ts';

export interface Timer<A> {
  t: TimeNs;
  seq: number;
  action: A;
}

export interface TimerHeap<A> {
  items: Timer<A>[];
  nextSeq: number;
}

export const createTimerHeap = <A>(): TimerHeap<A> => ({ items: [], nextSeq: 0 });

const before = <A>(a: Timer<A>, b: Timer<A>): boolean => a.t < b.t || (a.t === b.t && a.seq < b.seq);

export function schedule<A>(heap: TimerHeap<A>, t: TimeNs, action: A): void {
  const items = heap.items;
  const timer = { t, seq: heap.nextSeq++, action };
  let i = items.push(timer) - 1;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (!before(timer, items[parent]!)) break;
    items[i] = items[parent]!;
    i = parent;
  }
  items[i] = timer;
}

export const peekTime = <A>(heap: TimerHeap<A>): TimeNs | null => heap.items[0]?.t ?? null;

export function popTimer<A>(heap: TimerHeap<A>): Timer<A> | undefined {
  const items = heap.items;
  const top = items[0];
  const last = items.pop();
  if (top === undefined || last === undefined || items.length === 0) return top;
  let i = 0;
  for (;;) {
    const left = 2 * i + 1;
    if (left >= items.length) break;
    const right = left + 1;
    const child = right < items.length && before(items[right]!, items[left]!) ? right : left;
    if (!before(items[child]!, last)) break;
    items[i] = items[child]!;
    i = child;
  }
  items[i] = last;
  return top;
}
