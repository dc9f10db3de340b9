/** The run's seed, and a way to draw the scenario's random traffic from another: the same seed replays the same
 * run (and a share link carries it), another seed shows what the same scenario does with other arrivals. */
import { useEffect, useState } from 'react';
import { usePage, usePageStore } from '../page/PageProvider.tsx';
import { useSideStore } from '../side/SideProvider.tsx';

const MAX_SEED = 0xffff_ffff;

/** The seed `text` names, or null when it names none the scenario format accepts (an unsigned 32-bit integer). */
export function readSeed(text: string): number | null {
  if (!/^\d{1,10}$/.test(text.trim())) return null;
  const seed = Number(text.trim());
  return seed <= MAX_SEED ? seed : null;
}

export function SeedControl() {
  const page = usePage();
  const seed = useSideStore((s) => s.scenario?.seed);
  const switching = usePageStore((s) => s.switching);
  const loading = useSideStore((s) => s.loadingSource !== null);
  const [text, setText] = useState(String(seed ?? ''));
  useEffect(() => setText(String(seed ?? '')), [seed]);
  if (seed === undefined) return null;

  const wanted = readSeed(text);
  const apply = (next: number | null) => {
    if (next === null || next === seed) setText(String(seed));
    else void page.reseed(next);
  };
  return (
    <div
      className="flex items-baseline gap-1.5 text-sm"
      title="The seed of the scenario's random traffic (poisson arrivals). The same seed replays the same run; another restarts the scenario with other arrivals."
    >
      <label className="text-slate-500" htmlFor="run-seed">
        seed
      </label>
      <input
        id="run-seed"
        inputMode="numeric"
        // As wide as the seed it holds: a one-digit seed keeps the control bar on one line at 1280 px.
        style={{ width: `${Math.max(3, text.length) + 2}ch` }}
        className={`h-7 rounded-md border-0 bg-white px-2 font-mono text-sm tabular-nums text-slate-900 ring-1 ring-inset ${wanted === null ? 'ring-red-500' : 'ring-slate-300'}`}
        value={text}
        disabled={switching || loading}
        aria-invalid={wanted === null}
        aria-describedby={wanted === null ? 'run-seed-problem' : undefined}
        onChange={(event) => setText(event.target.value)}
        onBlur={() => apply(wanted)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') setText(String(seed));
          if (event.key === 'Enter') apply(wanted);
        }}
        data-testid="seed"
      />
      {wanted === null && (
        <span id="run-seed-problem" className="text-xs text-red-700" role="status">
          a whole number from 0 to {MAX_SEED}
        </span>
      )}
    </div>
  );
}
