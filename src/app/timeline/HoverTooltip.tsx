/** What the marks under the pointer are, in words: the first few events at that spot and how many more share it. */
import { describeOnScreen } from '../trace/describeOnScreen.ts';
import { useTraceMemo } from '../side/useTrace.ts';
import { eventBySeq } from '../trace/traceLookup.ts';
import { formatUs } from '../ui/format.ts';
import type { Hit } from './plotGeometry.ts';

/** Events a tooltip names before it says how many more share the spot. */
const TOOLTIP_LINES = 6;

export function HoverTooltip({ hover, widthPx }: { hover: Hit; widthPx: number }) {
  const lines = useTraceMemo(
    (trace) => {
      const named = hover.seqs.slice(0, TOOLTIP_LINES).flatMap((seq) => {
        const event = eventBySeq(trace, seq);
        return event ? [`${formatUs(event.t)} µs · ${describeOnScreen(event).text}`] : [];
      });
      if (hover.seqs.length > TOOLTIP_LINES)
        named.push(`and ${hover.seqs.length - TOOLTIP_LINES} more here (switch to event order to spread them out)`);
      return named;
    },
    [hover],
  );
  if (lines.length === 0) return null;
  return (
    <div
      role="tooltip"
      className="pointer-events-none absolute z-10 max-w-md rounded-md bg-slate-800 px-2 py-1 text-xs text-slate-50 shadow-lg"
      style={{ left: Math.max(0, Math.min(hover.x + 10, widthPx - 448)), top: hover.y + 12 }}
      data-testid="timeline-tooltip"
    >
      {lines.map((line, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: lines of a tooltip rebuilt on every hover; two events can read the same.
        <p key={i} className="truncate">
          {line}
        </p>
      ))}
    </div>
  );
}
