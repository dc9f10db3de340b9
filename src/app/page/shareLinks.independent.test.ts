/**
 * Share link version 1, tested from its public description (docs/share-links.md) alone, without reading the code
 * that writes and reads it: each test names the promise of the document it checks. Links live on in documents, so
 * a failure here means either the code or the document is wrong, never that the test should bend.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SimPosition } from '../../client/SessionJournal.ts';
import { MAX_UNPACKED_CHARS, pack, unpack } from './linkCodec.ts';
import {
  packActions,
  packOwnFile,
  type Replayable,
  readLinkSession,
  unpackActions,
  unpackOwnFile,
} from './linkFiles.ts';
import { MAX_LINK_CHARS } from './keepAddress.ts';
import { PANELS, type PanelKey, type PanelsOpen } from './panels.ts';
import {
  LINK_PARAMS,
  readLinkView,
  readPanels,
  readPosition,
  readSelection,
  writePanels,
  writePosition,
  writeSelection,
} from './shareLink.ts';

const UINT32_MAX = 4294967295;
const FIRST = 'main';

/** The doc's packing, verbatim from its code block: what a reader outside the page would write. */
async function docPack(text: string): Promise<string> {
  const packed = btoa(
    String.fromCharCode(
      ...new Uint8Array(
        await new Response(new Blob([text]).stream().pipeThrough(new CompressionStream('deflate-raw'))).arrayBuffer(),
      ),
    ),
  )
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
  return packed;
}

/** Undoes the doc's packing by the RFCs alone: base64url without padding, then raw DEFLATE. */
async function docUnpack(packed: string): Promise<string> {
  const base64 = packed.replace(/-/g, '+').replace(/_/g, '/');
  const bytes = Uint8Array.from(atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4)), (c) => c.charCodeAt(0));
  return new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw'))).text();
}

const count = fc.nat({ max: Number.MAX_SAFE_INTEGER });
const position: fc.Arbitrary<SimPosition> = fc.oneof(
  fc.record({ tNs: count, stepIndex: count, eventCount: count }),
  fc.record({ tNs: count, stepIndex: count, eventCount: count, heldEvents: fc.integer({ min: 1, max: 1_000_000 }) }),
);
const kind = fc.constantFrom('queue', 'filter', 'frame', 'event', 'nbl' as const);
const panels: fc.Arbitrary<PanelsOpen> = fc.record(
  Object.fromEntries(PANELS.map((key) => [key, fc.boolean()])) as Record<PanelKey, fc.Arbitrary<boolean>>,
);
const fewActions = [
  { action: { kind: 'keep-scenario-steps' }, at: { tNs: 0, stepIndex: 1, eventCount: 1 } },
  { action: { kind: 'return-nbls', queueId: 2, count: 1 }, at: { tNs: 8000, stepIndex: 3, eventCount: 20 } },
] as Replayable;
const only = (...open: PanelKey[]): PanelsOpen =>
  Object.fromEntries(PANELS.map((key) => [key, open.includes(key)])) as Record<PanelKey, boolean>;

describe("parameter names (the doc's table)", () => {
  it('the view parameters are seed, at, sel, panels, file, acts, fork, present, embed and view', () => {
    // The names are the contract; the keys the code uses for them are its own business.
    expect(Object.values(LINK_PARAMS).sort()).toEqual(
      ['seed', 'at', 'sel', 'panels', 'file', 'acts', 'fork', 'present', 'embed', 'view'].sort(),
    );
  });

  it('a link is at most 8,000 characters', () => {
    expect(MAX_LINK_CHARS).toBe(8000);
  });

  it('a reader inflates at most 1,000,000 characters', () => {
    expect(MAX_UNPACKED_CHARS).toBe(1_000_000);
  });
});

