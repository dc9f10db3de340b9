/**
 * The switch into and out of compare mode (2008 R2 beside 2012). A scenario that asks for no lookahead split looks
 * the same on both versions, so turning compare on from one first offers the split scenario, where they differ most.
 */
import { useState } from 'react';
import { usePage, usePageStore } from '../page/PageProvider.tsx';
import { Button } from '../ui/primitives.tsx';
import { UserText } from '../ui/UserText.tsx';
import { COMPARE_DEFAULT_SCENARIO, enterCompare, isComparing, leaveCompare } from './compareMode.ts';

export function CompareToggle() {
  const page = usePage();
  const on = usePageStore((s) => isComparing(s.sides));
  const switching = usePageStore((s) => s.switching);
  const [offer, setOffer] = useState<{ title: string } | null>(null);

  const toggle = async () => {
    if (on) return leaveCompare(page);
    const loaded = page.store.getState().loaded;
    if (loaded && loaded.source !== COMPARE_DEFAULT_SCENARIO) {
      // Loaded with compare mode only (bench P4): the split request is read from the scenario document.
      const { scenarioForProfile } = await import('../side/profileVariant.ts');
      if (!scenarioForProfile(loaded.scenario, 'ws2008r2').requestsSplit) {
        setOffer({ title: page.sides()[0]?.store.getState().scenario?.title ?? loaded.source });
        return;
      }
    }
    return enterCompare(page);
  };
  const accept = async (split: boolean) => {
    setOffer(null);
    if (split && !(await page.loadFile(COMPARE_DEFAULT_SCENARIO))) return;
    await enterCompare(page);
  };

  return (
    <div className="relative">
      <button
        type="button"
        role="switch"
        aria-checked={on}
        aria-expanded={offer !== null}
        disabled={switching}
        onClick={() => void toggle()}
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
      {offer && (
        <div
          role="dialog"
          aria-label="Compare which scenario?"
          className="absolute right-0 z-20 mt-2 w-96 rounded-lg border border-slate-200 bg-white p-4 text-sm text-slate-700 shadow-lg"
          data-testid="compare-offer"
          onKeyDown={(e) => e.key === 'Escape' && setOffer(null)}
        >
          <p>
            “<UserText text={offer.title} />” asks for no lookahead split, so 2008 R2 and 2012 would keep every receive
            buffer in host memory and look the same.
          </p>
          <p className="mt-2">Compare the scenario where they differ most?</p>
          <div className="mt-3 flex flex-wrap justify-end gap-2">
            <Button variant="quiet" onClick={() => setOffer(null)}>
              Cancel
            </Button>
            <Button onClick={() => void accept(false)} data-testid="compare-offer-keep">
              Compare this one
            </Button>
            {/* The offer opens from the toggle: its main answer takes the focus, so Enter accepts and Escape closes. */}
            <Button variant="primary" autoFocus onClick={() => void accept(true)} data-testid="compare-offer-split">
              Load “the lookahead split”
            </Button>
          </div>
        </div>
      )}
    </div>
  );
}
