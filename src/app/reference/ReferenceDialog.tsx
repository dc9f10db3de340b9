/**
 * Where the reference viewer lives on the page. It loads the viewer (and the reference text) the first time a
 * citation is opened, and opens a page address ending in #ref-3.9 or #ref-R21 at that citation, so a citation
 * opened in a new tab lands where it points.
 */
import { lazy, Suspense, useEffect, useState } from 'react';
import { openReference, referenceStore } from './referenceStore.ts';

const ReferenceViewer = lazy(() => import('./ReferenceViewer.tsx'));

export function ReferenceDialog() {
  const [wanted, setWanted] = useState(() => referenceStore.getState().target !== null);
  useEffect(() => {
    const unsubscribe = referenceStore.subscribe((state) => {
      if (state.target !== null) setWanted(true);
    });
    const cited = /^#ref-(.+)$/.exec(window.location.hash)?.[1];
    if (cited) openReference(cited);
    return unsubscribe;
  }, []);
  if (!wanted) return null;
  return (
    <Suspense fallback={null}>
      <ReferenceViewer />
    </Suspense>
  );
}
