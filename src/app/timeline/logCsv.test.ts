import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../engine/index.ts';
import { csvField, logCsv } from './logCsv.ts';

describe('the event log as CSV', () => {
  it('quotes a field as RFC 4180 says: commas, quotes and line breaks, quotes doubled', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a, b')).toBe('"a, b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(1500)).toBe('1500');
  });

  it('has the header and one CRLF-ended row per event, time in ns', () => {
    const events = [
      { kind: 'note', text: 'one, "two"', t: 0, seq: 0 },
      { kind: 'note', text: 'three', t: 1500, seq: 1 },
    ] as unknown as TraceEvent[];
    const lines = logCsv(events).split('\r\n');
    expect(lines[0]).toBe('seq,t_ns,actor,kind,issued_by,what_happened');
    expect(lines[1]).toBe('0,0,scenario,note,,"one, ""two"""');
    expect(lines[2]).toBe('1,1500,scenario,note,,three');
    expect(lines).toHaveLength(4); // the last line ends with CRLF too
  });
});
