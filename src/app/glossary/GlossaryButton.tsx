/** The header's Glossary button. The glossary itself loads when it is first opened, not with the page (bench P4). */
import { Suspense, useState } from 'react';
import { lazyNamed } from '../ui/lazyPart.tsx';
import { Button } from '../ui/primitives.tsx';

const GlossaryDialog = lazyNamed(() => import('./GlossaryDialog.tsx'), 'GlossaryDialog');

export function GlossaryButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="quiet" onClick={() => setOpen(true)} aria-haspopup="dialog" data-testid="glossary-button">
        Glossary
      </Button>
      {open && (
        <Suspense fallback={null}>
          <GlossaryDialog onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </>
  );
}
