/**
 * One shared-memory block as a grid of its receive buffers, outlined in its queue's colour and labelled with its
 * usage. Post-lookahead buffers show their backfill (hatched) in front of the data: the room the host copies the
 * lookahead bytes into, so the VM gets one contiguous frame.
 */
import { MANAGEMENT_OS, type MemoryBlockView, type RingSlotState } from '../../engine/index.ts';
import { formatCount } from '../ui/format.ts';
import { Drawn, HitArea } from '../viz/HitArea.tsx';
import { vizVar } from '../viz/theme.ts';
import { slotCell } from './layout.ts';
import type { BlockBox } from './layout.ts';
import { shortUsage } from './placement.ts';
import { Box } from '../viz/Box.tsx';

/** The backfill is drawn as this share of a cell (not to scale: 128 of 2048 bytes would be a hairline). */
export const BACKFILL_SHARE = 0.3;

interface MemoryBlockProps {
  box: BlockBox;
  block: MemoryBlockView;
  uses: readonly RingSlotState[];
  /** Bytes the newest DMA write into `slot` put in this block (0 for a frame that fit the lookahead), if known. */
  bytesIn(slot: number): number | undefined;
  colour: string;
  highlighted: boolean;
  compact: boolean;
  /** Id of the map's hatch pattern for backfill. */
  hatchId: string;
  onHover(blockId: number | null): void;
  onPick(blockId: number): void;
}

export function MemoryBlock({
  box,
  block,
  uses,
  bytesIn,
  colour,
  highlighted,
  compact,
  hatchId,
  onHover,
  onPick,
}: MemoryBlockProps) {
  const post = block.usage === 'NdisSharedMemoryUsageReceivePostLookahead';
  const size = block.bufferStride >= 1024 ? `${block.bufferStride / 1024} KB` : `${block.bufferStride} B`;
  const label = compact
    ? `${shortUsage(block.usage)} · ${block.buffers}×${size}`
    : `${shortUsage(block.usage)} · ${formatCount(block.buffers)} × ${size}${block.backfill ? `, backfill ${block.backfill} B` : ''}`;
  return (
    <g
      data-testid="memory-block"
      data-block-id={block.blockId}
      data-queue-id={block.queueId}
      data-usage={block.usage}
      data-space={block.space}
      data-selected={highlighted}
    >
      <Drawn>
        {/* A halo in the page colour keeps the label legible where split threads pass behind it. */}
        <text
          x={box.grid.x}
          y={box.grid.y - 6}
          fontSize={compact ? 10 : 11}
          fill={vizVar('fg')}
          stroke={vizVar('bg')}
          strokeWidth={4}
          strokeLinejoin="round"
          paintOrder="stroke"
        >
          {label}
        </text>
        <rect
          x={box.grid.x - 2}
          y={box.grid.y - 2}
          width={box.grid.w + 4}
          height={box.grid.h + 4}
          rx={3}
          fill={vizVar('bg')}
          stroke={highlighted ? vizVar('selected') : colour}
          strokeWidth={highlighted ? 2.5 : 1.5}
        />
        {uses.map((use, slot) => {
          const cell = slotCell(box, slot);
          const inner = { x: cell.x + 1, y: cell.y + 1, w: cell.w - 2, h: cell.h - 2 };
          const backfillW = post ? inner.w * BACKFILL_SHARE : 0;
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: the index is the ring slot number, the cell's identity.
            <g key={slot}>
              <Box rect={inner} rx={1.5} fill={vizVar('lane')} stroke={vizVar('grid')} strokeWidth={0.75} />
              {post && <rect x={inner.x} y={inner.y} width={backfillW} height={inner.h} fill={`url(#${hatchId})`} />}
              {/* A small frame leaves its post-lookahead buffer empty: only the host's lookahead buffer holds it. */}
              {use !== 'free' && bytesIn(slot) !== 0 && (
                <rect
                  x={inner.x + backfillW}
                  y={inner.y}
                  width={inner.w - backfillW}
                  height={inner.h}
                  rx={1.5}
                  fill={colour}
                  fillOpacity={use === 'dma-written' ? 1 : 0.4}
                />
              )}
            </g>
          );
        })}
      </Drawn>
      <HitArea
        rect={{ x: box.grid.x - 2, y: box.grid.y - 2, w: box.grid.w + 4, h: box.grid.h + 4 }}
        rx={3}
        rovingKey={`block-${block.blockId}`}
        label={`Block ${block.blockId} of queue ${block.queueId}: ${block.usage}, ${formatCount(block.buffers)} × ${size}${block.backfill ? `, backfill ${block.backfill} B` : ''}, in ${block.space === MANAGEMENT_OS ? 'the management OS' : block.space}`}
        pressed={highlighted}
        onPick={() => onPick(block.blockId)}
        onHover={(over) => onHover(over ? block.blockId : null)}
        tooltip={`Block ${block.blockId}: ${block.usage} in ${block.space}`}
      />
    </g>
  );
}
