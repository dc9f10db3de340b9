/**
 * The keyboard shortcuts: one table that both the key handler and the shortcut sheet read, so the sheet can never
 * promise a key that does nothing.
 */

export type ShortcutAction =
  | 'toggle-play'
  | 'step'
  | 'step-instant'
  | 'step-scenario'
  | 'step-back'
  | 'rewind'
  | 'toggle-sheet'
  | 'clear-selection'
  | 'toggle-theme'
  | 'copy-link';

export interface Shortcut {
  action: ShortcutAction;
  /** KeyboardEvent.key values that trigger it. */
  keys: readonly string[];
  shift?: boolean;
  /** How the sheet writes the key. */
  label: string;
  description: string;
}

export const SHORTCUTS: readonly Shortcut[] = [
  {
    action: 'toggle-play',
    keys: [' '],
    label: 'Space',
    description: 'Play or pause, wherever the focus is but a text field or a checkbox (Enter presses a button)',
  },
  {
    action: 'step',
    keys: ['ArrowRight'],
    shift: false,
    label: '→',
    description: 'Step one trace event (inside an instant too: a FREE_QUEUE shows each of its states)',
  },
  {
    action: 'step-instant',
    keys: ['i', 'I'],
    label: 'I',
    description: 'Step to the next instant anything happens (all of its events at once)',
  },
  {
    action: 'step-scenario',
    keys: ['ArrowRight'],
    shift: true,
    label: 'Shift + →',
    description: 'Step through the next scenario step',
  },
  {
    action: 'step-back',
    keys: ['ArrowLeft'],
    label: '←',
    description: 'Step back: restore the state before the last step',
  },
  { action: 'rewind', keys: ['Home'], label: 'Home', description: 'Rewind to t = 0' },
  {
    action: 'clear-selection',
    keys: ['Escape'],
    label: 'Esc',
    description: 'Clear the selection (or close this sheet)',
  },
  { action: 'toggle-theme', keys: ['t', 'T'], label: 'T', description: 'Switch between the light and dark theme' },
  {
    action: 'copy-link',
    keys: ['l', 'L'],
    label: 'L',
    description: 'Copy a link to exactly this view: scenario, seed, position, selection and panels',
  },
  { action: 'toggle-sheet', keys: ['?'], label: '?', description: 'Show or hide these shortcuts' },
];

/**
 * What has focus when a key is pressed, by the keys it keeps for itself: a text field every key; a slider, tab,
 * radio or select the arrows, Home and End; a checkbox Space, its only key. Anything else, a button included, keeps
 * none: Space plays or pauses even after a click on "Step scenario" or "Dark theme" (a focused button is pressed
 * with Enter), so the key never does what the last clicked button did.
 */
export type FocusKind = 'text' | 'arrows' | 'checkbox' | 'none';

export interface KeyPress {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  focus: FocusKind;
}

const ARROW_CONTROL_KEYS = new Set(['ArrowLeft', 'ArrowRight', 'Home', 'End']);

/** The shortcut a key press means, or null when the key belongs to what has focus (or to the browser). */
export function shortcutFor(press: KeyPress): ShortcutAction | null {
  if (press.ctrlKey || press.metaKey || press.altKey || press.focus === 'text') return null;
  if (press.focus === 'arrows' && ARROW_CONTROL_KEYS.has(press.key)) return null;
  if (press.focus === 'checkbox' && press.key === ' ') return null;
  // '?' needs Shift on most layouts; the other shortcuts say whether they want it.
  const match = SHORTCUTS.find(
    (s) => s.keys.includes(press.key) && (s.shift === undefined || s.shift === press.shiftKey),
  );
  return match?.action ?? null;
}

/** How a focused element treats keys (DOM-facing half of shortcutFor). */
export function focusKind(target: EventTarget | null): FocusKind {
  if (!(target instanceof HTMLElement)) return 'none';
  if (target.isContentEditable || target instanceof HTMLTextAreaElement) return 'text';
  if (target instanceof HTMLInputElement) {
    if (target.type === 'range' || target.type === 'radio') return 'arrows';
    if (target.type === 'checkbox') return 'checkbox';
    return ['button', 'submit', 'reset', 'color', 'file'].includes(target.type) ? 'none' : 'text';
  }
  if (target instanceof HTMLSelectElement || target.closest('[role="tab"], [role="slider"], [role="listbox"]'))
    return 'arrows';
  return 'none';
}
