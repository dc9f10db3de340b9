/**
 * docs/ndis-reference.md as the viewer shows it: its blocks, which of them a citation opens (each numbered
 * heading for "§3.9", each item of §12's list for "R21"), and how the viewer names a target in its header.
 */
import type { RefTarget } from './citations.ts';
import { type Block, type ListItem, parseBlocks } from './markdown.ts';

export interface ReferenceDoc {
  blocks: Block[];
  /** The §12 item for each rule id. */
  ruleItems: ReadonlyMap<ListItem, RefTarget>;
  /** Every target the document has, with its title: "3.9" → "OID_RECEIVE_FILTER_FREE_QUEUE (0x00010224, set)". */
  titles: ReadonlyMap<RefTarget, string>;
}

/** The section whose numbered list defines the rules. */
const RULES_SECTION = '12';

export function readReference(markdown: string): ReferenceDoc {
  const blocks = parseBlocks(markdown);
  const ruleItems = new Map<ListItem, RefTarget>();
  const titles = new Map<RefTarget, string>();
  let chapter: string | null = null;
  for (const block of blocks) {
    if (block.kind === 'heading' && block.number !== null) {
      if (block.level === 2) chapter = block.number;
      titles.set(block.number, block.text.slice(block.text.indexOf(' ') + 1));
    } else if (block.kind === 'list' && block.ordered && chapter === RULES_SECTION) {
      for (const item of block.items) {
        const rule = `R${item.number}`;
        ruleItems.set(item, rule);
        titles.set(rule, `Rule ${item.number} of §${RULES_SECTION}`);
      }
    }
  }
  return { blocks, ruleItems, titles };
}
