/**
 * The fixed paths of the receive path, drawn faintly under everything: wire → classifier, each filter row → its
 * queue, each queue → the CPU of its DPC → the switch → each partition. Frames fly along exactly these curves.
 */
import type { QueueView } from '../../engine/index.ts';
import { linkPath } from '../viz/geometry.ts';
import { vizVar } from '../viz/theme.ts';
import { anchorPoint } from './layout.ts';
import type { Anchor, DiagramLayout } from './layout.ts';

function Link({
  layout,
  from,
  to,
  strong = false,
}: {
  layout: DiagramLayout;
  from: Anchor;
  to: Anchor;
  strong?: boolean;
}) {
  const a = anchorPoint(layout, from);
  const b = anchorPoint(layout, to);
  if (!a || !b) return null;
  return (
    <path d={linkPath(a, b)} fill="none" stroke={vizVar(strong ? 'muted' : 'grid')} strokeWidth={strong ? 1.25 : 1.5} />
  );
}

export function Edges({ layout, queues }: { layout: DiagramLayout; queues: readonly QueueView[] }) {
  return (
    <g aria-hidden>
      <Link layout={layout} from={{ at: 'wire' }} to={{ at: 'classifier' }} strong />
      {layout.filterRows.map((row) => (
        <Link
          key={row.filterId}
          layout={layout}
          from={{ at: 'filter', filterId: row.filterId }}
          to={{ at: 'queue', queueId: row.queueId }}
        />
      ))}
      {queues.map((q) => (
        <Link
          key={q.QueueId}
          layout={layout}
          from={{ at: 'queue-exit', queueId: q.QueueId }}
          to={{ at: 'cpu', cpu: q.cpu }}
        />
      ))}
      {/* Into the switch at the CPU's height, out of it at each partition's: inside, the switch forwards by MAC. */}
      {layout.cpus.map(({ cpu, rect }) => (
        <line
          key={cpu}
          x1={rect.x + rect.w}
          y1={rect.y + rect.h / 2}
          x2={layout.vswitch.x}
          y2={rect.y + rect.h / 2}
          stroke={vizVar('grid')}
          strokeWidth={1.5}
        />
      ))}
      {layout.hosts.map(({ name, rect }) => (
        <line
          key={name}
          x1={layout.vswitch.x + layout.vswitch.w}
          y1={rect.y + rect.h / 2}
          x2={rect.x}
          y2={rect.y + rect.h / 2}
          stroke={vizVar('grid')}
          strokeWidth={1.5}
        />
      ))}
    </g>
  );
}

/** The line from a queue's status-indication banner to the request it answers, in the switch's list. */
export function IndicationLink({
  layout,
  queueId,
  requestRow,
}: {
  layout: DiagramLayout;
  queueId: number;
  requestRow: number;
}) {
  const box = layout.queues.find((q) => q.queueId === queueId);
  const row = layout.oidRows[requestRow];
  if (!box?.banner || !row) return null;
  const a = { x: box.banner.x + box.banner.w, y: box.banner.y + box.banner.h / 2 };
  const b = { x: row.x, y: row.y + row.h / 2 };
  return (
    <g data-testid="indication-link" aria-hidden>
      {/* The dashes run toward the switch for a moment when the indication fires (none with reduced motion). */}
      <path
        d={linkPath(a, b)}
        fill="none"
        stroke={vizVar('state-freeing')}
        strokeWidth={1.75}
        strokeDasharray="5 4"
        className="viz-signal"
      />
      <circle cx={a.x} cy={a.y} r={3} fill={vizVar('state-freeing')} />
      <circle cx={b.x} cy={b.y} r={3} fill={vizVar('state-freeing')} />
    </g>
  );
}
