/** Inspector-style building blocks: titled sections, name/value lists, and muted notes. */
import type { ReactNode } from 'react';
import { NdisName } from './formControls.tsx';

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
    // A narrow drawer gives the value at least 8rem and lets a long member name wrap.
    <dl className="grid grid-cols-[minmax(6rem,max-content)_minmax(8rem,1fr)] gap-x-3 gap-y-1.5 text-sm">
      {rows.map(([name, value], i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows are a fixed list in display order, and their names may be elements, not strings.
        <div key={i} className="contents">
          <dt className="font-mono text-xs leading-5 text-slate-500 wrap-anywhere">{name}</dt>
          <dd className="min-w-0 text-slate-800 wrap-anywhere">
            {typeof value === 'string' ? <NdisName name={value} /> : value}
          </dd>
        </div>
      ))}
    </dl>
  );
}

export function Muted({ children }: { children: ReactNode }) {
  return <p className="text-sm text-slate-500">{children}</p>;
}

/** A view with nothing to show but one titled note (the thing is not in the trace, say). */
export function NoteSection({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  return (
    <div data-testid={testId}>
      <Section title={title}>
        <Muted>{children}</Muted>
      </Section>
    </div>
  );
}