describe('at: <time ns>.<step>.<events>[.<held>]', () => {
  it('writes the three counts joined by dots, and the held events as a fourth', () => {
    expect(writePosition({ tNs: 40000, stepIndex: 6, eventCount: 52 })).toBe('40000.6.52');
    expect(writePosition({ tNs: 40000, stepIndex: 6, eventCount: 52, heldEvents: 3 })).toBe('40000.6.52.3');
  });

  it("reads the doc's example and its four-part form", () => {
    expect(readPosition('40000.6.52')).toEqual({ tNs: 40000, stepIndex: 6, eventCount: 52 });
    expect(readPosition('40000.6.52.3')).toMatchObject({ tNs: 40000, stepIndex: 6, eventCount: 52, heldEvents: 3 });
    expect(readPosition('0.0.0')).toMatchObject({ tNs: 0, stepIndex: 0, eventCount: 0 });
  });

  it.each([
    '1.2',
    '',
    '1.2.3.4.5',
    '-1.2.3',
    '1.2.x',
    '1.5.2.3e2',
    '1..3',
    ' 1.2.3',
    '1.2.3.',
    '0x10.2.3',
    '99999999999999999999.1.1',
  ])('reads %j as no position', (text) => {
    expect(readPosition(text)).toBeNull();
  });

  it('round trip: reading what was written gives the same position', () => {
    fc.assert(
      fc.property(position, (at) => {
        expect(readPosition(writePosition(at))).toEqual(at);
      }),
    );
  });

  it('a position without held events is the same as one with none held', () => {
    fc.assert(
      fc.property(position, (at) => {
        const read = readPosition(writePosition({ ...at, heldEvents: 0 }));
        expect(read).not.toBeNull();
        expect({ ...read, heldEvents: read?.heldEvents ?? 0 }).toEqual({ ...at, heldEvents: 0 });
      }),
    );
  });
});

describe('sel: <kind>.<id> or <side>.<kind>.<id>', () => {
  it('leaves the side out for the first side, and names the second', () => {
    expect(writeSelection({ side: FIRST, kind: 'queue', id: 1 }, FIRST)).toBe('queue.1');
    expect(writeSelection({ side: 'ws2012', kind: 'queue', id: 1 }, FIRST)).toBe('ws2012.queue.1');
  });

  it('reads every kind the doc names, for the first side and for ws2012', () => {
    for (const k of ['queue', 'filter', 'frame', 'event', 'nbl'] as const) {
      expect(readSelection(`${k}.7`)).toEqual({ side: null, kind: k, id: 7 });
      expect(readSelection(`ws2012.${k}.7`)).toEqual({ side: 'ws2012', kind: k, id: 7 });
    }
  });

  it.each(['queue', 'queue.', 'queue.x', 'widget.1', 'queue.-1', 'queue.1.5', '', '.queue.1', 'ws2012.widget.1'])(
    'reads %j as no selection',
    (text) => {
      expect(readSelection(text)).toBeNull();
    },
  );

  it('round trip: first side and other side', () => {
    fc.assert(
      fc.property(kind, fc.nat({ max: 2 ** 32 }), fc.constantFrom(FIRST, 'ws2012'), (k, id, side) => {
        const read = readSelection(writeSelection({ side, kind: k, id }, FIRST));
        expect(read).toEqual({ side: side === FIRST ? null : side, kind: k, id });
      }),
    );
  });
});

describe('panels: the open panels joined by ".", or none', () => {
  it('every panel not named is closed', () => {
    expect(readPanels('queues.log.drive', [])).toEqual(only('queues', 'log', 'drive'));
    expect(readPanels('timeline', [])).toEqual(only('timeline'));
  });

  it('none closes every panel, and all closed is written none', () => {
    expect(readPanels('none', [])).toEqual(only());
    expect(writePanels(only())).toBe('none');
  });

  it('writes the open panels by the names the doc lists, joined by dots', () => {
    expect(writePanels(only('queues', 'log', 'drive'))).toBe('queues.log.drive');
    expect(
      writePanels(only(...PANELS))
        .split('.')
        .sort(),
    ).toEqual(['conformance', 'drive', 'expectations', 'log', 'queues', 'timeline', 'sequence', 'charts'].sort());
  });

  it('accepts the names in any order', () => {
    expect(readPanels('drive.queues.log', [])).toEqual(only('queues', 'log', 'drive'));
  });

  it('a panel a later release adds does not make the link unreadable: the known names still count', () => {
    const ignored: string[] = [];
    expect(readPanels('queues.heatmap', ignored)).toEqual(only('queues'));
  });

  it('round trip over every combination of open panels', () => {
    fc.assert(
      fc.property(panels, (open) => {
        expect(readPanels(writePanels(open), [])).toEqual(open);
      }),
    );
  });
});

