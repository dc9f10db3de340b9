/**
 * The adapter diagram's text alternative (issue 12): its queues, filters, requests and drops as tables, read from
 * the same view and digest the diagram draws, so they follow every batch and every step as it does.
 */
import { useDrawingInput } from '../side/SideProvider.tsx';
import { FactTable, type Column } from './FactTable.tsx';
import {
  blockRows,
  dropRows,
  filterRows,
  queueRows,
  requestRows,
  type BlockRow,
  type FilterRow,
  type QueueRow,
  type RequestRow,
} from './tableRows.ts';

const QUEUE_COLUMNS: readonly Column<QueueRow>[] = [
  { header: 'QueueId', cell: (r) => r.QueueId, numeric: true },
  { header: 'Owner', cell: (r) => r.owner },
  { header: 'NDIS_RECEIVE_QUEUE_OPERATIONAL_STATE', cell: (r) => r.reported },
  { header: 'Detailed state', cell: (r) => r.state },
  { header: 'CPU', cell: (r) => r.cpu, numeric: true },
  { header: 'FilterId', cell: (r) => r.filters || '–' },
  { header: 'Buffers', cell: (r) => r.buffers, numeric: true },
  { header: 'Awaiting DPC', cell: (r) => r.awaitingDpc, numeric: true },
  { header: 'NBLs held', cell: (r) => r.held, numeric: true },
  { header: 'Free', cell: (r) => r.free, numeric: true },
  { header: 'Classified', cell: (r) => r.classified, numeric: true },
  { header: 'Indicated', cell: (r) => r.indicated, numeric: true },
  { header: 'Dropped', cell: (r) => r.dropped, numeric: true },
  { header: 'NDIS_STATUS_RECEIVE_QUEUE_STATE', cell: (r) => r.indication || '–' },
  { header: 'Rules broken', cell: (r) => r.broken || '–' },
];

const FILTER_COLUMNS: readonly Column<FilterRow>[] = [
  { header: 'FilterId', cell: (r) => r.FilterId, numeric: true },
  { header: 'QueueId', cell: (r) => r.QueueId, numeric: true },
  { header: 'MAC address', cell: (r) => <span className="font-mono">{r.mac}</span> },
  { header: 'VLAN test', cell: (r) => r.vlan },
  { header: 'In the hardware table', cell: (r) => (r.inHardwareTable ? 'yes' : 'no: its queue is not Running yet') },
];

const REQUEST_COLUMNS: readonly Column<RequestRow>[] = [
  { header: 'Request', cell: (r) => `#${r.requestId}` },
  { header: 'OID', cell: (r) => <span className="font-mono">{r.oid}</span> },
  { header: 'Status', cell: (r) => <span className="font-mono">{r.status}</span> },
];

const BLOCK_COLUMNS: readonly Column<BlockRow>[] = [
  { header: 'Block', cell: (r) => r.blockId, numeric: true },
  { header: 'Address space', cell: (r) => r.space },
  { header: 'QueueId', cell: (r) => r.QueueId, numeric: true },
  { header: 'Usage', cell: (r) => <span className="font-mono">{r.usage}</span> },
  { header: 'Buffers', cell: (r) => r.buffers, numeric: true },
  { header: 'Stride (B)', cell: (r) => r.bufferStride, numeric: true },
  { header: 'Length (B)', cell: (r) => r.length, numeric: true },
  { header: 'Backfill (B)', cell: (r) => r.backfill, numeric: true },
];

export function AdapterTables() {
  const { view, digest } = useDrawingInput();
  if (!view) return null;
  const drops = dropRows(view);
  return (
    <div className="flex flex-col gap-5" data-testid="adapter-tables">
      <FactTable
        caption="Receive queues"
        columns={QUEUE_COLUMNS}
        rows={queueRows(view, digest.queueStateIndications)}
        rowKey={(r) => r.QueueId}
        empty="No queue."
        testId="table-queues"
      />
      <FactTable
        caption="Receive filters (frames no filter takes go to the default queue)"
        columns={FILTER_COLUMNS}
        rows={filterRows(view)}
        rowKey={(r) => r.FilterId}
        empty="No filter is set."
        testId="table-filters"
      />
      <FactTable
        caption="Recent OID requests"
        columns={REQUEST_COLUMNS}
        rows={requestRows(digest.recentOids)}
        rowKey={(r) => r.requestId}
        empty="No request yet."
        testId="table-requests"
      />
      <p className="text-xs text-slate-600" data-testid="table-drops">
        {drops.length
          ? `Discarded: ${drops.map((d) => `${d.count} ${d.reason}`).join('; ')}.`
          : 'Discard bin: nothing dropped.'}
      </p>
    </div>
  );
}

export function MemoryTable() {
  const { view } = useDrawingInput();
  if (!view) return null;
  return (
    <div data-testid="memory-table">
      <FactTable
        caption="Shared memory blocks, by address space"
        columns={BLOCK_COLUMNS}
        rows={blockRows(view)}
        rowKey={(r) => r.blockId}
        empty="No receive buffers are allocated."
        testId="table-blocks"
      />
    </div>
  );
}
