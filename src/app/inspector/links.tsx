/** Links between the things the inspector shows: each selects another thing of the same side. */
import type { ReactNode } from 'react';
import { useSide } from '../side/SideProvider.tsx';
import type { SelectionKind } from '../store/selection.ts';
import { requestEvents } from '../trace/traceLookup.ts';

const LINK_CLASS =
  'rounded font-mono text-sky-700 underline decoration-sky-300 underline-offset-2 hover:text-sky-900 focus-visible:outline-2 focus-visible:outline-sky-600';

/** A link to another thing of the same side: selects it in the inspector (and the diagram). */
export function SelectLink({ kind, id, children }: { kind: SelectionKind; id: number; children: ReactNode }) {
  const { select } = useSide();
  return (
    <button
      type="button"
      onClick={() => select({ kind, id })}
      className={LINK_CLASS}
      data-testid={`link-${kind}-${id}`}
    >
      {children}
    </button>
  );
}

/** A link to OID request #id: selects its oid-requested event (looked up when clicked, so it is always current). */
export function RequestLink({ requestId }: { requestId: number }) {
  const side = useSide();
  const select = () => {
    const seq = requestEvents(side.buffer, requestId).requested?.seq;
    if (seq !== undefined) side.select({ kind: 'event', id: seq });
  };
  return (
    <button type="button" onClick={select} className={LINK_CLASS}>
      #{requestId}
    </button>
  );
}
