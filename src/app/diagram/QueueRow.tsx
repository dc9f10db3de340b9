/**
 * One receive queue in the NIC: who it serves and on which CPU, its two states (the reported
 * NDIS_RECEIVE_QUEUE_OPERATIONAL_STATE and the driver's detailed §5.1 state), its ring of receive buffers, its
 * counters, and — while it stands — the NDIS_STATUS_RECEIVE_QUEUE_STATE indication the miniport sent for it.
 */
import { memo } from 'react';
import type { QueueView } from '../../engine/types.ts';
import { isSelected, selectionStore, useSelection } from '../store/selection.ts';
import { formatCount } from '../format.ts';
import { ringSlots } from '../viz/ring.ts';
import type { SlotUse } from '../viz/ring.ts';
import { shortOid, shortOperationalState, shortStatus } from '../viz/ndisLabels.ts';
import type { QueueStateIndication } from '../viz/traceDigest.ts';
import { stateToken, vizVar, vmToken } from '../viz/theme.ts';
import type { QueueBox } from './layout.ts';
import { StateBadge } from './StateBadge.tsx';

interface QueueRowProps {
  box: QueueBox;
  queue: QueueView;
  /** Index of the queue's VM in the scenario (its colour); null for the default queue. */
  vmIndex: number | null;
  lastSlot: number | undefined;
  indication: QueueStateIndication | undefined;
  compact: boolean;
}

export const QueueRow = memo(function QueueRow({ box, queue, vmIndex, lastSlot, indication, compact }: QueueRowProps) {
  const selected = useSelection((s) => isSelected(s.selected, 'queue', queue.QueueId));
  const { rect } = box;
  const colour = vizVar(vmToken(vmIndex));
  const reported = shortOperationalState(queue.reported);
  const dropped = Object.values(queue.counters.dropped).reduce((sum, n) => sum + (n ?? 0), 0);
  const free = queue.buffers - queue.pending - queue.outstandingNbls;
  const isDefault = queue.QueueId === 0;
  const title = isDefault ? (compact ? 'Default' : 'Default queue (QueueId 0)') : compact ? `Q${queue.QueueId}` : `Queue ${queue.QueueId}`;
  const owner = isDefault ? '' : queue.VmName || queue.QueueName;
  const select = () => selectionStore.getState().select({ kind: 'queue', id: queue.QueueId });

  return (
    <g
      data-testid="diagram-queue"
      data-queue-id={queue.QueueId}
      data-state={queue.state}
      data-reported={reported}
      role="button"
      tabIndex={0}
      aria-label={`${title}${owner ? `, ${owner}` : ''}: ${reported} (detailed ${queue.state}), ${queue.counters.classified} frames classified`}
      aria-pressed={selected}
      onClick={select}
      onKeyDown={(e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); select(); } }}
      className="cursor-pointer outline-none"
    >
      <rect x={rect.x} y={rect.y} width={rect.w} height={rect.h} rx={8} fill={vizVar('bg')} stroke={vizVar(selected ? 'selected' : 'grid')} strokeWidth={selected ? 2.5 : 1} />
      <rect x={rect.x} y={rect.y + 6} width={4} height={rect.h - 12} rx={2} fill={colour} />
      <text x={rect.x + 12} y={rect.y + 21} fontSize={13} fill={vizVar('fg')}>
        <tspan fontWeight={600}>{title}</tspan>
        {owner && <tspan fill={vizVar('muted')}>{` · ${owner}`}</tspan>}
        {!compact && <tspan fill={vizVar('muted')} fontSize={11}>{`  CPU ${queue.cpu}`}</tspan>}
      </text>
      <StateBadge
        right={rect.x + rect.w - 10}
        y={rect.y + 7}
        reported={reported}
        detailed={queue.state}
        detailedLine={compact ? { x: rect.x + 12, y: rect.y + 37 } : null}
      />
      <SlotStrip box={box} uses={ringSlots(queue.buffers, lastSlot, queue.pending, queue.outstandingNbls)} colour={colour} />
      <text x={rect.x + 12} y={box.strip.y + box.strip.h + 16} fontSize={11} fill={vizVar('muted')}>
        {compact
          ? `${queue.pending} DPC · ${queue.outstandingNbls} held · ${free} free`
          : `${formatCount(queue.pending)} awaiting DPC · ${formatCount(queue.outstandingNbls)} held · ${formatCount(free)} free`}
      </text>
      <text x={rect.x + rect.w - 12} y={box.strip.y + box.strip.h + 16} fontSize={11} textAnchor="end" fill={vizVar('muted')}>
        <tspan fill={vizVar('fg')} fontWeight={600} data-testid="diagram-queue-classified">{formatCount(queue.counters.classified)}</tspan>
        {compact ? ' in' : ' classified'}
        {!compact && <tspan>{` · ${formatCount(queue.counters.indicated)} indicated`}</tspan>}
        {dropped > 0 && <tspan fill={vizVar('drop')} fontWeight={600}>{` · ${formatCount(dropped)} dropped`}</tspan>}
      </text>
      {box.banner && indication && <IndicationBanner box={box} indication={indication} compact={compact} />}
    </g>
  );
});

