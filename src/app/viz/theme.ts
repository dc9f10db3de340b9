/**
 * The drawings' colours are the --viz-* CSS variables of ui/theme.css (light and dark). SVG uses them as
 * `var(--viz-…)`; canvas cannot, so `Palette` resolves them with getComputedStyle and re-reads them only when
 * the theme attribute on <html> changes.
 *
 * One colour per VM runs through every view: its frames, its queue, its memory blocks and its box. The default
 * queue, the management OS and frames for unknown MACs are neutral (--viz-muted).
 */
import type { DetailedQueueState } from '../../engine/index.ts';

/** ui/theme.css defines --viz-vm-1 … --viz-vm-6. */
const VM_COLOURS = 6;

export type VizToken =
  | 'bg'
  | 'fg'
  | 'muted'
  | 'grid'
  | 'lane'
  | 'selected'
  | 'focus'
  | 'frame'
  | 'indicate'
  | 'return'
  | 'drop'
  | 'violation'
  | 'warning'
  | 'mem-host'
  | 'mem-guest'
  | 'playhead'
  | `actor-${'overlying' | 'ndis' | 'miniport' | 'scenario'}`
  | `state-${Lowercase<DetailedQueueState>}`
  | `vm-${number}`;

export const vizVar = (token: VizToken): string => `var(--viz-${token})`;

/** The colour token of the VM at `vmIndex` in the scenario's list; null (no VM) is neutral. */
export const vmToken = (vmIndex: number | null): VizToken =>
  vmIndex === null || vmIndex < 0 ? 'muted' : `vm-${(vmIndex % VM_COLOURS) + 1}`;

export const stateToken = (state: DetailedQueueState): VizToken =>
  `state-${state.toLowerCase() as Lowercase<DetailedQueueState>}`;

/** Resolved colours for canvas drawing. */
export interface Colours {
  color(token: VizToken): string;
}

/** What a colour without a value falls back to (slate-500), so a missing variable shows as neutral, not black. */
const FALLBACK = '#64748b';

/** Colours resolved elsewhere (the page's, sent to a drawing worker, which has no stylesheet). */
export class FixedPalette implements Colours {
  #colours: Partial<Record<VizToken, string>> = {};
  /** Takes the page's colours after a theme change. */
  set(colours: Partial<Record<VizToken, string>>): void {
    this.#colours = colours;
  }
  color(token: VizToken): string {
    return this.#colours[token] ?? FALLBACK;
  }
}

/** The page's colours, read from its stylesheet. */
export class Palette implements Colours {
  #root: HTMLElement;
  #theme: string | undefined = undefined;
  #cache = new Map<VizToken, string>();

  constructor(root: HTMLElement = document.documentElement) {
    this.#root = root;
  }

  /** The theme the colours are read for: a drawing that keeps its own copy of them asks again when it changes. */
  get theme(): string {
    return this.#root.dataset['theme'] ?? '';
  }

  /** These tokens' colours, to send where there is no stylesheet. */
  resolve(tokens: readonly VizToken[]): Partial<Record<VizToken, string>> {
    return Object.fromEntries(tokens.map((token) => [token, this.color(token)]));
  }

  color(token: VizToken): string {
    const theme = this.theme;
    if (theme !== this.#theme) {
      this.#theme = theme;
      this.#cache.clear();
    }
    let value = this.#cache.get(token);
    if (value === undefined) {
      value = getComputedStyle(this.#root).getPropertyValue(`--viz-${token}`).trim() || FALLBACK;
      this.#cache.set(token, value);
    }
    return value;
  }
}
