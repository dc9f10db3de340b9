/**
 * The memory map: the management OS's address space and each guest's, with every receive-buffer block the
 * miniport allocated (AdapterView.memory) in its queue's band and its space's lane. DMA writes fall into the ring
 * slots on a canvas above; split queues show the thread from each lookahead slot (host) to the same slot's
 * post-lookahead buffer (guest).
 */
import { useId, useLayoutEffect, useMemo, useState } from 'react';
import { MANAGEMENT_OS, type MemoryBlockView, type QueueView, type RingSlotState } from '../../engine/index.ts';
import { LayerCanvas } from '../viz/LayerCanvas.tsx';
import { useDrawingInput, useSide, useSideSelection } from '../side/SideProvider.tsx';
import { useAnimationFeed } from '../viz/useAnimationFeed.ts';
import { firstFitting, fitName } from '../viz/textFit.ts';
import { useElementWidth } from '../ui/useElementSize.ts';
import { useRovingFocus } from '../ui/useRovingFocus.ts';
import { vizVar, vmToken } from '../viz/theme.ts';
import type { VizToken } from '../viz/theme.ts';
import { BlockDetail } from './BlockDetail.tsx';
import { DmaAnimator } from './dmaAnimator.ts';
import { DmaPlanner } from './dmaPlanner.ts';
import { FrameAnatomy } from './FrameAnatomy.tsx';
import { layoutMemory, slotCell } from './layout.ts';
import type { BlockBox, MemoryInput, MemoryLayout } from './layout.ts';
import { BACKFILL_SHARE, MemoryBlock } from './MemoryBlock.tsx';

