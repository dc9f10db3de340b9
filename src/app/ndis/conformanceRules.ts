/**
 * The 47 rules of §12 of the reference (docs/ndis-reference.md), verbatim, with the sections they come from
 * and how the playground keeps each one (docs/conformance.md). The conformance panel shows a rule-violated event
 * next to this text, so a reader sees the rule, not only the checker's one-line finding.
 * The table itself is ruleTable.generated.ts, written from those two documents by `npm run gen:rules`.
 */
import { CONFORMANCE_RULES } from './ruleTable.generated.ts';

export { CONFORMANCE_RULES, REFERENCE_SECTIONS } from './ruleTable.generated.ts';

/** E = the emulator / NDIS side, M = the miniport, O = the overlying driver (§12). */
export type RuleSide = 'E' | 'M' | 'O' | 'E/M' | 'E/O';

export interface ConformanceRule {
  /** "R21". */
  id: string;
  side: RuleSide;
  /** The rule as §12 states it. */
  text: string;
  /** Where the reference explains it: ["3.9", "5.4"]. */
  sections: string[];
  /** How the playground keeps it (engine, checker, or not modelled), from docs/conformance.md. */
  kept: string;
}

const BY_ID = new Map(CONFORMANCE_RULES.map((rule) => [rule.id, rule]));

/** The rule a rule-violated event names ("R21"), or undefined for an id outside R1–R47. */
export const ruleById = (id: string): ConformanceRule | undefined => BY_ID.get(id);
