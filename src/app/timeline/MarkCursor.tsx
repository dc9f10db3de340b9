/**
 * The timeline's marks for the keyboard: one Tab stop on the plot, a ring around the mark it is on (shown while it
 * has the focus), the arrows moving it (markCursor.ts), Enter selecting that mark's event as a click does. Its name
 * says the mark's row, time and event in the log's words.
 */
import { useState } from 'react';
import type { TraceEvent } from '../../engine/index.ts';
import { useSide, useSideSelection } from '../side/SideProvider.tsx';
import { useTraceMemo } from '../side/useTrace.ts';
import { describeOnScreen } from '../trace/describeOnScreen.ts';
import { indexOfSeq } from '../trace/traceLookup.ts';
import { formatUs } from '../ui/format.ts';
import { ROVING_KEYS } from '../ui/roving.ts';
import type { Lanes } from './lanes.ts';
import { type MarkPlace, moveMark, startPlace, stillThere } from './markCursor.ts';
import { ROW_LABEL, ROW_PX, rowTop } from './plotGeometry.ts';

export function MarkCursor({ lanes, scale }: { lanes: Lanes; scale: (x: number) => number }) {
  const side = useSide();
  const selected = useSideSelection((s) => (s?.kind === 'event' ? s.id : null));
  const [moved, setMoved] = useState<MarkPlace | null>(null);
  // The place the user moved to while its mark is still kept; else the selected event's, else the newest answer.
  const kept = moved && stillThere(lanes, moved) ? moved : null;
  const at = kept ?? startPlace(lanes, selected);
  const event = useTraceMemo(
    (trace) => {
      const index = at ? indexOfSeq(trace, at.seq) : -1;
      return index < 0 ? null : (trace.at(index) as TraceEvent);
    },
    [at?.seq],
  );
  if (!at) return null;
  const x = scale(at.x);
  const y = rowTop(at.row);
  const label = `${ROW_LABEL[at.row]}, ${event ? `${formatUs(event.t)} µs: ${describeOnScreen(event).text}` : `event ${at.seq}`}`;
  return (
    // biome-ignore lint/a11y/useSemanticElements: SVG has no <button>; this <rect> takes the button's role, the arrows and Enter.
    <rect
      role="button"
      tabIndex={0}
      aria-label={label}
      aria-roledescription="timeline mark"
      data-testid="timeline-cursor"
      data-seq={at.seq}
      className="viz-hit outline-none"
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          e.preventDefault();
          side.select({ kind: 'event', id: at.seq });
          return;
        }
        if (!ROVING_KEYS.has(e.key)) return;
        // The page's own arrows step the simulation; here they move between marks.
        e.preventDefault();
        e.stopPropagation();
        setMoved(moveMark(lanes, at, e.key));
      }}
      x={x - 6}
      y={y + 1}
      width={12}
      height={ROW_PX - 2}
      rx={3}
      fill="transparent"
    />
  );
}
