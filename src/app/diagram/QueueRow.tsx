/**
 * One receive queue in the NIC: who it serves and on which CPU, its two states (the reported
 * NDIS_RECEIVE_QUEUE_OPERATIONAL_STATE and the driver's detailed §5.1 state), its ring of receive buffers, its
 * counters, and — while it stands — the NDIS_STATUS_RECEIVE_QUEUE_STATE indication the miniport sent for it.
 */
import { memo, useState } from 'react';
import type { QueueView, RingSlotState } from '../../engine/index.ts';
import { totalDropped } from '../../scenario/dropReasons.ts';
import { useSide, useSideSelection } from '../side/SideProvider.tsx';
import { isSelected } from '../store/selection.ts';
import { formatCount } from '../ui/format.ts';
import { shortOid, shortOperationalState, shortStatus } from '../ndis/ndisLabels.ts';
import type { QueueStateIndication } from '../viz/traceDigest.ts';
import { firstFitting, textWidth } from '../viz/textFit.ts';
import { isolatedName } from '../ui/plainText.ts';
import { stateToken, vizVar, vmToken } from '../viz/theme.ts';
import type { QueueBox } from './layout.ts';
import { DETAILED_BESIDE_PX, pillLabel, pillWidth, StateBadge } from './StateBadge.tsx';
import { Box, selectionOutline } from '../viz/Box.tsx';
import { Drawn, HitArea } from '../viz/HitArea.tsx';

interface QueueRowProps {
  box: QueueBox;
  queue: QueueView;
  /** Index of the queue's VM in the scenario (its colour); null for the default queue. */
  vmIndex: number | null;
  indication: QueueStateIndication | undefined;
  /** The row puts the detailed state on a line of its own (layout.narrowQueues). */
  narrow: boolean;
  /** Freed a moment ago: drawn as a ghost of its last view (departedQueues.ts), not selectable. */
  departed?: boolean;
  /** Rules the engine found broken about this queue (the conformance panel has the findings). */
  broken?: readonly string[] | undefined;
}

