/** Where the NIC discards frames, one compartment per reason, with the engine's exact count for each. */
import type { DropReason } from '../../engine/index.ts';
import { formatCount } from '../ui/format.ts';
import { DROP_REASON_WORDS } from '../../scenario/dropReasons.ts';
import { vizVar } from '../viz/theme.ts';
import type { DiagramLayout } from './layout.ts';
import { Box } from '../viz/Box.tsx';

export function DiscardBin({
  layout,
  dropped,
}: {
  layout: DiagramLayout;
  dropped: Partial<Record<DropReason, number>>;
}) {
  const { bin } = layout;
  return (
    <g data-testid="diagram-bin">
      <Box rect={bin} rx={8} fill={vizVar('lane')} stroke={vizVar('grid')} strokeDasharray="6 4" />
      {layout.compartments.length === 0 && (
        <text x={bin.x + 12} y={bin.y + bin.h / 2 + 4} fontSize={11} fill={vizVar('muted')}>
          Discard bin: nothing dropped
        </text>
      )}
      {layout.compartments.map(({ reason, rect }, i) => (
        <g key={reason} data-testid="diagram-bin-reason" data-reason={reason}>
          {i > 0 && <line x1={rect.x} y1={rect.y + 8} x2={rect.x} y2={rect.y + rect.h - 8} stroke={vizVar('grid')} />}
          <text x={rect.x + 12} y={rect.y + 18} fontSize={11} fill={vizVar('muted')}>
            {DROP_REASON_WORDS[reason].label}
          </text>
          <text
            x={rect.x + 12}
            y={rect.y + 40}
            fontSize={16}
            fontWeight={600}
            fill={vizVar('drop')}
            data-testid="diagram-bin-count"
          >
            {formatCount(dropped[reason] ?? 0)}
          </text>
        </g>
      ))}
    </g>
  );
}
