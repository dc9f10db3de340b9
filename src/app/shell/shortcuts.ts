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
  | 'copy-link'
  | 'toggle-present'
  | 'fullscreen'
  | 'next-scenario-step'
  | 'previous-step'
  | 'leave-present'
  /** Features handle these keys themselves (ui/usePageKey.ts; the shell may not import them); the sheet lists them. */
  | 'open-fork'
  | 'describe-moment'
  | 'toggle-tables';

export interface Shortcut {
  action: ShortcutAction;
  /** KeyboardEvent.key values that trigger it. */
  keys: readonly string[];
  shift?: boolean;
  /** Only in present mode (page/presentation.ts), where it wins over a shortcut of the same key. Elsewhere PageDown
   * and PageUp scroll the page, as they should. */
  presenting?: true;
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
  {
    action: 'toggle-present',
    keys: ['p', 'P'],
    label: 'P',
    description: 'Present mode: the drawings full width in large type, the narration as a caption (P or Esc leaves)',
  },
  {
    action: 'fullscreen',
    keys: ['f', 'F'],
    label: 'F',
    description: 'Full screen, or back to the window',
  },
  {
    action: 'open-fork',
    keys: ['w', 'W'],
    label: 'W',
    description: 'Fork here (“what if”): change one thing and play both futures side by side',
  },
  {
    action: 'describe-moment',
    keys: ['d', 'D'],
    label: 'D',
    description: 'Describe this moment: a screen reader reads the whole adapter state',
  },
  {
    action: 'toggle-tables',
    keys: ['v', 'V'],
    label: 'V',
    description: 'View the diagram and the memory map as tables (the same facts, kept in sync), or back',
  },
  // What a presentation clicker sends: its "next" and "previous" buttons are PageDown and PageUp.
  {
    action: 'next-scenario-step',
    keys: ['PageDown'],
    presenting: true,
    label: 'PgDn',
    description: 'In present mode: step through the next scenario step (a clicker’s “next”)',
  },
  {
    action: 'previous-step',
    keys: ['PageUp'],
    presenting: true,
    label: 'PgUp',
    description: 'In present mode: step back, to before the last step (a clicker’s “previous”)',
  },
  {
    action: 'leave-present',
    keys: ['Escape'],
    presenting: true,
    label: 'Esc',
    description: 'In present mode: leave present mode (in full screen, the first Esc leaves full screen)',
  },
  { action: 'toggle-sheet', keys: ['?'], label: '?', description: 'Show or hide these shortcuts' },
];

/** The keys inside a drawing or a list of rows (ui/useRovingFocus.ts, timeline/MarkCursor.tsx): not shortcuts, the
 * group's own keys, listed on the sheet so it names every key the page answers. */
export const NAVIGATION_KEYS: readonly { label: string; description: string }[] = [
  {
    label: 'Tab',
    description:
      'Into a drawing, the timeline, the event log or the findings (one stop each, where you left it), and on out of it',
  },
  {
    label: '↑ ↓ ← →',
    description:
      'Inside it: to the nearest thing that way (the diagram: filters → queues → CPUs → requests; the timeline: marks in time, lanes up and down)',
  },
  { label: 'Home / End', description: 'Inside it: to the first or the last thing' },
  { label: 'Enter', description: 'Select what has the focus: the inspector shows it' },
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

/** The shortcut a key press means, or null when the key belongs to what has focus (or to the browser). `presenting`:
 * the page is in present mode. */
export function shortcutFor(press: KeyPress, presenting = false): ShortcutAction | null {
  if (press.ctrlKey || press.metaKey || press.altKey || press.focus === 'text') return null;
  if (press.focus === 'arrows' && ARROW_CONTROL_KEYS.has(press.key)) return null;
  if (press.focus === 'checkbox' && press.key === ' ') return null;
  // '?' needs Shift on most layouts; the other shortcuts say whether they want it.
  const matches = SHORTCUTS.filter(
    (s) =>
      s.keys.includes(press.key) &&
      (s.shift === undefined || s.shift === press.shiftKey) &&
      (!s.presenting || presenting),
  );
  return (matches.find((s) => s.presenting) ?? matches[0])?.action ?? null;
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
