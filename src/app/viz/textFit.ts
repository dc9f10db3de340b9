/**
 * Fitting labels into SVG boxes, which cannot clip or wrap text themselves. Widths are estimated from the characters
 * (capitals and digits are wide, lower case narrower): close enough to pick a label variant or cut one short, with no
 * DOM measurement per label and render.
 */
import { isolatedName, SHORT_NAME_CHARS, shortened } from '../ui/plainText.ts';

/** Estimated width of `text` in px at `fontPx` (proportional font; monospace advances 0.62em a character). */
export function textWidth(text: string, fontPx: number, mono = false): number {
  if (mono) return text.length * 0.62 * fontPx;
  let em = 0;
  for (const ch of text) {
    if (ch === ' ') em += 0.28;
    else if (/[A-Z0-9_#%@MW]/.test(ch)) em += 0.64;
    else if (/[a-z]/.test(ch)) em += 0.53;
    else em += 0.5;
  }
  return em * fontPx;
}

/** The first variant (most detailed first) that fits `maxPx`, else the last one cut short. */
export function firstFitting(variants: readonly string[], maxPx: number, fontPx: number, mono = false): string {
  for (const variant of variants) if (textWidth(variant, fontPx, mono) <= maxPx) return variant;
  return fitText(variants.at(-1) ?? '', maxPx, fontPx, mono);
}

/** A name the user chose, cut to fit `maxPx` (cut short first: fitting 100 KB would take long) and isolated. */
export function fitName(name: string, maxPx: number, fontPx: number): string {
  return isolatedName(fitText(shortened(name, SHORT_NAME_CHARS), maxPx, fontPx));
}

/** `text` cut to fit `maxPx`, ending in an ellipsis when it was cut. */
export function fitText(text: string, maxPx: number, fontPx: number, mono = false): string {
  if (textWidth(text, fontPx, mono) <= maxPx) return text;
  let cut = text;
  while (cut.length > 1 && textWidth(`${cut}…`, fontPx, mono) > maxPx) cut = cut.slice(0, -1);
  return `${cut}…`;
}
