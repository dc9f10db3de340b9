/**
 * A queue's state, both views of §5.1: the reported NDIS_RECEIVE_QUEUE_OPERATIONAL_STATE in the pill, and the
 * driver's detailed state beside it. When the reported state changes the pill pops and the old state fades out
 * ("was Paused"), so a viewer catches the transition; with reduced motion the change is simply there.
 *
 * Before QUEUE_ALLOCATION_COMPLETE a queue reports Running (the documented mapping of Allocated and Set) while it has
 * no buffers and the NIC ignores its filter. Its pill then says "Running (reported)" as an outline, not the solid
 * green of a queue that receives, and the detailed state says the allocation is not complete.
 */
import { useState } from 'react';
import type { DetailedQueueState } from '../../engine/index.ts';
import { textWidth } from '../viz/textFit.ts';
import { stateToken, vizVar } from '../viz/theme.ts';
import type { VizToken } from '../viz/theme.ts';

/** The reported states take the colour of the detailed state that best stands for them. */
const REPORTED_TOKEN: Record<string, VizToken> = {
  Undefined: stateToken('Undefined'),
  Running: stateToken('Running'),
  Paused: stateToken('Paused'),
  DmaStopped: stateToken('Freeing'),
};

/** What the pill says: the reported state, marked when the queue only reports it (its allocation is not complete). */
export const pillLabel = (reported: string, receiving: boolean): string =>
  reported === 'Running' && !receiving ? 'Running (reported)' : reported;

/** Width of the pill for its label (12 px semibold text with padding). */
export const pillWidth = (label: string): number => textWidth(label, 12) * 1.1 + 22;
/** Room the detailed state (and a fading "was …") takes beside the pill on a one-line row. */
export const DETAILED_BESIDE_PX = 170;

interface StateBadgeProps {
  /** x of the pill's right edge. */
  right: number;
  y: number;
  reported: string;
  detailed: DetailedQueueState;
  /** The engine's QueueView.allocationComplete: whether the queue really receives what it reports. */
  receiving: boolean;
  /** Where the detailed state goes when it does not fit beside the pill (a narrow row): its own line, left-aligned. */
  detailedLine: { x: number; y: number } | null;
}

export function StateBadge({ right, y, reported, detailed, receiving, detailedLine }: StateBadgeProps) {
  // The previous reported state, kept from earlier renders (React's "storing information from previous renders").
  const [history, setHistory] = useState<{ current: string; previous: string | null }>({
    current: reported,
    previous: null,
  });
  if (history.current !== reported) setHistory({ current: reported, previous: history.current });

  const label = pillLabel(reported, receiving);
  const onlyReported = label !== reported;
  const pillW = pillWidth(label);
  const pillX = right - pillW;
  const colour = vizVar(REPORTED_TOKEN[reported] ?? 'muted');
  return (
    <g data-testid="diagram-queue-badge" data-reported={reported} data-detailed={detailed} data-receiving={receiving}>
      <g key={label} className="viz-badge-pop">
        <rect
          x={pillX + (onlyReported ? 0.75 : 0)}
          y={y + (onlyReported ? 0.75 : 0)}
          width={pillW - (onlyReported ? 1.5 : 0)}
          height={onlyReported ? 18.5 : 20}
          rx={10}
          fill={onlyReported ? vizVar('bg') : colour}
          stroke={onlyReported ? colour : 'none'}
          strokeWidth={1.5}
          strokeDasharray={onlyReported ? '4 3' : undefined}
        />
        <text
          x={pillX + pillW / 2}
          y={y + 14}
          fontSize={12}
          fontWeight={600}
          textAnchor="middle"
          fill={onlyReported ? colour : vizVar('bg')}
          data-testid="diagram-queue-reported"
        >
          {label}
        </text>
      </g>
      <text
        x={detailedLine ? detailedLine.x : pillX - 8}
        y={detailedLine ? detailedLine.y : y + 14}
        fontSize={11}
        textAnchor={detailedLine ? 'start' : 'end'}
        fill={vizVar('muted')}
      >
        {history.previous && !detailedLine && (
          <tspan key={`${history.previous}>${reported}`} className="viz-fade-out">{`was ${history.previous}  `}</tspan>
        )}
        {'detailed '}
        <tspan fill={vizVar(stateToken(detailed))} fontWeight={600} data-testid="diagram-queue-detailed">
          {detailed}
        </tspan>
        {onlyReported && ': allocation not complete'}
        {history.previous && detailedLine && (
          <tspan
            key={`${history.previous}>${reported}`}
            className="viz-fade-out"
          >{`  (was ${history.previous})`}</tspan>
        )}
      </text>
    </g>
  );
}