describe('readLinkView: every parameter, in any order; what cannot be read is left out and said', () => {
  it("reads the doc's example link", () => {
    const view = readLinkView(
      '?scenario=free-queue-properly.json&seed=1&at=50000.6.51&sel=queue.1&panels=queues.log.drive',
    );
    expect(view.seed).toBe(1);
    expect(view.at).toMatchObject({ tNs: 50000, stepIndex: 6, eventCount: 51 });
    expect(view.selection).toEqual({ side: null, kind: 'queue', id: 1 });
    expect(view.panels).toEqual(only('queues', 'log', 'drive'));
    expect(view.ignored).toEqual([]);
  });

  it('a reader accepts the parameters in any order', () => {
    const forward = readLinkView('?seed=9&at=1.2.3&sel=ws2012.filter.4&panels=none');
    const backward = readLinkView('?panels=none&sel=ws2012.filter.4&at=1.2.3&seed=9');
    expect(backward).toEqual(forward);
    expect(forward.selection).toEqual({ side: 'ws2012', kind: 'filter', id: 4 });
  });

  it('a link without any view parameter says nothing about the view', () => {
    const view = readLinkView('?scenario=vlan-filtering.json');
    expect(view).toMatchObject({ seed: null, at: null, selection: null, panels: null, file: null, actions: null });
    expect(view.ignored).toEqual([]);
  });

  it('v=1 names version 1, which is what a link without v is', () => {
    expect(readLinkView('?v=1&seed=3&at=1.2.3')).toEqual(readLinkView('?seed=3&at=1.2.3'));
  });

  it("says the doc's example message for at=1.2", () => {
    const view = readLinkView('?at=1.2&seed=5');
    expect(view.at).toBeNull();
    expect(view.seed).toBe(5);
    expect(view.ignored).toContain('at=1.2 was ignored: a position is <time ns>.<step>.<events>, such as 50000.6.51');
  });

  it.each([
    ['seed', '4294967296'],
    ['seed', '-1'],
    ['seed', '1.5'],
    ['seed', 'abc'],
    ['seed', ''],
    ['at', 'later'],
    ['sel', 'widget.3'],
    ['sel', 'queue.x'],
    ['panels', ''],
  ])('%s=%s is left out, and the message names the parameter', (name, value) => {
    // A readable bystander of another parameter, to show only the broken part is left out.
    const bystander = name === 'sel' ? 'panels=log' : 'sel=queue.2';
    const view = readLinkView(`?${name}=${value}&${bystander}`);
    const field = { seed: 'seed', at: 'at', sel: 'selection', panels: 'panels' }[name] as keyof typeof view;
    expect(name === 'sel' ? view.panels : view.selection).not.toBeNull();
    expect(view[field]).toBeNull();
    expect(view.ignored).toHaveLength(1);
    // The doc: "the page says which and why" (its example is at=1.2 was ignored: …).
    expect(view.ignored[0]).toContain(name);
  });

  it('seed reads every whole number from 0 to 4294967295', () => {
    expect(readLinkView('?seed=0').seed).toBe(0);
    expect(readLinkView(`?seed=${UINT32_MAX}`).seed).toBe(UINT32_MAX);
    fc.assert(
      fc.property(fc.nat({ max: UINT32_MAX }), (seed) => {
        const view = readLinkView(`?seed=${seed}`);
        expect(view.seed).toBe(seed);
        expect(view.ignored).toEqual([]);
      }),
    );
  });

  it('seed above 4294967295 is left out', () => {
    fc.assert(
      fc.property(fc.integer({ min: UINT32_MAX + 1, max: Number.MAX_SAFE_INTEGER }), (seed) => {
        expect(readLinkView(`?seed=${seed}`).seed).toBeNull();
      }),
    );
  });

  it('a parameter the reader does not know does not disturb the others (a later version adds parameters)', () => {
    const view = readLinkView('?future=x&seed=2&at=1.1.1&sel=nbl.3&panels=log');
    expect(view.seed).toBe(2);
    expect(view.at).toMatchObject({ tNs: 1, stepIndex: 1, eventCount: 1 });
    expect(view.selection).toEqual({ side: null, kind: 'nbl', id: 3 });
    expect(view.panels).toEqual(only('log'));
  });

  it('round trip through the address: written parts read back the same', () => {
    fc.assert(
      fc.property(
        position,
        kind,
        fc.nat({ max: 100000 }),
        panels,
        fc.nat({ max: UINT32_MAX }),
        (at, k, id, open, seed) => {
          const search = new URLSearchParams({
            seed: String(seed),
            at: writePosition(at),
            sel: writeSelection({ side: FIRST, kind: k, id }, FIRST),
            panels: writePanels(open),
          });
          const view = readLinkView(`?${search}`);
          expect(view).toMatchObject({ seed, at, selection: { side: null, kind: k, id }, panels: open, ignored: [] });
        },
      ),
    );
  });
});

