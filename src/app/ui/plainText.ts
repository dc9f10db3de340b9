/**
 * Text a scenario's author chose (VM and queue names, titles, notes, flow and file names) as plain strings, for
 * the places that take only a string: an <option>, SVG text, a tooltip. The markup form is <UserText>.
 */

/** Longest name shown in full where nothing can truncate it with an ellipsis (a <select>'s options, SVG text). */
export const SHORT_NAME_CHARS = 40;
/** Longest text put into the page at all: beyond it the browser would only lay out what the ellipsis hides. */
export const SHOWN_TEXT_CHARS = 1000;

const FIRST_STRONG_ISOLATE = '\u2068';
const POP_DIRECTIONAL_ISOLATE = '\u2069';

/** `text` cut to `max` UTF-16 units, ending in "…" when it was cut. */
export function shortened(text: string, max: number): string {
  if (text.length <= max) return text;
  const head = text.slice(0, max - 1);
  // A cut between the two halves of a surrogate pair would leave half a character.
  return `${/[\uD800-\uDBFF]$/.test(head) ? head.slice(0, -1) : head}…`;
}

/**
 * `text` shortened and wrapped in Unicode isolates (FSI … PDI): its direction is its own first strong character,
 * and an override in it (U+202E) ends at the PDI instead of reordering what follows. `dir="auto"` and
 * `unicode-bidi: isolate` cannot reach inside an <option> or an SVG <text>; these characters can.
 */
export function isolatedName(text: string, max = SHORT_NAME_CHARS): string {
  return `${FIRST_STRONG_ISOLATE}${shortened(text, max)}${POP_DIRECTIONAL_ISOLATE}`;
}

/** Unicode's bidirectional formatting characters: marks, embeddings, overrides and isolates. */
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/**
 * `text` with every bidirectional control shown as "⟨U+202E⟩" instead of acting: for diagnostics that quote the
 * user's input inside our own sentence, where the reader must see the control and the sentence must stay in order.
 */
export function visibleControls(text: string): string {
  return text.replace(BIDI_CONTROLS, (control) => `⟨U+${control.codePointAt(0)!.toString(16).toUpperCase()}⟩`);
}
