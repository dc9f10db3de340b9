/** The switch into and out of compare mode (2008 R2 beside 2012). */
import { usePage, usePageStore } from '../page/PageProvider.tsx';
import { enterCompare, isComparing, leaveCompare } from './compareMode.ts';

export function CompareToggle() {
  const page = usePage();
  const on = usePageStore((s) => isComparing(s.sides));
  const switching = usePageStore((s) => s.switching);
  const toggle = () => void (on ? leaveCompare(page) : enterCompare(page));
  return (
    <button
      type="button"
      role="switch"
      aria-checked={on}
      disabled={switching}
      onClick={toggle}
      data-testid="compare-toggle"
      className="inline-flex h-8 items-center gap-2 rounded-md px-2.5 text-sm font-medium text-slate-700 ring-1 ring-inset ring-slate-300 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600 disabled:cursor-wait disabled:opacity-60"
      title="Run the same scenario on Windows Server 2008 R2 and 2012 side by side"
    >
      <svg width="28" height="16" viewBox="0 0 28 16" aria-hidden className="shrink-0">
        <rect width="28" height="16" rx="8" className={on ? 'fill-sky-700' : 'fill-slate-300'} />
        <circle cx={on ? 20 : 8} cy="8" r="6" className="fill-white" />
      </svg>
      Compare 2008 R2 ↔ 2012
    </button>
  );
}
