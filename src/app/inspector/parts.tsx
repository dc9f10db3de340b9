/** Building blocks the inspector views share: titled sections, name/value lists, and links that select a thing. */
import type { ReactNode } from 'react';
import { useSide } from '../side/SideProvider.tsx';
import type { SelectionKind } from '../store/selection.ts';
import { requestEvents } from '../trace/traceLookup.ts';

export function Section({ title, children, aside }: { title: ReactNode; children: ReactNode; aside?: ReactNode }) {
  return (
    <section className="border-t border-slate-100 px-4 py-3 first:border-t-0">
      <h3 className="mb-1.5 flex items-baseline justify-between gap-2 text-xs font-semibold text-slate-500">
        <span>{title}</span>
        {aside && <span className="font-normal">{aside}</span>}
      </h3>
      {children}
    </section>
  );
}

/** Name/value rows; names are NDIS member names where there is one. */
export function Fields({ rows }: { rows: readonly (readonly [ReactNode, ReactNode])[] }) {
  return (
    <dl className="grid grid-cols-[minmax(8rem,max-content)_minmax(0,1fr)] gap-x-4 gap-y-0.5 text-sm">
      {rows.map(([name, value], i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows are a fixed list in display order, and their names may be elements, not strings.
        <div key={i} className="contents">
          <dt className="font-mono text-xs leading-5 text-slate-500">{name}</dt>
          <dd className="min-w-0 text-slate-800 wrap-anywhere">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

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

export function Muted({ children }: { children: ReactNode }) {
  return <p className="text-sm text-slate-500">{children}</p>;
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