export function MemoryMap() {
  const [ref, width] = useElementWidth<HTMLDivElement>(1200);
  const roving = useRovingFocus<SVGSVGElement>();
  const { view, vms, digest } = useDrawingInput();
  const selectedQueue = useSideSelection((s) => (s?.kind === 'queue' ? s.id : null));
  const [hovered, setHovered] = useState<number | null>(null);
  const [pinned, setPinned] = useState<number | null>(null);
  const hatchId = useId();
  const side = useSide();
  const [animator] = useState(() => new DmaAnimator(side.frames));
  const [planner] = useState(() => new DmaPlanner());
  useAnimationFeed(side, animator, planner);

  const memory = view?.memory ?? [];
  const queues = view?.queues ?? [];
  const input: MemoryInput = {
    width,
    spaces: view?.addressSpaces ?? [MANAGEMENT_OS],
    queueIds: [...new Set(memory.map((b) => b.queueId))].sort((a, b) => a - b),
    blocks: memory.map(({ blockId, queueId, usage, space, buffers }) => ({ blockId, queueId, usage, space, buffers })),
  };
  const structure = JSON.stringify(input);
  const layout = useMemo(() => layoutMemory(JSON.parse(structure) as MemoryInput), [structure]);

  const spaceToken = (space: string): VizToken =>
    space === MANAGEMENT_OS ? 'muted' : vmToken(vms.findIndex((vm) => vm.name === space));
  const vmIndexOfQueue = (queueId: number): number | null => {
    if (queueId === 0) return null;
    const i = vms.findIndex((vm) => vm.name === queues.find((q) => q.QueueId === queueId)?.VmName);
    return i < 0 ? null : i;
  };
  useLayoutEffect(() => {
    animator.vmIndexOfQueue = vmIndexOfQueue;
  });
  useLayoutEffect(() => animator.setLayout(layout), [animator, layout]);

  const usesOf = (queueId: number): readonly RingSlotState[] | null =>
    queues.find((q) => q.QueueId === queueId)?.ring.slots ?? null;
  const focusId =
    [hovered, pinned].find((id) => id !== null && memory.some((b) => b.blockId === id)) ??
    memory.find((b) => b.queueId === selectedQueue && b.queueId !== 0)?.blockId ??
    null;
  const focus = memory.find((b) => b.blockId === focusId) ?? null;

  return (
    <div className="flex flex-col gap-3" data-testid="memory-map">
      <div ref={ref} className="relative w-full overflow-hidden">
        {/* biome-ignore lint/a11y/useSemanticElements: an <svg> cannot be a <fieldset>; "group" (not "img") names the drawing while keeping its parts reachable. */}
        <svg
          ref={roving}
          width={layout.width}
          height={layout.height}
          className="block select-none"
          role="group"
          aria-label="Address spaces and the receive-buffer blocks in each"
        >
          <defs>
            <pattern id={hatchId} patternUnits="userSpaceOnUse" width={4} height={4} patternTransform="rotate(45)">
              <rect width={4} height={4} fill={vizVar('lane')} />
              <line x1={0} y1={0} x2={0} y2={4} stroke={vizVar('muted')} strokeWidth={1.6} />
            </pattern>
          </defs>
          <Lanes
            layout={layout}
            memory={memory}
            vspCopies={view?.capabilities.receiveBuffersInHostMemory ?? false}
            spaceToken={spaceToken}
          />
          <BandTitles layout={layout} queues={queues} vmIndexOfQueue={vmIndexOfQueue} />
          <SplitThreads layout={layout} memory={memory} usesOf={usesOf} vmIndexOfQueue={vmIndexOfQueue} />
          {layout.blocks.map((box) => {
            const block = memory.find((b) => b.blockId === box.blockId);
            const uses = usesOf(box.queueId);
            if (!block || !uses) return null;
            return (
              <MemoryBlock
                key={box.blockId}
                box={box}
                block={block}
                uses={uses}
                bytesIn={(slot) =>
                  digest.slotWrites
                    .get(box.queueId)
                    ?.get(slot)
                    ?.segments.find((seg) => seg.blockId === box.blockId)?.length
                }
                colour={vizVar(vmToken(vmIndexOfQueue(box.queueId)))}
                highlighted={box.blockId === focusId}
                compact={layout.compact}
                hatchId={hatchId}
                onHover={setHovered}
                onPick={(id) => setPinned((current) => (current === id ? null : id))}
              />
            );
          })}
        </svg>
        <LayerCanvas width={layout.width} height={layout.height} onCanvas={animator.attach} />
      </div>
      <div className={`grid gap-4 border-t border-slate-100 pt-3 ${layout.compact ? '' : 'lg:grid-cols-2'}`}>
        <BlockDetail block={focus} pinned={focus !== null && focus.blockId === pinned} />
        <FrameAnatomy
          write={digest.latestWrite}
          blocks={memory}
          width={layout.compact ? width : Math.floor(width / 2) - 16}
          hatchId={hatchId}
          spaceToken={spaceToken}
        />
      </div>
    </div>
  );
}

/** The address spaces: the host's in neutral grey, each guest's in its VM's colour (as its box in the diagram). */
function Lanes({
  layout,
  memory,
  vspCopies,
  spaceToken,
}: {
  layout: MemoryLayout;
  memory: readonly MemoryBlockView[];
  /** Every receive buffer is in host memory and the VSP copies each frame into the guest (2012+). */
  vspCopies: boolean;
  spaceToken(space: string): VizToken;
}) {
  return (
    <g>
      {layout.lanes.map(({ space, rect }) => {
        const host = space === MANAGEMENT_OS;
        const tint = vizVar(spaceToken(space));
        const empty = !memory.some((b) => b.space === space);
        return (
          <g key={space} data-testid="memory-lane" data-space={space}>
            {!host && <title>{space}</title>}
            <rect x={rect.x} y={rect.y} width={rect.w} height={rect.h} rx={8} fill={tint} fillOpacity={0.07} />
            <rect x={rect.x} y={rect.y} width={5} height={rect.h} rx={2.5} fill={tint} />
            <text x={14} y={rect.y + 19} fontSize={12} fontWeight={600} fill={vizVar('fg')}>
              {host ? 'Management OS' : fitName(space, layout.labelW - 20, 12)}
            </text>
            <text x={14} y={rect.y + 34} fontSize={10.5} fill={vizVar('muted')}>
              {host ? 'host memory' : 'guest memory'}
            </text>
            {!host && !layout.compact && (
              <text x={14} y={rect.y + 47} fontSize={10.5} fill={vizVar('muted')}>
                the VM can read & write it
              </text>
            )}
            {empty && !host && (
              <text
                x={layout.labelW + 22}
                y={rect.y + rect.h / 2 + 4}
                fontSize={11.5}
                fill={vizVar('muted')}
                fontStyle="italic"
                data-testid="memory-lane-empty"
              >
                {firstFitting(
                  vspCopies
                    ? [
                        `No receive buffers in ${space}'s memory: on Windows Server 2012+ the VSP copies each frame in`,
                        `No receive buffers in ${space}'s memory (2012+: the VSP copies)`,
                        `No receive buffers here`,
                      ]
                    : [`No receive buffers in ${space}'s memory`, 'No receive buffers here'],
                  rect.w - layout.labelW - 30,
                  11.5,
                )}
              </text>
            )}
          </g>
        );
      })}
    </g>
  );
}

