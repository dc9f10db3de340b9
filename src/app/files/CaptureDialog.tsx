/**
 * A dropped capture, read: what it holds and what was skipped, and how to replay it — at its recorded spacing or
 * compressed — from this moment through the adapter's filters as they are now (docs/capture-import.md).
 */
import { useEffect, useId, useRef, useState } from 'react';
import { COMPRESSED_GAP_NS, type ReplaySpacing } from '../../scenario/captureReplay.ts';
import { usePage } from '../page/PageProvider.tsx';
import { Button } from '../ui/primitives.tsx';
import { type PendingCapture, useCaptureDrop } from './captureStore.ts';
import { replayCapture } from './fileActions.ts';
import { useFileNotice } from './fileNotice.ts';

const SKIPPED = {
  'not-ethernet': 'not Ethernet',
  truncated: 'cut off by the end of the file',
  empty: 'empty',
  'too-long': 'longer than 1518 bytes',
  'unknown-interface': 'on an undeclared interface',
} as const;

const span = (ns: number): string =>
  ns >= 1e9 ? `${(ns / 1e9).toFixed(2)} s` : ns >= 1e6 ? `${(ns / 1e6).toFixed(2)} ms` : `${(ns / 1e3).toFixed(1)} µs`;

export function CaptureDialog({ pending }: { pending: PendingCapture }) {
  const page = usePage();
  const show = useFileNotice((s) => s.show);
  const offer = useCaptureDrop((s) => s.offer);
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [spacing, setSpacing] = useState<ReplaySpacing>('recorded');
  const [busy, setBusy] = useState(false);
  const { read, name } = pending;

  useEffect(() => {
    dialog.current?.showModal();
  }, []);

  const replay = async () => {
    setBusy(true);
    const notice = await replayCapture(page, pending, spacing);
    show(notice);
    dialog.current?.close();
  };
  const lasting = read.frames.at(-1)?.offsetNs ?? 0;
  const skipped = Object.entries(read.skipped);

  return (
    <dialog
      ref={dialog}
      aria-labelledby={titleId}
      data-testid="capture-dialog"
      onClose={() => offer(null)}
      onKeyDown={(event) => event.stopPropagation()}
      className="m-auto w-[34rem] max-w-[calc(100vw-2rem)] rounded-lg border border-slate-200 bg-white p-0 text-slate-800 shadow-xl backdrop:bg-slate-900/20"
    >
      <div className="border-b border-slate-100 px-5 py-3">
        <h2 id={titleId} className="text-sm font-semibold text-slate-900">
          Replay {name}
        </h2>
        <p className="mt-0.5 text-xs text-slate-600">
          Its Ethernet frames go on the wire from this moment, through the adapter's filters as they are now; the engine
          decides where each one goes.
        </p>
      </div>
      <div className="space-y-3 px-5 py-4 text-sm">
        <p data-testid="capture-summary">
          {read.format}: <strong>{read.frames.length.toLocaleString('en')}</strong> frames over {span(lasting)}
          {read.snapped > 0 && <>; {read.snapped.toLocaleString('en')} captured short, padded to their length</>}.
        </p>
        {skipped.length > 0 && (
          <ul className="list-disc pl-5 text-xs text-slate-600" data-testid="capture-skipped">
            {skipped.map(([reason, n]) => (
              <li key={reason}>
                {n} skipped: {SKIPPED[reason as keyof typeof SKIPPED]}
                {reason === 'not-ethernet' && read.linkTypes.length > 0 && ` (link type ${read.linkTypes.join(', ')})`}
              </li>
            ))}
          </ul>
        )}
        <fieldset className="space-y-1.5">
          <legend className="text-xs font-medium text-slate-600">Spacing</legend>
          {(
            [
              ['recorded', 'As recorded', `each frame at its time in the capture (${span(lasting)} in all)`],
              ['compressed', 'Compressed', `one frame every ${span(COMPRESSED_GAP_NS)}`],
            ] as const
          ).map(([value, label, detail]) => (
            <label key={value} className="flex items-baseline gap-2">
              <input
                type="radio"
                name="capture-spacing"
                value={value}
                checked={spacing === value}
                onChange={() => setSpacing(value)}
                data-testid={`capture-spacing-${value}`}
              />
              <span>
                {label} <span className="text-xs text-slate-600">— {detail}</span>
              </span>
            </label>
          ))}
        </fieldset>
      </div>
      <div className="flex justify-end gap-2 border-t border-slate-100 px-5 py-3">
        <Button variant="quiet" onClick={() => dialog.current?.close()}>
          Cancel
        </Button>
        <Button variant="primary" disabled={busy} onClick={() => void replay()} data-testid="capture-replay">
          Replay
        </Button>
      </div>
    </dialog>
  );
}