export const QueueRow = memo(function QueueRow({
  box,
  queue,
  vmIndex,
  indication,
  narrow,
  departed = false,
  broken,
}: QueueRowProps) {
  const { select: selectOnSide } = useSide();
  const selected = useSideSelection((s) => isSelected(s, 'queue', queue.QueueId));
  const { rect } = box;
  const colour = vizVar(vmToken(vmIndex));
  const reported = shortOperationalState(queue.reported);
  const dropped = totalDropped(queue.counters.dropped);
  const free = queue.buffers - queue.pending - queue.outstandingNbls;
  const isDefault = queue.QueueId === 0;
  const owner = isDefault ? '' : queue.VmName || queue.QueueName;
  const ruleTag = broken?.length ? `⚠ ${broken.join(' ')}` : '';
  const ruleTagRoom = ruleTag ? textWidth(ruleTag, 11) * 1.1 + 10 : 0;
  const pillW = pillWidth(pillLabel(reported, queue.allocationComplete));
  const titleRoom = rect.w - 28 - pillW - ruleTagRoom - (narrow ? 0 : DETAILED_BESIDE_PX);
  const heading = headingFor(queue.QueueId, owner && isolatedName(owner), queue.cpu, titleRoom);
  // The CPU before a move (Dynamic VMQ), kept from earlier renders like the badge's state: "was CPU 1" fades out.
  const [cpuMove, setCpuMove] = useState<{ current: number; previous: number | null }>({
    current: queue.cpu,
    previous: null,
  });
  if (cpuMove.current !== queue.cpu) setCpuMove({ current: queue.cpu, previous: cpuMove.current });
  const wasCpu = cpuMove.previous === null ? '' : `  was CPU ${cpuMove.previous}`;
  const showWasCpu = wasCpu !== '' && heading.cpu !== '' && headingWidth(heading) + textWidth(wasCpu, 11) <= titleRoom;
  const counts = countsFor(queue, free, dropped, rect.w - 24);
  const select = () => selectOnSide({ kind: 'queue', id: queue.QueueId });

  if (departed)
    return (
      <g
        data-testid="diagram-queue"
        data-queue-id={queue.QueueId}
        data-state="Undefined"
        data-departed="true"
        className="viz-departed"
      >
        <title>{`Queue ${queue.QueueId}${owner ? `, ${owner}` : ''}: freed (it was ${reported}, detailed ${queue.state})`}</title>
        <Box rect={rect} rx={8} fill={vizVar('bg')} stroke={vizVar('muted')} strokeDasharray="5 4" />
        <text x={rect.x + 12} y={rect.y + 21} fontSize={13} fill={vizVar('muted')}>
          <tspan fontWeight={600}>{heading.title}</tspan>
          {heading.owner && <tspan>{heading.owner}</tspan>}
        </text>
        <text
          x={rect.x + rect.w - 12}
          y={rect.y + 21}
          fontSize={12}
          fontWeight={600}
          textAnchor="end"
          fill={vizVar('fg')}
        >
          {departedTrail(queue.state)}
        </text>
        <text x={rect.x + 12} y={box.strip.y + box.strip.h + 16} fontSize={11} fill={vizVar('muted')}>
          shared memory released; QueueId {queue.QueueId} may be reused
        </text>
        {box.banner && indication && (
          <IndicationBanner box={box} indication={indication} outstandingNbls={queue.outstandingNbls} />
        )}
      </g>
    );

  return (
    <g
      data-testid="diagram-queue"
      data-queue-id={queue.QueueId}
      data-state={queue.state}
      data-reported={reported}
      data-selected={selected}
    >
      <Drawn>
        <Box
          rect={rect}
          rx={8}
          fill={vizVar('bg')}
          {...(ruleTag && !selected
            ? { stroke: vizVar('violation'), strokeWidth: 2 }
            : selectionOutline(selected, 2.5))}
        />
        <rect x={rect.x} y={rect.y + 6} width={4} height={rect.h - 12} rx={2} fill={colour} />
        {ruleTag && (
          <text
            x={rect.x + rect.w - 10 - pillW - 6}
            y={rect.y + 21}
            fontSize={11}
            fontWeight={600}
            textAnchor="end"
            fill={vizVar('violation')}
            data-testid="diagram-queue-broken"
          >
            {ruleTag}
          </text>
        )}
        <text x={rect.x + 12} y={rect.y + 21} fontSize={13} fill={vizVar('fg')}>
          <tspan fontWeight={600}>{heading.title}</tspan>
          {heading.owner && <tspan fill={vizVar('muted')}>{heading.owner}</tspan>}
          {heading.cpu && (
            <tspan fill={vizVar('muted')} fontSize={11} data-testid="diagram-queue-cpu">
              {heading.cpu}
            </tspan>
          )}
          {showWasCpu && (
            <tspan key={wasCpu} fill={vizVar('warning')} fontSize={11} className="viz-fade-out">
              {wasCpu}
            </tspan>
          )}
        </text>
        <StateBadge
          right={rect.x + rect.w - 10}
          y={rect.y + 7}
          reported={reported}
          detailed={queue.state}
          receiving={queue.allocationComplete}
          detailedLine={narrow ? { x: rect.x + 12, y: rect.y + 37 } : null}
        />
        <SlotStrip box={box} slots={queue.ring.slots} colour={colour} />
        <text x={rect.x + 12} y={box.strip.y + box.strip.h + 16} fontSize={11} fill={vizVar('muted')}>
          {counts.ring}
        </text>
        <text
          x={rect.x + rect.w - 12}
          y={box.strip.y + box.strip.h + 16}
          fontSize={11}
          textAnchor="end"
          fill={vizVar('muted')}
        >
          <tspan fill={vizVar('fg')} fontWeight={600} data-testid="diagram-queue-classified">
            {formatCount(queue.counters.classified)}
          </tspan>
          {counts.classified}
          {counts.indicated && <tspan>{counts.indicated}</tspan>}
          {dropped > 0 && <tspan fill={vizVar('drop')} fontWeight={600}>{` · ${formatCount(dropped)} dropped`}</tspan>}
        </text>
        {box.banner && indication && (
          <IndicationBanner box={box} indication={indication} outstandingNbls={queue.outstandingNbls} />
        )}
      </Drawn>
      <HitArea
        rect={rect}
        rx={8}
        rovingKey={`queue-${queue.QueueId}`}
        label={queueLabel(queue, owner, reported, free, dropped, indication, broken)}
        pressed={selected}
        onPick={select}
        tooltip={owner || undefined}
      />
    </g>
  );
});