function BandTitles({
  layout,
  queues,
  vmIndexOfQueue,
}: {
  layout: MemoryLayout;
  queues: readonly QueueView[];
  vmIndexOfQueue(queueId: number): number | null;
}) {
  return (
    <g aria-hidden>
      {layout.bands.map((band) => {
        const queue = queues.find((q) => q.QueueId === band.queueId);
        const owner = band.queueId === 0 ? 'default' : queue?.VmName || queue?.QueueName || '';
        return (
          <text
            key={band.queueId}
            x={band.x}
            y={layout.bandTitleY}
            fontSize={11}
            fontWeight={600}
            fill={vizVar(vmToken(vmIndexOfQueue(band.queueId)))}
          >
            {`Queue ${band.queueId}${owner ? ` · ${owner}` : ''}`}
          </text>
        );
      })}
    </g>
  );
}

/**
 * For a split queue: a thread from each lookahead slot to the same slot's post-lookahead buffer — the two halves of
 * one receive buffer. Occupied slots get a solid thread in the queue's colour.
 */
function SplitThreads({
  layout,
  memory,
  usesOf,
  vmIndexOfQueue,
}: {
  layout: MemoryLayout;
  memory: readonly MemoryBlockView[];
  usesOf(queueId: number): readonly RingSlotState[] | null;
  vmIndexOfQueue(queueId: number): number | null;
}) {
  const boxOf = (usage: MemoryBlockView['usage'], queueId: number): BlockBox | undefined => {
    const block = memory.find((b) => b.queueId === queueId && b.usage === usage);
    return block && layout.blocks.find((b) => b.blockId === block.blockId);
  };
  return (
    <g aria-hidden>
      {layout.bands.map(({ queueId }) => {
        const lookahead = boxOf('NdisSharedMemoryUsageReceiveLookahead', queueId);
        const post = boxOf('NdisSharedMemoryUsageReceivePostLookahead', queueId);
        const uses = usesOf(queueId);
        if (!lookahead || !post || !uses) return null;
        const colour = vizVar(vmToken(vmIndexOfQueue(queueId)));
        return (
          <g key={queueId} data-testid="split-threads" data-queue-id={queueId}>
            {uses.map((use, slot) => {
              const from = slotCell(lookahead, slot);
              const to = slotCell(post, slot);
              const x2 = to.x + 1 + ((to.w - 2) * BACKFILL_SHARE) / 2;
              return (
                <line
                  // biome-ignore lint/suspicious/noArrayIndexKey: the index is the ring slot number, the thread's identity.
                  key={slot}
                  x1={from.x + from.w / 2}
                  y1={from.y + from.h}
                  x2={x2}
                  y2={to.y}
                  stroke={use === 'free' ? vizVar('grid') : colour}
                  strokeWidth={use === 'free' ? 1 : 1.5}
                  strokeOpacity={use === 'free' ? 0.8 : 0.75}
                />
              );
            })}
          </g>
        );
      })}
    </g>
  );
}
