import { describe, expect, it } from 'vitest';
import { anchorId, citationText, citedRuns } from './citations.ts';

const cites = (text: string) => citedRuns(text).flatMap((run) => (run.kind === 'cite' ? [run.target] : []));

describe('citations in shown text', () => {
  it('finds sections and rules, and keeps the rest as it is', () => {
    expect(citedRuns('refused (R21); see §3.9.')).toEqual([
      { kind: 'text', text: 'refused (' },
      { kind: 'cite', text: 'R21', target: 'R21' },
      { kind: 'text', text: '); see ' },
      { kind: 'cite', text: '§3.9', target: '3.9' },
      { kind: 'text', text: '.' },
    ]);
    expect(cites('§12 (rule 3 of §6.3), R8/R9')).toEqual(['12', '6.3', 'R8', 'R9']);
  });

  it('leaves alone what only looks like a rule: Windows releases, ranges, numbers beyond R47', () => {
    expect(cites('Windows Server 2008 R2 and 2012 R2')).toEqual([]);
    expect(cites('the rules of §12 (R1–R47)')).toEqual(['12']);
    expect(cites('R0, R48, RSS, R2D2')).toEqual([]);
    expect(citedRuns('no citation here')).toEqual([{ kind: 'text', text: 'no citation here' }]);
  });

  it('names the element a citation opens and writes it as the reference does', () => {
    expect(anchorId('3.9')).toBe('ref-3.9');
    expect(anchorId('R21')).toBe('ref-R21');
    expect(citationText('3.9')).toBe('§3.9');
    expect(citationText('R21')).toBe('R21');
  });
});
