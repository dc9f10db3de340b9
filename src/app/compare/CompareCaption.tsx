/**
 * What differs between the two sides and why (§7.5 of the reference), plus exactly what compare mode changed in
 * the scenario for each side: one line, with the longer explanation a click away. If the scenario asks for no split,
 * it says so and offers the one that does. Each side's memory map gets a headline in large type (SideHeadline).
 */
import { useState } from 'react';
import type { AdapterCapabilities } from '../../engine/index.ts';
import { usePage, usePageStore } from '../page/PageProvider.tsx';
import { useSideStore } from '../side/SideProvider.tsx';
import { Button } from '../ui/primitives.tsx';
import { COMPARE_DEFAULT_SCENARIO } from './compareMode.ts';
import { scenarioForProfile } from '../side/profileVariant.ts';
import { RefLink } from '../reference/RefLink.tsx';

/** Whether the loaded scenario asks for the lookahead split (compare mode removes the request on 2012). */
function useRequestsSplit(): boolean {
  const loaded = usePageStore((s) => s.loaded);
  return loaded ? scenarioForProfile(loaded.scenario, 'ws2008r2').requestsSplit : true;
}

export function CompareCaption() {
  const page = usePage();
  const loaded = usePageStore((s) => s.loaded);
  const sides = usePageStore((s) => s.sides);
  const [more, setMore] = useState(false);
  const variants = loaded
    ? sides.flatMap(({ label, profile }) =>
        profile === null ? [] : [{ label, ...scenarioForProfile(loaded.scenario, profile) }],
      )
    : [];
  // One clause per side that needed changes, naming the side once.
  const changes = variants
    .filter((v) => v.changes.length > 0)
    .map(({ label, changes }) => `${label}: ${changes.join('; ')}`);
  const requestsSplit = useRequestsSplit();

  return (
    <div
      className="rounded-lg border border-sky-200 bg-sky-50 px-4 py-2 text-sm text-slate-800"
      data-testid="compare-caption"
    >
      <p className="flex flex-wrap items-baseline gap-x-3">
        <span className="font-semibold text-slate-900">
          Same scenario, same traffic, same commands — only the Windows version differs.
        </span>
        <Button
          variant="quiet"
          className="h-6 px-2 text-xs"
          aria-expanded={more}
          onClick={() => setMore(!more)}
          data-testid="compare-why"
        >
          {more ? 'Less' : 'Why they differ'}
        </Button>
      </p>
      {more && (
        <>
          <div className="mt-1.5 grid gap-x-6 gap-y-1.5 lg:grid-cols-2">
            <p>
              <span className="font-medium">Windows Server 2008 R2</span> splits each frame at the lookahead size. The
              first bytes — the headers the switch and host filter drivers inspect — go to host memory; the rest is
              DMA'd straight into the VM's memory, behind a backfill that later takes the headers so the VM gets one
              contiguous frame. Guest memory is used only for a queue whose NIC filter pins MAC <em>and</em> VLAN before
              DMA (
              <RefLink target="7.5" />: <em>VLAN bypass</em>), and the inspected headers never sit where the VM could
              change them (<em>header exposure</em>).
            </p>
            <p>
              <span className="font-medium">Windows Server 2012</span> never puts receive buffers in VM memory: every
              frame lands in host memory and the VSP copies it into the VM, so no split is needed and the 2012 switch
              never asks for one. The memory maps show the difference: guest lanes full of post-lookahead buffers on the
              left, empty on the right.
            </p>
          </div>
          <p className="mt-2 text-xs text-slate-600">
            Play, step and every request or flow you send drive both sides. The event log and queues below follow the
            2008 R2 side; the inspector shows what you select, on either side.
          </p>
          {changes.length > 0 && (
            <p className="mt-2 text-xs text-slate-600" data-testid="compare-changes">
              Changed for compare mode — {changes.join('. ')}.
            </p>
          )}
        </>
      )}
      {!requestsSplit && (
        <p
          className="mt-2 rounded-md bg-amber-50 px-3 py-1.5 text-amber-950 ring-1 ring-inset ring-amber-200"
          data-testid="compare-no-split"
        >
          This scenario asks for no lookahead split, so both sides keep every receive buffer in host memory.{' '}
          <button
            type="button"
            className="font-medium text-sky-800 underline underline-offset-2"
            onClick={() => void page.loadFile(COMPARE_DEFAULT_SCENARIO)}
          >
            Load “the lookahead split” scenario
          </button>
        </p>
      )}
    </div>
  );
}

/** The one line a presenter reads out for this side's memory map, from what its adapter reports it does. */
export function headlineFor(capabilities: AdapterCapabilities, requestsSplit: boolean): string {
  if (capabilities.receiveBuffersInHostMemory) return 'every buffer in host memory; the switch copies into the VM';
  if (capabilities.lookaheadSplitEnabled && requestsSplit) return 'headers → host memory, payload → guest memory';
  if (capabilities.lookaheadSplitEnabled) return 'no split asked for: every buffer in host memory';
  return 'no lookahead split: every buffer in host memory';
}

export function SideHeadline({ label }: { label: string }) {
  const capabilities = useSideStore((s) => s.view?.capabilities);
  const requestsSplit = useRequestsSplit();
  if (!capabilities) return null;
  return (
    <p className="text-xl font-semibold tracking-tight text-slate-900 2xl:text-2xl" data-testid="compare-headline">
      <span className="text-slate-500">{label.replace(/^Windows Server /, '')}: </span>
      {headlineFor(capabilities, requestsSplit)}
    </p>
  );
}
