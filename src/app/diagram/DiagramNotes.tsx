/**
 * The line above the diagram: the colour key, and what the animation is (not) showing — a sample of the frames,
 * no frames at all because per-frame events are off, or no motion because the user asked for reduced motion.
 */
import type { ReactNode } from 'react';
import type { VmConfig } from '../../engine/index.ts';
import { useSideStore } from '../side/SideProvider.tsx';
import { useReducedMotion } from '../viz/useReducedMotion.ts';
import { vizVar, vmToken } from '../viz/theme.ts';
import type { VizToken } from '../viz/theme.ts';
import { vmShape, vmShapePath } from '../viz/vmMark.ts';
import { UserText } from '../ui/UserText.tsx';
import { Term } from '../glossary/Term.tsx';

export function DiagramNotes({ sampleEvery, vms }: { sampleEvery: number; vms: readonly VmConfig[] }) {
  const traceFrames = useSideStore((s) => s.stats?.traceFrames ?? true);
  const reducedMotion = useReducedMotion();
  const note = !traceFrames
    ? 'Per-frame events are off: the counters are exact, but no frames are animated.'
    : reducedMotion
      ? 'Reduced motion: frames are not animated; the counters and slots update in place.'
      : sampleEvery > 1
        ? `Heavy traffic: showing 1 in ${sampleEvery} frames. The counters count every frame.`
        : null;
  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-slate-600">
      {vms.map((vm, i) => (
        <Key key={vm.name} token={vmToken(i)} label={<UserText text={vm.name} />} />
      ))}
      {/* A frame keeps its destination VM's colour even when no filter matched it (the switch still delivers it to
          that VM from the default queue): grey frames are those addressed to no VM. */}
      <Key
        token="muted"
        label={
          <span>
            <Term id="default-queue">default queue</Term> · host · no VM's MAC
          </span>
        }
      />
      <span className="flex items-center gap-1.5">
        <svg width="34" height="12" aria-hidden>
          <rect x="0" y="1" width="10" height="10" rx="1.5" fill={vizVar('muted')} />
          <rect x="12" y="1" width="10" height="10" rx="1.5" fill={vizVar('muted')} fillOpacity="0.35" />
          <rect x="24" y="1" width="10" height="10" rx="1.5" fill={vizVar('lane')} stroke={vizVar('grid')} />
        </svg>
        <span>
          <Term id="shared-memory">receive buffer</Term>: DMA'd, waiting for the <Term id="dpc">DPC</Term> · indicated,
          held by <Term id="vsp">vmswitch</Term> · free
        </span>
      </span>
      {note && (
        <span
          className="ml-auto rounded-full bg-amber-50 px-2.5 py-0.5 font-medium text-amber-900 ring-1 ring-inset ring-amber-200"
          data-testid="animation-note"
        >
          {note}
        </span>
      )}
    </div>
  );
}

/** A VM's colour and shape, as its frames are drawn (viz/vmMark.ts), and its name. */
function Key({ token, label }: { token: VizToken; label: ReactNode }) {
  return (
    <span className="flex min-w-0 max-w-64 items-center gap-1.5">
      <svg width="14" height="14" aria-hidden className="shrink-0 [forced-color-adjust:none]">
        <path
          d={vmShapePath(vmShape(token), { x: 7, y: 7 }, 4.5)}
          fill={vizVar(token)}
          stroke={vizVar('bg')}
          strokeWidth={1}
        />
      </svg>
      {label}
    </span>
  );
}
