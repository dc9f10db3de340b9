/**
 * User text inside error messages. A scenario may hold a megabyte-long name; quoting all of it would bury the
 * message (and the UI) under the input, so messages quote a bounded excerpt that still identifies the value.
 */
import { MAX_QUOTED_CHARS } from './limits.ts';

/** `text`, or its start and how long the whole is when it is longer than MAX_QUOTED_CHARS. */
export function excerpt(text: string): string {
  if (text.length <= MAX_QUOTED_CHARS) return text;
  let end = MAX_QUOTED_CHARS - 1;
  // Never cut a surrogate pair in half: the excerpt must stay well-formed text.
  if (/[\uD800-\uDBFF]/.test(text[end - 1] ?? '')) end--;
  return `${text.slice(0, end)}… (${text.length} characters)`;
}

/** `"text"` with the excerpt rule applied, for "unknown key "…"" style messages. */
export const quoted = (text: string): string => `"${excerpt(text)}"`;
