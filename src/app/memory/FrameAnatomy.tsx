/**
 * The newest DMA write, to byte scale: which bytes of the frame went to which memory. On 2008 R2 the lookahead
 * buffer (host) sits above the post-lookahead buffer (guest) whose backfill lies exactly under the lookahead
 * bytes, with an arrow for the copy that joins them; on 2012 the whole frame is in one host buffer. The frame's
 * name selects it, so the inspector can follow it (reduced motion has no moving dot to click).
 */
import { MANAGEMENT_OS, type MemoryBlockView } from '../../engine/index.ts';
import { formatCount } from '../ui/format.ts';
import { useSide } from '../side/SideProvider.tsx';
import type { LatestWrite } from '../viz/traceDigest.ts';
import { vizVar } from '../viz/theme.ts';
import type { VizToken } from '../viz/theme.ts';
import { frameAnatomy } from './anatomy.ts';
import type { AnatomyBar, AnatomyRow } from './anatomy.ts';
import { shortUsage } from './placement.ts';
import { Term } from '../glossary/Term.tsx';

const ROW_H = 16;
const ROW_GAP = 24;
const LABEL_W = 150;
const TOP = 6;

interface FrameAnatomyProps {
  write: LatestWrite | null;
  blocks: readonly MemoryBlockView[];
  width: number;
  hatchId: string;
  /** Bytes take the colour of the memory that holds them: neutral for the host, the VM's own for a guest. */
  spaceToken(space: string): VizToken;
}

export function FrameAnatomy({ write, blocks, width, hatchId, spaceToken }: FrameAnatomyProps) {
  const { select } = useSide();
  const anatomy = write && frameAnatomy(write.segments, blocks, LABEL_W, Math.max(width - LABEL_W - 8, 120));
  if (!write || !anatomy) {
    return (
      <p className="text-sm text-slate-500" data-testid="frame-anatomy">
        No frame has been DMA'd yet (or per-frame events are off).
      </p>
    );
  }
  const height = TOP + anatomy.rows.length * (ROW_H + ROW_GAP) - ROW_GAP + 24;
  const rowY = (i: number) => TOP + i * (ROW_H + ROW_GAP);
  const lookaheadRow = anatomy.rows.findIndex((r) => r.kind === 'NdisSharedMemoryUsageReceiveLookahead');
  const postRow = anatomy.rows.findIndex((r) => r.kind === 'NdisSharedMemoryUsageReceivePostLookahead');
  const backfill = anatomy.rows[postRow]?.bars.find((b) => b.role === 'backfill');
  return (
    <div data-testid="frame-anatomy" data-split={anatomy.split}>
      <p className="mb-1 text-sm text-slate-700">
        <button
          type="button"
          onClick={() => select({ kind: 'frame', id: write.frameId })}
          className="font-medium text-slate-900 hover:underline focus-visible:outline-2 focus-visible:outline-sky-600"
          data-testid="frame-anatomy-frame"
        >
          Frame {write.frameId}
        </button>{' '}
        ({formatCount(anatomy.frameBytes)} B) → queue {write.queueId}, ring slot {write.slot}
        {anatomy.split ? (
          <>
            : split at the <Term id="lookahead-size">lookahead size</Term>, the headers in host memory, the rest in
            guest memory
          </>
        ) : (
          <>
            : the whole frame in one host buffer; the <Term id="vsp">VSP</Term> copies it into the VM
          </>
        )}
      </p>
      <svg
        width={width}
        height={height}
        className="block"
        role="img"
        aria-label={`Where the bytes of frame ${write.frameId} were DMA'd`}
      >
        {anatomy.rows.map((row, i) => (
          <g key={`${row.kind}-${row.blockId ?? 'wire'}`}>
            <text x={0} y={rowY(i) + 12} fontSize={11} fill={vizVar('muted')}>
              {rowLabel(row)}
            </text>
            {row.bars.map((bar) => (
              <Bar
                key={`${bar.role}-${bar.x}`}
                bar={bar}
                y={rowY(i)}
                fill={
                  bar.role === 'backfill'
                    ? `url(#${hatchId})`
                    : vizVar(bar.role === 'unused' ? 'grid' : spaceToken(bar.space))
                }
              />
            ))}
          </g>
        ))}
        {anatomy.split && backfill && lookaheadRow >= 0 && (
          // The copy that joins the halves: lookahead bytes (host) → the guest buffer's backfill.
          <g aria-hidden>
            <path
              d={`M ${backfill.x + backfill.w / 2} ${rowY(lookaheadRow) + ROW_H + 2} L ${backfill.x + backfill.w / 2} ${rowY(postRow) - 3}`}
              stroke={vizVar('fg')}
              strokeWidth={1.5}
            />
            <path
              d={`M ${backfill.x + backfill.w / 2 - 4} ${rowY(postRow) - 8} l 4 5 l 4 -5`}
              fill="none"
              stroke={vizVar('fg')}
              strokeWidth={1.5}
            />
            <text x={backfill.x + backfill.w + 8} y={rowY(postRow) - 8} fontSize={11} fill={vizVar('fg')}>
              copied into the backfill on delivery: the VM gets one contiguous frame
            </text>
          </g>
        )}
      </svg>
    </div>
  );
}

const ROW_NAME: Partial<Record<AnatomyRow['kind'], string>> = {
  wire: 'on the wire',
  NdisSharedMemoryUsageReceiveLookahead: 'lookahead buffer',
  NdisSharedMemoryUsageReceivePostLookahead: 'post-lookahead',
  NdisSharedMemoryUsageReceive: 'receive buffer',
};

function rowLabel(row: AnatomyRow): string {
  const name = ROW_NAME[row.kind] ?? shortUsage(row.kind as Exclude<AnatomyRow['kind'], 'wire'>);
  if (row.kind === 'wire') return name;
  return `${name} · ${row.space === MANAGEMENT_OS ? 'host' : row.space}`;
}

function Bar({ bar, y, fill }: { bar: AnatomyBar; y: number; fill: string }) {
  const label = bar.role === 'unused' ? '' : `${formatCount(bar.bytes)} B${bar.role === 'backfill' ? ' backfill' : ''}`;
  return (
    <g>
      <rect
        x={bar.x}
        y={y}
        width={Math.max(bar.w, 1)}
        height={ROW_H}
        rx={2}
        fill={fill}
        fillOpacity={bar.role === 'unused' ? 0.5 : 1}
        stroke={bar.role === 'backfill' ? vizVar('muted') : 'none'}
      />
      {label && bar.w > 52 && (
        <text
          x={bar.x + 5}
          y={y + 12}
          fontSize={10.5}
          fontWeight={600}
          fill={bar.role === 'backfill' ? vizVar('fg') : vizVar('bg')}
        >
          {label}
        </text>
      )}
      {label && bar.w <= 52 && bar.role !== 'backfill' && (
        <text x={bar.x + bar.w + 4} y={y + 12} fontSize={10.5} fill={vizVar('fg')}>
          {label}
        </text>
      )}
    </g>
  );
}
