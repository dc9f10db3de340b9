import { describe, expect, it } from 'vitest';
import { parseBlocks, parseInline } from './markdown.ts';

describe('the reference’s markdown', () => {
  it('keeps HTML in the source as text: there is no raw-HTML node, so React escapes it like any text', () => {
    const html = '<img src=x onerror="alert(1)"> <script>alert(2)</script> &lt;b&gt;';
    expect(parseInline(html)).toEqual([{ kind: 'text', text: html }]);
    expect(parseBlocks(`${html}\n`).map((block) => block.kind)).toEqual(['paragraph']);
  });

  it('reads code spans, bold (also around code) and italics, and leaves bare INF keywords alone', () => {
    expect(parseInline('a `X_Y` b')).toEqual([
      { kind: 'text', text: 'a ' },
      { kind: 'code', text: 'X_Y' },
      { kind: 'text', text: ' b' },
    ]);
    expect(parseInline('documents **`NDIS_STATUS_INVALID_LENGTH`** with')).toEqual([
      { kind: 'text', text: 'documents ' },
      { kind: 'strong', children: [{ kind: 'code', text: 'NDIS_STATUS_INVALID_LENGTH' }] },
      { kind: 'text', text: ' with' },
    ]);
    expect(parseInline('*Miniport* = driver')).toEqual([
      { kind: 'em', children: [{ kind: 'text', text: 'Miniport' }] },
      { kind: 'text', text: ' = driver' },
    ]);
    const keywords = 'Pref=1 & *VMQ=1 → advertise VMQ; Pref=1 & *VMQ=0 → none';
    expect(parseInline(keywords)).toEqual([{ kind: 'text', text: keywords }]);
    expect(parseInline('`SCATTER_GATHER_LIST*` and *VMQVlanFiltering=0 removes')).toEqual([
      { kind: 'code', text: 'SCATTER_GATHER_LIST*' },
      { kind: 'text', text: ' and *VMQVlanFiltering=0 removes' },
    ]);
  });

  it('reads headings with their section numbers, paragraphs, tables and a rule', () => {
    const blocks = parseBlocks(
      [
        '# Title',
        '## 3. The OIDs',
        '### 3.9 FREE_QUEUE (set)',
        'One paragraph',
        'on two lines.',
        '| A | B |',
        '|---|---|',
        '| 1 | 2 |',
        'After the table.',
        '---',
      ].join('\n'),
    );
    expect(blocks).toEqual([
      { line: 0, kind: 'heading', level: 1, text: 'Title', number: null },
      { line: 1, kind: 'heading', level: 2, text: '3. The OIDs', number: '3' },
      { line: 2, kind: 'heading', level: 3, text: '3.9 FREE_QUEUE (set)', number: '3.9' },
      { line: 3, kind: 'paragraph', text: 'One paragraph on two lines.' },
      { line: 5, kind: 'table', head: ['A', 'B'], rows: [{ line: 7, cells: ['1', '2'] }] },
      { line: 8, kind: 'paragraph', text: 'After the table.' },
      { line: 9, kind: 'rule' },
    ]);
  });

  it('reads lists with their numbers and a list indented under an item', () => {
    const blocks = parseBlocks(
      ['* **Miniport sequence**:', '  1. stop DMA', '  2. indicate', '* next', '', '13. continues at 13'].join('\n'),
    );
    expect(blocks).toEqual([
      {
        line: 0,
        kind: 'list',
        ordered: false,
        items: [
          {
            line: 0,
            text: '**Miniport sequence**:',
            children: [
              {
                line: 1,
                kind: 'list',
                ordered: true,
                items: [
                  { line: 1, number: 1, text: 'stop DMA', children: [] },
                  { line: 2, number: 2, text: 'indicate', children: [] },
                ],
              },
            ],
          },
          { line: 3, text: 'next', children: [] },
        ],
      },
      { line: 5, kind: 'list', ordered: true, items: [{ line: 5, number: 13, text: 'continues at 13', children: [] }] },
    ]);
  });
});
