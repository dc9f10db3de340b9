import { describe, expect, it } from 'vitest';
import { MAX_SUGGEST_CANDIDATES, MAX_SUGGEST_INPUT } from './limits.ts';
import { formatScenarioError, parseScenario } from './parse.ts';
import { suggest, unknownName } from './suggest.ts';
import { scenarioDocument } from './testing.ts';

describe('did you mean', () => {
  it('suggests a near miss of a short name', () => {
    expect(suggest('NDIS_STATUS_SUCCES', ['NDIS_STATUS_SUCCESS', 'NDIS_STATUS_PENDING'])).toBe('NDIS_STATUS_SUCCESS');
  });

  it(`does not compare inputs longer than ${MAX_SUGGEST_INPUT} characters: long text is no typo`, () => {
    const name = 'A'.repeat(MAX_SUGGEST_INPUT);
    expect(suggest(`${name.slice(1)}B`, [name])).toBe(name);
    expect(suggest(`${name}B`, [`${name}C`])).toBeUndefined();
  });

  it(`searches only the first ${MAX_SUGGEST_CANDIDATES} candidates`, () => {
    const filler = Array.from({ length: MAX_SUGGEST_CANDIDATES }, (_, i) => `unrelated${i}`);
    expect(suggest('VM_ONE', [...filler, 'VM_ON'])).toBeUndefined();
    expect(suggest('VM_ONE', [...filler.slice(1), 'VM_ON'])).toBe('VM_ON');
  });

  it('quotes only the start of a megabyte-long name', () => {
    const message = unknownName('OID', 'X'.repeat(1_000_000), ['OID_GEN_STATISTICS']);
    expect(message).toMatch(/^unknown OID "X+… \(1000000 characters\)"; expected one of OID_GEN_STATISTICS$/);
  });

  it('a 1 MB OID name in a file gives one short message', () => {
    const parsed = parseScenario(scenarioDocument([{ oid: 'OID_'.repeat(250_000) }]));
    expect(parsed.ok).toBe(false);
    const messages = parsed.ok ? [] : parsed.errors.map(formatScenarioError);
    expect(messages).toEqual([
      expect.stringMatching(/^steps\[0\]\.oid: unknown OID "(OID_)+O?I?D?_?… \(1000000 characters\)"$/),
    ]);
    expect(messages[0]?.length).toBeLessThan(200);
  });
});
