import { describe, expect, it } from 'vitest';
import { CONFORMANCE_RULES as RULES } from './conformanceRules.ts';
import { keptInWords, ruleInWords } from './ruleWords.ts';

describe("the rules in a reader's words", () => {
  it('shows no maintainer shorthand in any rule: no UNVERIFIED, engine:, checker: or source path', () => {
    for (const rule of RULES) {
      const shown = `${ruleInWords(rule.text)} ${keptInWords(rule.kept)}`;
      expect(shown, rule.id).not.toMatch(/UNVERIFIED|\bengine\b|\bchecker:|src\//);
    }
  });

  it('says who keeps a rule and names the option that switches an undocumented choice', () => {
    expect(keptInWords('engine refuses (freeWithFiltersStatus); checker: R21 against the overlying driver')).toBe(
      'The emulator refuses it (the adapter option freeWithFiltersStatus); the conformance checker flags R21 against the overlying driver',
    );
    expect(keptInWords('engine: INVALID_PARAMETER (code UNVERIFIED)')).toBe(
      'The emulator: INVALID_PARAMETER (code not documented)',
    );
    expect(keptInWords('engine: the profiles (src/engine/profiles.ts), with tests per profile')).toBe(
      'The emulator: the profiles, with tests per profile',
    );
    expect(ruleInWords('→ `NDIS_STATUS_NOT_SUPPORTED` (or INVALID_OID; UNVERIFIED which).')).toBe(
      '→ `NDIS_STATUS_NOT_SUPPORTED` (or INVALID_OID; which one is not documented).',
    );
  });
});
