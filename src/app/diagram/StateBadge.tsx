/**
 * A queue's state, both views of §5.1: the reported NDIS_RECEIVE_QUEUE_OPERATIONAL_STATE in the pill, and the
 * driver's detailed state beside it. When the reported state changes the pill pops and the old state fades out
 * ("was Paused"), so a viewer catches the transition; with reduced motion the change is simply there.
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

/** Width of the pill for a reported state (12 px semibold text with padding). */
export const pillWidth = (reported: string): number => textWidth(reported, 12) * 1.1 + 22;
/** Room the detailed state (and a fading "was …") takes beside the pill on a one-line row. */
export const DETAILED_BESIDE_PX = 170;

interface StateBadgeProps {
  /** x of the pill's right edge. */
  right: number;
  y: number;
  reported: string;
  detailed: DetailedQueueState;
  /** Where the detailed state goes when it does not fit beside the pill (a narrow row): its own line, left-aligned. */
  detailedLine: { x: number; y: number } | null;
}

export function StateBadge({ right, y, reported, detailed, detailedLine }: StateBadgeProps) {
  // The previous reported state, kept from earlier renders (React's "storing information from previous renders").
  const [history, setHistory] = useState<{ current: string; previous: string | null }>({
    current: reported,
    previous: null,
  });
  if (history.current !== reported) setHistory({ current: reported, previous: history.current });

  const pillW = pillWidth(reported);
  const pillX = right - pillW;
  const colour = vizVar(REPORTED_TOKEN[reported] ?? 'muted');
  return (
    <g data-testid="diagram-queue-badge" data-reported={reported} data-detailed={detailed}>
      <g key={reported} className="viz-badge-pop">
        <rect x={pillX} y={y} width={pillW} height={20} rx={10} fill={colour} />
        <text
          x={pillX + pillW / 2}
          y={y + 14}
          fontSize={12}
          fontWeight={600}
          textAnchor="middle"
          fill={vizVar('bg')}
          data-testid="diagram-queue-reported"
        >
          {reported}
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