/** The row in words, whatever of it the drawing has room for. */
function queueLabel(
  queue: QueueView,
  owner: string,
  reported: string,
  free: number,
  dropped: number,
  indication: QueueStateIndication | undefined,
  broken: readonly string[] | undefined,
): string {
  const name = queue.QueueId === 0 ? 'Default queue' : `Queue ${queue.QueueId}`;
  const parts = [
    `${name}${owner ? `, ${owner}` : ''}: ${reported} (detailed ${queue.state})`,
    `CPU ${queue.cpu}`,
    `${queue.counters.classified} frames classified`,
    `${free} of ${queue.buffers} buffers free`,
  ];
  if (dropped > 0) parts.push(`${dropped} dropped`);
  const state = indication?.state ? `; NDIS_STATUS_RECEIVE_QUEUE_STATE ${shortOperationalState(indication.state)}` : '';
  return `${parts.join(', ')}${state}${broken?.length ? `; broke ${broken.join(', ')}` : ''}`;
}

/** What a freed queue went through, as far as its last view showed (§3.9: DMA stops, Freeing, freed). */
function departedTrail(lastState: QueueView['state']): string {
  if (lastState === 'Freeing') return 'DmaStopped → Freeing → freed';
  if (lastState === 'StopDma') return 'DmaStopped → freed';
  return 'freed';
}

/** The ring of receive buffers: solid = DMA'd and waiting for the DPC, pale = indicated and held by vmswitch. */
function SlotStrip({ box, slots, colour }: { box: QueueBox; slots: readonly RingSlotState[]; colour: string }) {
  const { strip } = box;
  const cell = strip.w / Math.max(slots.length, 1);
  const gap = cell >= 6 ? 1.5 : 0;
  return (
    <g aria-hidden>
      <Box rect={strip} rx={3} fill={vizVar('lane')} stroke={vizVar('grid')} />
      {slots.map((use, slot) =>
        use === 'free' ? null : (
          <rect
            // biome-ignore lint/suspicious/noArrayIndexKey: the index is the ring slot number, the cell's identity.
            key={slot}
            x={strip.x + slot * cell + gap / 2}
            y={strip.y + 2}
            width={Math.max(cell - gap, 0.8)}
            height={strip.h - 4}
            rx={cell >= 6 ? 1.5 : 0}
            fill={colour}
            fillOpacity={use === 'dma-written' ? 1 : 0.35}
          />
        ),
      )}
    </g>
  );
}

/** The row's first line, as much of it as fits beside the state pill. */
function headingFor(
  queueId: number,
  owner: string,
  cpu: number,
  roomPx: number,
): { title: string; owner: string; cpu: string } {
  const variants =
    queueId === 0
      ? [
          { title: 'Default queue (QueueId 0)', owner: '', cpu: `  CPU ${cpu}` },
          { title: 'Default queue', owner: '', cpu: `  CPU ${cpu}` },
          { title: 'Default queue', owner: '', cpu: '' },
          { title: 'Default', owner: '', cpu: '' },
        ]
      : [
          { title: `Queue ${queueId}`, owner: owner && ` · ${owner}`, cpu: `  CPU ${cpu}` },
          { title: `Queue ${queueId}`, owner: owner && ` · ${owner}`, cpu: '' },
          { title: `Q${queueId}`, owner: owner && ` · ${owner}`, cpu: '' },
          { title: `Q${queueId}`, owner: '', cpu: '' },
        ];
  return variants.find((v) => headingWidth(v) <= roomPx) ?? (variants.at(-1) as (typeof variants)[number]);
}

