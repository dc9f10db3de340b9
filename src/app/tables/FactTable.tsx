/** One of the drawings' tables: a caption, column headers in NDIS's words, numbers right-aligned and tabular. */
import type { ReactNode } from 'react';

export interface Column<R> {
  header: string;
  cell: (row: R) => ReactNode;
  numeric?: boolean;
}

export function FactTable<R>({
  caption,
  columns,
  rows,
  rowKey,
  empty,
  testId,
}: {
  caption: string;
  columns: readonly Column<R>[];
  rows: readonly R[];
  rowKey: (row: R) => string | number;
  empty: string;
  testId: string;
}) {
  return (
    // A wide table scrolls sideways on its own: the keyboard can focus it to scroll it (WCAG 2.1.1).
    <section
      className="overflow-x-auto focus-visible:outline-2 focus-visible:outline-sky-600"
      aria-label={caption}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be focusable to be scrolled from the keyboard.
      tabIndex={0}
    >
      <table className="w-full border-collapse text-left text-xs" data-testid={testId}>
        <caption className="pb-1.5 text-left text-sm font-semibold text-slate-800">{caption}</caption>
        <thead>
          <tr className="border-b border-slate-300">
            {columns.map((c) => (
              <th
                key={c.header}
                scope="col"
                className={`px-2 py-1 font-semibold whitespace-nowrap text-slate-700 ${c.numeric ? 'text-right' : ''}`}
              >
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={columns.length} className="px-2 py-1.5 text-slate-500 italic">
                {empty}
              </td>
            </tr>
          ) : (
            rows.map((row) => (
              <tr key={rowKey(row)} className="border-b border-slate-100 align-top" data-testid={`${testId}-row`}>
                {columns.map((c, i) => {
                  const Cell = i === 0 ? 'th' : 'td';
                  return (
                    <Cell
                      key={c.header}
                      {...(i === 0 ? { scope: 'row' } : {})}
                      className={`px-2 py-1 ${i === 0 ? 'font-semibold text-slate-800' : 'text-slate-700'} ${c.numeric ? 'text-right font-mono tabular-nums' : ''}`}
                    >
                      {c.cell(row)}
                    </Cell>
                  );
                })}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </section>
  );
}
