/** The timeline's seek slider over virtual time. */
import { useId, useRef } from 'react';
import { formatUs } from '../ui/format.ts';

/** Seeks while dragging; seeks arrive at most once per animation frame, each an instant restore or run in the worker. */
export function Scrubber({
  maxNs,
  valueNs,
  onSeek,
  className = 'border-t border-slate-100 px-4 py-2',
}: {
  maxNs: number;
  valueNs: number;
  onSeek: (tNs: number) => void;
  className?: string;
}) {
  const id = useId();
  const pending = useRef<number | null>(null);
  const request = (tNs: number) => {
    const first = pending.current === null;
    pending.current = tNs;
    if (first) {
      requestAnimationFrame(() => {
        if (pending.current !== null) onSeek(pending.current);
        pending.current = null;
      });
    }
  };
  // A round step (1, 10, 100 ns…) near a thousandth of the range, so arrow keys move visibly and values stay round.
  const step = 10 ** Math.max(0, Math.floor(Math.log10(maxNs / 1000)));
  return (
    <div className={`flex items-center gap-3 ${className}`}>
      <label htmlFor={id} className="w-28 shrink-0 text-right text-xs text-slate-500">
        seek (virtual time)
      </label>
      <input
        id={id}
        type="range"
        min={0}
        max={maxNs}
        step={step}
        value={Math.min(valueNs, maxNs)}
        onChange={(e) => request(Number(e.target.value))}
        aria-valuetext={`${formatUs(valueNs)} µs`}
        className="h-2 min-w-0 flex-1 accent-sky-700"
        data-testid="scrubber"
      />
      <span className="w-28 shrink-0 font-mono text-xs tabular-nums text-slate-600">{formatUs(valueNs)} µs</span>
    </div>
  );
}