/** The ring of receive buffers: solid = DMA'd and waiting for the DPC, pale = indicated and held by vmswitch. */
function SlotStrip({ box, uses, colour }: { box: QueueBox; uses: SlotUse[]; colour: string }) {
  const { strip } = box;
  const cell = strip.w / Math.max(uses.length, 1);
  const gap = cell >= 6 ? 1.5 : 0;
  return (
    <g aria-hidden>
      <rect x={strip.x} y={strip.y} width={strip.w} height={strip.h} rx={3} fill={vizVar('lane')} stroke={vizVar('grid')} />
      {uses.map((use, slot) =>
        use === 'free' ? null : (
          <rect
            key={slot}
            x={strip.x + slot * cell + gap / 2}
            y={strip.y + 2}
            width={Math.max(cell - gap, 0.8)}
            height={strip.h - 4}
            rx={cell >= 6 ? 1.5 : 0}
            fill={colour}
            fillOpacity={use === 'dma' ? 1 : 0.35}
          />
        ),
      )}
    </g>
  );
}

/** The DmaStopped indication, named with the FREE_QUEUE request it answers (causeRequestId). */
function IndicationBanner({ box, indication, compact }: { box: QueueBox; indication: QueueStateIndication; compact: boolean }) {
  const banner = box.banner as NonNullable<QueueBox['banner']>;
  const state = indication.state ? shortOperationalState(indication.state) : '';
  const cause = indication.cause;
  const causeText = cause
    ? `${compact ? '' : 'for '}${shortOid(cause.oid)} #${cause.requestId}${cause.status === null ? (compact ? ' (pending)' : ' (still pending: NBLs outstanding)') : ` → ${shortStatus(cause.status)}`}`
    : '';
  return (
    <g data-testid="queue-state-indication" data-cause-request-id={cause?.requestId ?? ''}>
      <rect x={banner.x} y={banner.y} width={banner.w} height={banner.h} rx={4} fill={vizVar(stateToken('Freeing'))} fillOpacity={0.12} stroke={vizVar(stateToken('Freeing'))} strokeOpacity={0.5} />
      <text x={banner.x + 8} y={banner.y + banner.h / 2 + 4} fontSize={11} fill={vizVar('fg')}>
        <tspan fontWeight={600}>{compact ? '↑ RECEIVE_QUEUE_STATE' : '↑ NDIS_STATUS_RECEIVE_QUEUE_STATE'}</tspan>
        <tspan>{` ${state}`}</tspan>
        {causeText && <tspan fill={vizVar('muted')}>{`  ${causeText}`}</tspan>}
      </text>
    </g>
  );
}
