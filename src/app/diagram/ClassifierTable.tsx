/**
 * The NIC's classifier: its filter table, MAC and VLAN → queue, in match order (docs/decisions.md: ascending
 * QueueId, then FilterId), ending with the default queue that takes whatever no filter matches. A filter whose
 * queue has not completed allocation is not in the hardware table yet, so it is drawn dashed.
 */
import type { FilterView } from '../../engine/index.ts';
import { macFromInt } from '../../scenario/mac.ts';
import { useSide, useSideSelection } from '../side/SideProvider.tsx';
import { isSelected } from '../store/selection.ts';
import { firstFitting, textWidth } from '../viz/textFit.ts';
import { Drawn, HitArea } from '../viz/HitArea.tsx';
import { vizVar, vmToken } from '../viz/theme.ts';
import { NO_MATCH_FILTER_ID } from './layout.ts';
import type { DiagramLayout, FilterRow } from './layout.ts';
import { Box, selectionOutline } from '../viz/Box.tsx';

interface ClassifierTableProps {
  layout: DiagramLayout;
  filters: readonly FilterView[];
  vmIndexOfQueue(queueId: number): number | null;
}

export function ClassifierTable({ layout, filters, vmIndexOfQueue }: ClassifierTableProps) {
  const { classifier: box, compact, narrowFilters } = layout;
  return (
    <g data-testid="diagram-classifier">
      <Box rect={box} rx={8} fill={vizVar('bg')} stroke={vizVar('grid')} />
      <text x={box.x + 12} y={box.y + 19} fontSize={12} fontWeight={600} fill={vizVar('fg')}>
        {compact ? 'Filters' : 'Receive filters'}
        {!compact && (
          <tspan fontWeight={400} fill={vizVar('muted')} fontSize={11}>
            {'  MAC · VLAN → queue'}
          </tspan>
        )}
      </text>
      {layout.filterRows.map((row) => {
        const filter = filters.find((f) => f.FilterId === row.filterId);
        const active = row.filterId === NO_MATCH_FILTER_ID || filter?.inHardwareTable === true;
        return (
          <FilterRowView
            key={row.filterId}
            row={row}
            filter={filter}
            active={active}
            vmIndex={vmIndexOfQueue(row.queueId)}
            narrow={narrowFilters}
          />
        );
      })}
    </g>
  );
}

function FilterRowView({
  row,
  filter,
  active,
  vmIndex,
  narrow,
}: {
  row: FilterRow;
  filter: FilterView | undefined;
  active: boolean;
  vmIndex: number | null;
  narrow: boolean;
}) {
  const { select } = useSide();
  const selected = useSideSelection((s) => isSelected(s, 'filter', row.filterId));
  const { rect } = row;
  const noMatch = row.filterId === NO_MATCH_FILTER_ID;
  const room = rect.w - 22;
  const lines = noMatch
    ? noMatchLines(room)
    : filter
      ? filterLines(filter, row.queueId, room, narrow)
      : { mac: '', rest: '' };
  const onClick = noMatch ? undefined : () => select({ kind: 'filter', id: row.filterId });
  // The whole row in words, however little of it fits on screen.
  const said = filter ? filterLines(filter, row.queueId, Number.POSITIVE_INFINITY, false) : lines;
  const label = `Filter ${row.filterId}: ${said.mac}${said.rest}${active ? '' : ' (its queue has not completed allocation)'}`;
  const tooltip = noMatch
    ? 'Frames no filter takes go to the default queue (QueueId 0)'
    : active
      ? `FilterId ${row.filterId}`
      : `FilterId ${row.filterId}: its queue has not completed allocation, so frames fall through to the default queue`;
  const drawing = (
    <>
      <Box
        rect={rect}
        rx={4}
        fill={vizVar('lane')}
        {...selectionOutline(selected, 2)}
        strokeDasharray={active ? undefined : '4 3'}
      />
      <rect x={rect.x + 4} y={rect.y + 4} width={4} height={rect.h - 8} rx={2} fill={vizVar(vmToken(vmIndex))} />
      {narrow && !noMatch ? (
        <>
          <text x={rect.x + 14} y={rect.y + 13} fontSize={11} fill={vizVar('fg')} className="font-mono">
            {lines.mac}
          </text>
          <text x={rect.x + 14} y={rect.y + 26} fontSize={10.5} fill={vizVar('muted')}>
            {lines.rest}
          </text>
        </>
      ) : (
        <text x={rect.x + 14} y={rect.y + rect.h / 2 + 4} fontSize={11} fill={vizVar('muted')}>
          {lines.mac && (
            <tspan fill={vizVar('fg')} className="font-mono">
              {lines.mac}
            </tspan>
          )}
          {lines.rest}
        </text>
      )}
    </>
  );
  return (
    <g data-testid="diagram-filter" data-filter-id={row.filterId} data-selected={selected} opacity={active ? 1 : 0.55}>
      {onClick ? (
        <>
          <Drawn>{drawing}</Drawn>
          <HitArea
            rect={rect}
            rx={4}
            rovingKey={`filter-${row.filterId}`}
            label={label}
            pressed={selected}
            onPick={onClick}
            tooltip={tooltip}
          />
        </>
      ) : (
        <>
          <title>{tooltip}</title>
          {drawing}
        </>
      )}
    </g>
  );
}

/**
 * The filter's MAC and the rest (VLAN test, target queue), as much as fits: on one line, or on two when the table
 * is narrow. The target is the first thing to go: the link to the queue says it too.
 */
function filterLines(
  { filter: spec, vlanAgnostic }: FilterView,
  queueId: number,
  roomPx: number,
  narrow: boolean,
): { mac: string; rest: string } {
  const mac = macFromInt(spec.mac);
  const vlan =
    spec.vlanId !== null
      ? `VLAN ${spec.vlanId}`
      : spec.untaggedOrZero
        ? 'untagged'
        : vlanAgnostic
          ? 'any VLAN'
          : 'no VLAN test';
  const target = `→ ${queueId === 0 ? 'default queue' : `queue ${queueId}`}`;
  const shortMac = `…${mac.slice(-5)}`;
  if (narrow) {
    return {
      mac: textWidth(mac, 11, true) <= roomPx ? mac : shortMac,
      rest: firstFitting([`${vlan}  ${target}`, vlan], roomPx, 10.5),
    };
  }
  const macPx = textWidth(mac, 11, true);
  const rest = firstFitting([` · ${vlan}  ${target}`, ` · ${vlan}`], roomPx - macPx, 11);
  return { mac, rest };
}

function noMatchLines(roomPx: number): { mac: string; rest: string } {
  return {
    mac: '',
    rest: firstFitting(['no filter matches  → default queue', 'no match  → default queue', 'no match'], roomPx, 11),
  };
}