describe('packed values: raw DEFLATE, base64url without padding', () => {
  it('packs into base64url without padding, so it needs no percent-escapes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'grapheme', maxLength: 200 }), async (text) => {
        const packed = await pack(text);
        expect(packed).toMatch(/^[A-Za-z0-9_-]*$/);
        expect(encodeURIComponent(packed)).toBe(packed);
      }),
    );
  });

  it('round trip: unpacking what was packed gives the same text', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'grapheme', maxLength: 500 }), async (text) => {
        expect(await unpack(await pack(text))).toBe(text);
      }),
    );
  });

  it("reads the doc's own packing code, and the RFCs alone read what the page packs", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'grapheme', maxLength: 300 }), async (text) => {
        expect(await unpack(await docPack(text))).toBe(text);
        expect(await docUnpack(await pack(text))).toBe(text);
      }),
    );
  });

  it('file holds {"source": name, "text": file text}', async () => {
    const file = { source: 'mine.json', text: '{"title":"Mine","steps":[]}' };
    const packed = await packOwnFile(file);
    expect(JSON.parse(await docUnpack(packed))).toEqual(file);
    expect(await unpackOwnFile(await docPack(JSON.stringify(file)))).toEqual({ value: file });
  });

  it("round trip of a file of the user's own", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ minLength: 1, maxLength: 40 }),
        fc.string({ unit: 'grapheme', maxLength: 400 }),
        async (source, text) => {
          expect(await unpackOwnFile(await packOwnFile({ source, text }))).toEqual({ value: { source, text } });
        },
      ),
    );
  });

  const actions: Replayable = [
    { action: { kind: 'keep-scenario-steps' }, at: { tNs: 0, stepIndex: 2, eventCount: 5 } },
    {
      action: { kind: 'request-oid', request: { oid: 'OID_RECEIVE_FILTER_FREE_QUEUE', buffer: { QueueId: 1 } } },
      at: { tNs: 40000, stepIndex: 6, eventCount: 52, heldEvents: 2 },
    },
    { action: { kind: 'stop-traffic', flow: 'vm1' }, at: { tNs: 50000, stepIndex: 6, eventCount: 60 } },
    { action: { kind: 'return-nbls', queueId: null, count: 'all' }, at: { tNs: 60000, stepIndex: 7, eventCount: 70 } },
    { action: { kind: 'return-nbls', queueId: 1, count: 3 }, at: { tNs: 60000, stepIndex: 7, eventCount: 71 } },
  ] as Replayable;

  it('acts holds a JSON list of {"action": …, "at": position}, in order', async () => {
    const packed = await packActions(actions);
    expect(JSON.parse(await docUnpack(packed))).toEqual(actions);
    expect(await unpackActions(await docPack(JSON.stringify(actions)))).toEqual({ value: actions });
  });

  it('round trip of any prefix of the actions', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: actions.length }), async (n) => {
        const some = actions.slice(0, n);
        expect(await unpackActions(await packActions(some))).toEqual({ value: some });
      }),
      { numRuns: 10 },
    );
  });

  it('a text that would inflate to more than 1,000,000 characters is not read', async () => {
    const big = { source: 'big.json', text: 'x'.repeat(MAX_UNPACKED_CHARS) };
    const packed = await docPack(JSON.stringify(big));
    expect(packed.length).toBeLessThan(MAX_LINK_CHARS); // a short link can carry it: the limit is the reader's
    expect(await unpackOwnFile(packed)).toHaveProperty('problem');
    await expect(unpack(await docPack('y'.repeat(MAX_UNPACKED_CHARS + 1)))).rejects.toThrow();
  });

  it('exactly 1,000,000 characters are still read', async () => {
    const text = 'z'.repeat(MAX_UNPACKED_CHARS);
    expect(await unpack(await docPack(text))).toBe(text);
  });

  it.each([
    ['not base64url', '%%%'],
    ['base64url, not DEFLATE', 'aGVsbG8'],
  ])('a file that is %s is a problem, not a crash', async (_what, packed) => {
    expect(await unpackOwnFile(packed)).toHaveProperty('problem');
    expect(await unpackActions(packed)).toHaveProperty('problem');
  });

  it('packed JSON of the wrong shape is a problem', async () => {
    expect(await unpackOwnFile(await docPack('{"source":1}'))).toHaveProperty('problem');
    expect(await unpackOwnFile(await docPack('[1,2]'))).toHaveProperty('problem');
    expect(await unpackActions(await docPack('{"action":{}}'))).toHaveProperty('problem');
    expect(
      await unpackActions(await docPack('[{"action":{"kind":"fly"},"at":{"tNs":0,"stepIndex":0,"eventCount":0}}]')),
    ).toHaveProperty('problem');
  });
});

