/**
 * A queue's receive buffers form a ring (docs/decisions.md: frames take slots in arrival order and NBLs come back
 * in order). From the counters of the AdapterView and the slot of the newest DMA write, every slot's use follows:
 * the newest `pending` slots hold frames waiting for the DPC, the `outstanding` before them are indicated and still
 * held by the overlying driver, and the rest are free.
 */

export type SlotUse = 'free' | 'dma' | 'held';

/**
 * @param lastSlot the slot of the newest DMA write, or undefined when per-frame events are off (the ring is then
 *   drawn as if it started at slot 0: the counts are right, the positions are a guess)
 */
export function ringSlots(
  buffers: number,
  lastSlot: number | undefined,
  pending: number,
  outstanding: number,
): SlotUse[] {
  const uses: SlotUse[] = new Array<SlotUse>(buffers).fill('free');
  const used = Math.min(pending + outstanding, buffers);
  if (buffers === 0 || used === 0) return uses;
  const newest = lastSlot ?? used - 1;
  for (let age = 0; age < used; age++) {
    const slot = (((newest - age) % buffers) + buffers) % buffers;
    uses[slot] = age < pending ? 'dma' : 'held';
  }
  return uses;
}
