/**
 * A scenario file dropped anywhere on the page opens as "Open file…" opens it: the same loader, the same LoadProblem
 * for a file that does not load (and the current session stays), in a lesson the same attempt at it. While a file is
 * dragged over the page, a calm overlay says what dropping it does. A capture asks how to replay it (CaptureDialog).
 */
import { Suspense, useEffect, useState } from 'react';
import { usePage } from '../page/PageProvider.tsx';
import { useFileNotice } from './fileNotice.ts';
import { useCaptureDrop } from './captureStore.ts';
import { lazyNamed } from '../ui/lazyPart.tsx';

const CaptureDialog = lazyNamed(() => import('./CaptureDialog.tsx'), 'CaptureDialog');

const carriesFiles = (event: DragEvent): boolean => event.dataTransfer?.types.includes('Files') === true;

export function DropZone() {
  const page = usePage();
  const show = useFileNotice((s) => s.show);
  const [over, setOver] = useState(false);

  useEffect(() => {
    // dragenter and dragleave fire for every element crossed; the depth says when the drag left the window.
    let depth = 0;
    const onEnter = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      depth++;
      setOver(true);
    };
    const onOver = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault(); // lets the drop happen here instead of the browser opening the file
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    };
    const onLeave = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setOver(false);
    };
    const onDrop = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      depth = 0;
      setOver(false);
      const files = [...(event.dataTransfer?.files ?? [])];
      if (files.length > 0) void import('./fileActions.ts').then((actions) => actions.openDropped(page, files, show));
    };
    window.addEventListener('dragenter', onEnter);
    window.addEventListener('dragover', onOver);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragenter', onEnter);
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('drop', onDrop);
    };
  }, [page, show]);

  const capture = useCaptureDrop((s) => s.pending);
  if (!over)
    return capture ? (
      <Suspense fallback={null}>
        <CaptureDialog pending={capture} />
      </Suspense>
    ) : null;
  return (
    <div
      className="pointer-events-none fixed inset-0 z-50 flex items-center justify-center bg-slate-900/25 p-8 backdrop-blur-[2px]"
      data-testid="drop-overlay"
      aria-hidden="true"
    >
      <div className="flex h-full max-h-[18rem] w-full max-w-2xl flex-col items-center justify-center gap-2 rounded-2xl border-2 border-dashed border-sky-400 bg-white/90 text-center shadow-xl">
        <p className="text-lg font-semibold text-slate-900">Drop a scenario file to open it</p>
        <p className="max-w-md text-sm text-slate-600">
          It runs from the start. A pcap or pcapng capture replays from this moment instead. If the file does not load,
          nothing changes: the current session stays as it is.
        </p>
      </div>
    </div>
  );
}