describe('readLinkSession: the seed, the file and the actions of a link', () => {
  it('reads the file, the seed and the actions, with no problems', async () => {
    const file = { source: 'mine.json', text: '{"title":"Mine"}' };
    const search = new URLSearchParams({
      file: await packOwnFile(file),
      seed: '77',
      at: '1.2.3',
      acts: await packActions(fewActions),
    });
    const session = await readLinkSession(readLinkView(`?${search}`));
    expect(session.file).toEqual(file);
    expect(session.seed).toBe(77);
    expect(session.actions).toEqual(fewActions);
    expect(session.problems).toEqual([]);
  });

  it('a broken file or acts is left out, and the problem names which part is broken', async () => {
    const session = await readLinkSession(readLinkView('?file=aGVsbG8&acts=%25%25&seed=4&at=1.2'));
    expect(session.file).toBeNull();
    expect(session.actions).toEqual([]);
    expect(session.seed).toBe(4);
    const said = session.problems.join('\n');
    expect(said).toContain('file');
    expect(said).toMatch(/acts|actions/);
    expect(said).toContain('at=1.2 was ignored: a position is <time ns>.<step>.<events>, such as 50000.6.51');
  });

  it("a link without a seed leaves the file's seed in place", async () => {
    expect((await readLinkSession(readLinkView('?scenario=vlan-filtering.json'))).seed).toBeUndefined();
  });
});
