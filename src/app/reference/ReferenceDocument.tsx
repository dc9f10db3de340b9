/**
 * docs/ndis-reference.md rendered: every numbered heading and every rule of §12 carries the id a citation opens
 * (ref-3.9, ref-R21), the one cited is marked, and the citations inside the text lead on through the reference.
 */
import { anchorId, type RefTarget } from './citations.ts';
import { type Block, type Inline, type ListItem, parseInline } from './markdown.ts';
import { Citations } from './RefLink.tsx';
import type { ReferenceDoc } from './referenceDoc.ts';

/** The cited heading or rule, in the page's selection tint. */
const MARK = 'rounded-md bg-amber-50/70 ring-1 ring-amber-200/70';
const CURRENT_HEADING = `-mx-2 px-2 py-0.5 ${MARK}`;
const CURRENT_ITEM = `py-0.5 pr-2 ${MARK}`;

function Runs({ runs }: { runs: Inline[] }) {
  // biome-ignore lint/suspicious/noArrayIndexKey: the runs of one fixed text, by position; they can repeat.
  return runs.map((run, i) => <Run key={i} run={run} />);
}

function Run({ run }: { run: Inline }) {
  switch (run.kind) {
    case 'text':
      return <Citations text={run.text} />;
    case 'code':
      return <code className="rounded bg-slate-100 px-1 font-mono text-[0.85em] text-slate-900">{run.text}</code>;
    case 'strong':
      return (
        <strong className="font-semibold text-slate-900">
          <Runs runs={run.children} />
        </strong>
      );
    case 'em':
      return (
        <em>
          <Runs runs={run.children} />
        </em>
      );
  }
}

const Text = ({ text }: { text: string }) => <Runs runs={parseInline(text)} />;

interface Context {
  doc: ReferenceDoc;
  current: RefTarget;
}

function Item({ item, context }: { item: ListItem; context: Context }) {
  const rule = context.doc.ruleItems.get(item);
  return (
    <li
      value={item.number}
      id={rule && anchorId(rule)}
      tabIndex={rule ? -1 : undefined}
      className={`scroll-mt-4 pl-1 focus:outline-none ${rule !== undefined && rule === context.current ? CURRENT_ITEM : ''}`}
    >
      <Text text={item.text} />
      <Blocks blocks={item.children} context={context} />
    </li>
  );
}

function BlockView({ block, context }: { block: Block; context: Context }) {
  switch (block.kind) {
    case 'heading': {
      const id = block.number === null ? undefined : anchorId(block.number);
      const marked = block.number !== null && block.number === context.current ? CURRENT_HEADING : '';
      const common = { id, tabIndex: id ? -1 : undefined };
      if (block.level === 1)
        return (
          <h1 className="text-xl font-semibold text-balance text-slate-900">
            <Text text={block.text} />
          </h1>
        );
      if (block.level === 2)
        return (
          <h2
            {...common}
            className={`mt-10 scroll-mt-4 border-b border-slate-200 pb-1 text-lg font-semibold text-slate-900 focus:outline-none ${marked}`}
          >
            <Text text={block.text} />
          </h2>
        );
      return (
        <h3
          {...common}
          className={`mt-7 scroll-mt-4 text-base font-semibold text-slate-900 focus:outline-none ${marked}`}
        >
          <Text text={block.text} />
        </h3>
      );
    }
    case 'paragraph':
      return (
        <p className="mt-3">
          <Text text={block.text} />
        </p>
      );
    case 'list': {
      const items = block.items.map((item) => <Item key={item.line} item={item} context={context} />);
      return block.ordered ? (
        <ol start={block.items[0]?.number} className="mt-2 list-decimal space-y-1.5 pl-7">
          {items}
        </ol>
      ) : (
        <ul className="mt-2 list-disc space-y-1.5 pl-6">{items}</ul>
      );
    }
    case 'table':
      return (
        // A wide table scrolls sideways: the keyboard can focus it to scroll it (WCAG 2.1.1).
        <section
          className="mt-3 overflow-x-auto focus-visible:outline-2 focus-visible:outline-sky-600"
          aria-label={`Table: ${block.head.join(', ')}`}
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be focusable to be scrolled from the keyboard.
          tabIndex={0}
        >
          <table className="w-full border-collapse text-left text-xs">
            <thead>
              <tr className="border-b border-slate-300">
                {block.head.map((cell, col) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: a fixed table's columns, by position; headers can be empty.
                  <th key={col} scope="col" className="px-2 py-1 font-semibold text-slate-700">
                    <Text text={cell} />
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {block.rows.map((row) => (
                <tr key={row.line} className="border-b border-slate-100 align-top">
                  {row.cells.map((cell, col) => (
                    <td
                      // biome-ignore lint/suspicious/noArrayIndexKey: as above, the row's cells by column.
                      key={col}
                      // A short row's last cell spans the columns it leaves out (the "Revisions" row of §4.1).
                      colSpan={col === row.cells.length - 1 ? block.head.length - col : undefined}
                      className="px-2 py-1"
                    >
                      <Text text={cell} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      );
    case 'rule':
      return <hr className="my-8 border-slate-200" />;
  }
}

function Blocks({ blocks, context }: { blocks: Block[]; context: Context }) {
  return blocks.map((block) => <BlockView key={block.line} block={block} context={context} />);
}

export function ReferenceDocument({ doc, current }: Context) {
  return (
    <article className="text-sm leading-relaxed text-slate-700">
      <Blocks blocks={doc.blocks} context={{ doc, current }} />
    </article>
  );
}
