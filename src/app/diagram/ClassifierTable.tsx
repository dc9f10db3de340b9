/**
 * The NIC's classifier: its filter table, MAC and VLAN → queue, in match order (docs/decisions.md: ascending
 * QueueId, then FilterId), ending with the default queue that takes whatever no filter matches. A filter whose
 * queue has not completed allocation is not in the hardware table yet, so it is drawn dashed.
 */
import type { FilterSpec, FilterView, QueueView } from '../../engine/types.ts';
import { macFromInt } from '../../scenario/mac.ts';
import { isSelected, selectionStore, useSelection } from '../store/selection.ts';
import { vizVar, vmToken } from '../viz/theme.ts';
import { NO_MATCH_FILTER_ID } from './layout.ts';
import type { DiagramLayout, FilterRow } from './layout.ts';

interface ClassifierTableProps {
  layout: DiagramLayout;
  filters: readonly FilterView[];
  queues: readonly QueueView[];
  vmIndexOfQueue(queueId: number): number | null;
}

export function ClassifierTable({ layout, filters, queues, vmIndexOfQueue }: ClassifierTableProps) {
  const { classifier: box, compact } = layout;
  return (
    <g data-testid="diagram-classifier">
      <rect x={box.x} y={box.y} width={box.w} height={box.h} rx={8} fill={vizVar('bg')} stroke={vizVar('grid')} />
      <text x={box.x + 12} y={box.y + 19} fontSize={12} fontWeight={600} fill={vizVar('fg')}>
        {compact ? 'Filters' : 'Receive filters'}
        {!compact && <tspan fontWeight={400} fill={vizVar('muted')} fontSize={11}>{'  MAC · VLAN → queue'}</tspan>}
      </text>
      {layout.filterRows.map((row) => {
        const filter = filters.find((f) => f.FilterId === row.filterId);
        const queue = queues.find((q) => q.QueueId === row.queueId);
        // Only a Running queue's filters are programmed into the hardware table; the others let frames fall through.
        const active = row.filterId === NO_MATCH_FILTER_ID || queue?.state === 'Running';
        return (
          <FilterRowView key={row.filterId} row={row} filter={filter} active={active} vmIndex={vmIndexOfQueue(row.queueId)} compact={compact} />
        );
      })}
    </g>
  );
}

function FilterRowView({ row, filter, active, vmIndex, compact }: { row: FilterRow; filter: FilterView | undefined; active: boolean; vmIndex: number | null; compact: boolean }) {
  const selected = useSelection((s) => isSelected(s.selected, 'filter', row.filterId));
  const { rect } = row;
  const noMatch = row.filterId === NO_MATCH_FILTER_ID;
  const [macText, vlanText] = filter ? matchText(filter.filter, filter.vlanAgnostic, compact) : ['', ''];
  const label = noMatch ? (compact ? 'no match' : 'no filter matches') : compact ? macText : `${macText} · ${vlanText}`;
  const target = row.queueId === 0 ? 'default queue' : `queue ${row.queueId}`;
  const onClick = noMatch ? undefined : () => selectionStore.getState().select({ kind: 'filter', id: row.filterId });
  return (
    <g
      data-testid="diagram-filter"
      data-filter-id={row.filterId}
      onClick={onClick}
      className={onClick ? 'cursor-pointer' : undefined}
      opacity={active ? 1 : 0.55}
    >
      <title>{noMatch ? 'Frames no filter takes go to the default queue (QueueId 0)' : active ? `FilterId ${row.filterId}` : `FilterId ${row.filterId}: its queue has not completed allocation, so frames fall through to the default queue`}</title>
      <rect
        x={rect.x} y={rect.y} width={rect.w} height={rect.h} rx={4}
        fill={vizVar('lane')}
        stroke={vizVar(selected ? 'selected' : 'grid')}
        strokeWidth={selected ? 2 : 1}
        strokeDasharray={active ? undefined : '4 3'}
      />
      <rect x={rect.x + 4} y={rect.y + 4} width={4} height={rect.h - 8} rx={2} fill={vizVar(vmToken(vmIndex))} />
      {/* A narrow table gives the VLAN a line of its own under the MAC. */}
      <text x={rect.x + 14} y={rect.y + (compact && !noMatch ? 13 : rect.h / 2 + 4)} fontSize={11} fill={vizVar(noMatch ? 'muted' : 'fg')} className={noMatch ? undefined : 'font-mono'}>
        {label}
      </text>
      {compact && !noMatch && (
        <text x={rect.x + 14} y={rect.y + 26} fontSize={10.5} fill={vizVar('muted')}>{vlanText}</text>
      )}
      {/* In a narrow table the link to the queue says where the filter sends frames. */}
      {!compact && (
        <text x={rect.x + rect.w - 8} y={rect.y + rect.h / 2 + 4} fontSize={11} textAnchor="end" fill={vizVar('muted')}>
          {`→ ${target}`}
        </text>
      )}
    </g>
  );
}

/** [MAC, VLAN test] as the filter table shows them; a narrow table shows the MAC's last two octets. */
function matchText(spec: FilterSpec, vlanAgnostic: boolean, compact: boolean): [string, string] {
  const mac = macFromInt(spec.mac);
  const vlan = spec.vlanId !== null ? `VLAN ${spec.vlanId}` : spec.untaggedOrZero ? 'untagged' : vlanAgnostic ? 'any VLAN' : 'no VLAN test';
  return [compact ? `…${mac.slice(-5)}` : mac, vlan];
}
