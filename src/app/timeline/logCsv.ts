/**
 * The event log as CSV (RFC 4180: comma-separated, CRLF line ends, a field quoted when it holds a comma, a quote or
 * a line break, its quotes doubled): the rows the log shows, with its filters applied, oldest first. Columns:
 * seq (the event's sequence number), t_ns (virtual time in ns), actor, kind (the engine's event kind), issued_by
 * ("NDIS" for NDIS's own requests, else empty), what_happened (the log's own words).
 */
import type { TraceEvent } from '../../engine/index.ts';
import { describeOnScreen } from '../trace/describeOnScreen.ts';

export const LOG_CSV_HEADER = ['seq', 't_ns', 'actor', 'kind', 'issued_by', 'what_happened'] as const;

/** One field, quoted when RFC 4180 requires it. */
export function csvField(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const csvLine = (fields: readonly (string | number)[]): string => `${fields.map(csvField).join(',')}\r\n`;

export function logCsv(events: Iterable<TraceEvent>): string {
  let out = csvLine(LOG_CSV_HEADER);
  for (const event of events) {
    const { actor, text, issuedBy } = describeOnScreen(event);
    out += csvLine([event.seq, event.t, actor, event.kind, issuedBy ?? '', text]);
  }
  return out;
}
