/**
 * The markdown of docs/ndis-reference.md, parsed into blocks and inline runs for the reference viewer. It reads
 * exactly the subset that document uses: headings, paragraphs, bullet and numbered lists (one level of nesting),
 * tables, horizontal rules, code spans, bold and italics. Anything else is shown as the text it is.
 */

export type Inline =
  | { kind: 'text'; text: string }
  | { kind: 'code'; text: string }
  | { kind: 'strong' | 'em'; children: Inline[] };

export interface ListItem {
  /** Where the item starts in the file (0-based): it names the item for as long as the file is unchanged. */
  line: number;
  /** The number the item is written with, for numbered lists. */
  number?: number;
  text: string;
  /** A list indented under the item. */
  children: Block[];
}

export interface TableRow {
  line: number;
  cells: string[];
}

/** A block and the line it starts on (0-based). */
export type Block = { line: number } & (
  | { kind: 'heading'; level: 1 | 2 | 3; text: string; number: string | null }
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; ordered: boolean; items: ListItem[] }
  | { kind: 'table'; head: string[]; rows: TableRow[] }
  | { kind: 'rule' }
);

// A code span, then **bold**, then *italics*: an asterisk that opens italics follows no word character and
// precedes a non-space, one that closes them follows a non-space and precedes no word character, so the INF
// keywords the reference writes bare (*VMQ, *RssOrVmqPreference) stay asterisks.
const INLINE = /`([^`]+)`|\*\*(.+?)\*\*|(?<![\w*])\*(?=[^\s*])([^*]*?[^\s*])\*(?![\w*])/g;

export function parseInline(text: string): Inline[] {
  const runs: Inline[] = [];
  let last = 0;
  for (const match of text.matchAll(INLINE)) {
    if (match.index > last) runs.push({ kind: 'text', text: text.slice(last, match.index) });
    const [, code, strong, em] = match;
    if (code !== undefined) runs.push({ kind: 'code', text: code });
    else if (strong !== undefined) runs.push({ kind: 'strong', children: parseInline(strong) });
    else runs.push({ kind: 'em', children: parseInline(em as string) });
    last = match.index + match[0].length;
  }
  if (last < text.length) runs.push({ kind: 'text', text: text.slice(last) });
  return runs;
}

const HEADING = /^(#{1,3}) (.+)$/;
const ITEM = /^( *)(\*|\d+\.) (.+)$/;
/** "3.9 OID_…" or "12. Rules …": the section number a heading starts with. */
const SECTION_NUMBER = /^(\d+(?:\.\d+)?)\.? /;

const cells = (line: string): string[] =>
  line
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split('|')
    .map((cell) => cell.trim());

const startsBlock = (line: string): boolean =>
  HEADING.test(line) || ITEM.test(line) || line.startsWith('|') || line === '---';

export function parseBlocks(markdown: string): Block[] {
  const lines = markdown.split('\n');
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] as string;
    const heading = HEADING.exec(line);
    if (line.trim() === '') {
      i++;
    } else if (heading) {
      const text = heading[2] as string;
      const level = (heading[1] as string).length as 1 | 2 | 3;
      const number = level === 1 ? null : (SECTION_NUMBER.exec(text)?.[1] ?? null);
      blocks.push({ line: i, kind: 'heading', level, text, number });
      i++;
    } else if (line === '---') {
      blocks.push({ line: i, kind: 'rule' });
      i++;
    } else if (line.startsWith('|')) {
      const table: Block = { line: i, kind: 'table', head: cells(line), rows: [] };
      i += 2; // the header and its |---| line
      for (; i < lines.length && (lines[i] as string).startsWith('|'); i++)
        table.rows.push({ line: i, cells: cells(lines[i] as string) });
      blocks.push(table);
    } else if (ITEM.test(line)) {
      i = parseList(lines, i, blocks);
    } else {
      const start = i;
      const text = [line];
      while (i + 1 < lines.length && (lines[i + 1] as string).trim() !== '' && !startsBlock(lines[i + 1] as string))
        text.push(lines[++i] as string);
      blocks.push({ line: start, kind: 'paragraph', text: text.join(' ') });
      i++;
    }
  }
  return blocks;
}

/** The list starting at line `start` (unindented), with the lists indented under its items; returns the next line. */
function parseList(lines: string[], start: number, blocks: Block[]): number {
  const ordered = (ITEM.exec(lines[start] as string)?.[2] as string) !== '*';
  const list: Block & { kind: 'list' } = { line: start, kind: 'list', ordered, items: [] };
  blocks.push(list);
  let i = start;
  for (; i < lines.length; i++) {
    const item = ITEM.exec(lines[i] as string);
    if (!item) break;
    const [, indent, marker, text] = item as unknown as [string, string, string, string];
    const isOrdered = marker !== '*';
    const entry: ListItem = {
      line: i,
      ...(isOrdered ? { number: Number.parseInt(marker, 10) } : {}),
      text,
      children: [],
    };
    if (indent === '') {
      if (isOrdered !== ordered) break;
      list.items.push(entry);
      continue;
    }
    const parent = list.items.at(-1);
    if (!parent) break;
    let nested = parent.children.at(-1);
    if (nested?.kind !== 'list' || nested.ordered !== isOrdered) {
      nested = { line: i, kind: 'list', ordered: isOrdered, items: [] };
      parent.children.push(nested);
    }
    nested.items.push(entry);
  }
  return i;
}
