/**
 * The parts of the page's address that say exactly what is on screen, on top of what page/pageUrl.ts reads (which
 * scenario, lesson, compare mode, the teacher's view): the seed, the position, the selection, the open panels, and
 * a scenario file of the user's own and their actions, packed (page/linkCodec.ts). docs/share-links.md is the
 * public description of every parameter; a link is a public contract (design documents keep them), so a change
 * here is a new link version with a reader for the old one.
 *
 *   ?scenario=free-queue-properly.json&seed=1&at=50000.6.51&sel=queue.1&panels=queues.log.drive
 *   ?file=<packed {source, text}>&acts=<packed actions>&at=…
 *
 * Reading never throws: a value that cannot be read is left out, and `ignored` says which and why.
 */
import type { SimPosition } from '../../client/SessionJournal.ts';
import type { Selection, SelectionKind } from '../store/selection.ts';
import { EMPTY_ADAPTER_PARAMS, LESSON_PARAM, SCENARIO_PARAM } from './address.ts';
import { PANELS, type PanelKey, type PanelsOpen } from './panels.ts';
import { excerpt } from './pageUrl.ts';

export const LINK_PARAMS = {
  seed: 'seed',
  at: 'at',
  selection: 'sel',
  panels: 'panels',
  file: 'file',
  actions: 'acts',
  /** What-if forks (app/fork): packed like `acts`, each the one action its side alone got and where. */
  forks: 'fork',
  /** How the page is shown (page/presentation.ts): present mode, the embedded player and what it shows. */
  present: 'present',
  embed: 'embed',
  embedView: 'view',
} as const;

const KINDS: readonly SelectionKind[] = ['queue', 'filter', 'frame', 'event', 'nbl'];
const NO_PANELS = 'none';
const UINT32_MAX = 0xffff_ffff;

/** What a link says about the view, each part null when the link does not say it (or says it wrong). */
export interface LinkView {
  /** The seed the scenario runs with, overriding its file's. */
  seed: number | null;
  /** Where the first side stands. */
  at: SimPosition | null;
  /** The selection; `side` null means the first side, whatever its id. */
  selection: (Omit<Selection, 'side'> & { side: string | null }) | null;
  panels: PanelsOpen | null;
  /** A packed scenario file of the user's own (unpacked by page/linkFiles.ts). */
  file: string | null;
  /** The user's packed actions (unpacked by page/linkFiles.ts). */
  actions: string | null;
  ignored: string[];
}

const COUNT = /^(0|[1-9][0-9]{0,15})$/;
const count = (text: string): number | null => {
  if (!COUNT.test(text)) return null;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : null;
};

export function writePosition(at: SimPosition): string {
  const parts = [at.tNs, at.stepIndex, at.eventCount];
  if ((at.heldEvents ?? 0) > 0) parts.push(at.heldEvents ?? 0);
  return parts.join('.');
}

export function readPosition(text: string): SimPosition | null {
  const parts = text.split('.').map(count);
  if ((parts.length !== 3 && parts.length !== 4) || parts.some((part) => part === null)) return null;
  const [tNs, stepIndex, eventCount, heldEvents] = parts as number[];
  return {
    tNs: tNs as number,
    stepIndex: stepIndex as number,
    eventCount: eventCount as number,
    ...(heldEvents ? { heldEvents } : {}),
  };
}

/** A selection of the first side (`firstSide`) leaves its side out. */
export function writeSelection(selection: Selection, firstSide: string): string {
  const thing = `${selection.kind}.${selection.id}`;
  return selection.side === firstSide ? thing : `${selection.side}.${thing}`;
}

export function readSelection(text: string): LinkView['selection'] {
  const parts = text.split('.');
  const [side, kind, id] = parts.length === 2 ? [null, ...parts] : parts;
  if (parts.length < 2 || parts.length > 3 || side === '' || !KINDS.includes(kind as SelectionKind)) return null;
  const value = count(id ?? '');
  if (value === null || (side !== null && !/^[A-Za-z0-9_-]{1,40}$/.test(side as string))) return null;
  return { side: side ?? null, kind: kind as SelectionKind, id: value };
}

export function writePanels(panels: PanelsOpen): string {
  const open = PANELS.filter((key) => panels[key]);
  return open.length === 0 ? NO_PANELS : open.join('.');
}

/** The panels a link opens; every panel it does not name is closed. */
export function readPanels(text: string, ignored: string[]): PanelsOpen | null {
  if (text === NO_PANELS) return Object.fromEntries(PANELS.map((key) => [key, false])) as Record<PanelKey, boolean>;
  const named = text.split('.');
  const unknown = named.filter((name) => !PANELS.includes(name as PanelKey));
  if (unknown.length > 0)
    ignored.push(
      `panels: ${unknown.map((name) => `"${excerpt(name)}"`).join(', ')} ${unknown.length > 1 ? 'are' : 'is'} no panel (there are ${PANELS.join(', ')})`,
    );
  if (unknown.length === named.length) return null;
  return Object.fromEntries(PANELS.map((key) => [key, named.includes(key)])) as Record<PanelKey, boolean>;
}

/** The one value of `name`, or null (a repeated one is ignored and said so). */
function single(params: URLSearchParams, name: string, ignored: string[]): string | null {
  const values = params.getAll(name);
  if (values.length === 0) return null;
  if (values.length > 1) {
    ignored.push(`${name} is given ${values.length} times, so it was ignored`);
    return null;
  }
  return values[0] as string;
}

/** Reads `search` (location.search, with or without its "?"). */
export function readLinkView(search: string): LinkView {
  const params = new URLSearchParams(search);
  const ignored: string[] = [];
  const read = <T>(name: string, parse: (text: string) => T | null, expected: string): T | null => {
    const text = single(params, name, ignored);
    if (text === null) return null;
    const value = parse(text);
    if (value === null) ignored.push(`${name}=${excerpt(text)} was ignored: ${expected}`);
    return value;
  };
  const seed = read(
    LINK_PARAMS.seed,
    (text) => {
      const value = count(text);
      return value !== null && value <= UINT32_MAX ? value : null;
    },
    `a seed is a whole number from 0 to ${UINT32_MAX}`,
  );
  const at = read(LINK_PARAMS.at, readPosition, 'a position is <time ns>.<step>.<events>, such as 50000.6.51');
  const selection = read(LINK_PARAMS.selection, readSelection, `a selection is <${KINDS.join('|')}>.<id>`);
  const panelsText = single(params, LINK_PARAMS.panels, ignored);
  const panels = panelsText === null ? null : readPanels(panelsText, ignored);
  let file = read(LINK_PARAMS.file, (text) => (text === '' ? null : text), 'it is empty');
  const named = [SCENARIO_PARAM, EMPTY_ADAPTER_PARAMS.profile, LESSON_PARAM].filter((name) => params.has(name));
  if (file !== null && named.length > 0) {
    ignored.push(`file was ignored: the link also names a scenario by ${named.join(' and ')}`);
    file = null;
  }
  const actions = read(LINK_PARAMS.actions, (text) => (text === '' ? null : text), 'it is empty');
  return { seed, at, selection, panels, file, actions, ignored };
}