const headingWidth = (v: { title: string; owner: string; cpu: string }): number =>
  textWidth(v.title, 13) * 1.06 + textWidth(v.owner, 13) + textWidth(v.cpu, 11);

/** The row's last line: the ring on the left, the counters on the right, in as many words as fit together. */
function countsFor(
  queue: QueueView,
  free: number,
  dropped: number,
  roomPx: number,
): { ring: string; classified: string; indicated: string } {
  const [p, h, f] = [formatCount(queue.pending), formatCount(queue.outstandingNbls), formatCount(free)];
  const rings = [`${p} awaiting DPC · ${h} held · ${f} free`, `${p} DPC · ${h} held · ${f} free`];
  const tails = [
    { classified: ' classified', indicated: ` · ${formatCount(queue.counters.indicated)} indicated` },
    { classified: ' classified', indicated: '' },
    { classified: ' in', indicated: '' },
  ];
  const droppedText = dropped > 0 ? ` · ${formatCount(dropped)} dropped` : '';
  const count = formatCount(queue.counters.classified);
  for (const tail of tails) {
    for (const ring of rings) {
      if (
        textWidth(ring, 11) + textWidth(`${count}${tail.classified}${tail.indicated}${droppedText}`, 11) + 16 <=
        roomPx
      )
        return { ring, ...tail };
    }
  }
  return { ring: rings[1] as string, ...(tails[2] as (typeof tails)[number]) };
}

/**
 * The DmaStopped indication: the status on the first line, on the second the FREE_QUEUE request it belongs to
 * (causeRequestId) and what that request is waiting for.
 */
function IndicationBanner({
  box,
  indication,
  outstandingNbls,
}: {
  box: QueueBox;
  indication: QueueStateIndication;
  outstandingNbls: number;
}) {
  const banner = box.banner as NonNullable<QueueBox['banner']>;
  const state = indication.state ? shortOperationalState(indication.state) : '';
  const cause = indication.cause;
  const room = banner.w - 16;
  const status = firstFitting(
    [`↑ NDIS_STATUS_RECEIVE_QUEUE_STATE: ${state}`, `↑ RECEIVE_QUEUE_STATE: ${state}`],
    room,
    11,
  );
  const nbls = `${formatCount(outstandingNbls)} NBL${outstandingNbls === 1 ? '' : 's'}`;
  const waiting =
    cause?.status === null
      ? outstandingNbls > 0
        ? `pending until ${nbls} come back`
        : 'pending'
      : cause
        ? shortStatus(cause.status)
        : '';
  const because = cause
    ? firstFitting(
        [
          `for ${cause.oid} #${cause.requestId}, ${waiting}`,
          `for ${shortOid(cause.oid)} #${cause.requestId}, ${waiting}`,
          `for ${shortOid(cause.oid)} #${cause.requestId}`,
        ],
        room,
        11,
      )
    : '';
  return (
    <g data-testid="queue-state-indication" data-cause-request-id={cause?.requestId ?? ''}>
      <Box
        rect={banner}
        rx={4}
        fill={vizVar(stateToken('Freeing'))}
        fillOpacity={0.12}
        stroke={vizVar(stateToken('Freeing'))}
        strokeOpacity={0.5}
      />
      <text x={banner.x + 8} y={banner.y + 15} fontSize={11} fontWeight={600} fill={vizVar('fg')}>
        {status}
      </text>
      {because && (
        <text x={banner.x + 8} y={banner.y + 30} fontSize={11} fill={vizVar('muted')}>
          {because}
        </text>
      )}
    </g>
  );
}
