/** A rule of §12 in full: its text, which side it binds, where the reference explains it, and how the playground keeps it. */
import { Fragment } from 'react';
import { CitedText, RefLink } from '../reference/RefLink.tsx';
import { REFERENCE_SECTIONS, ruleById } from './conformanceRules.ts';
import { keptInWords, ruleInWords } from './ruleWords.ts';

const SIDE: Record<string, string> = {
  E: 'NDIS (the emulator)',
  M: 'the miniport',
  O: 'the overlying driver',
  'E/M': 'NDIS and the miniport',
  'E/O': 'NDIS and the overlying driver',
};

export function RuleExplanation({ rule }: { rule: string }) {
  const found = ruleById(rule);
  if (!found) return <p className="text-sm text-slate-500">{rule} is not one of the reference’s rules R1–R47.</p>;
  return (
    <div
      className="space-y-1.5 rounded-md bg-slate-50 px-3 py-2 text-sm ring-1 ring-inset ring-slate-200"
      data-testid="rule-explanation"
    >
      <p className="text-slate-800">
        <span className="mr-1.5 font-mono font-semibold">
          <RefLink target={found.id} />
        </span>
        <CitedText text={ruleInWords(found.text)} />
      </p>
      <p className="text-xs text-slate-600">
        Binds {SIDE[found.side]}. Reference{' '}
        {found.sections.map((section, i) => (
          <Fragment key={section}>
            {i > 0 && ', '}
            <span className="whitespace-nowrap">
              <RefLink target={section} /> <span className="text-slate-500">{REFERENCE_SECTIONS[section]}</span>
            </span>
          </Fragment>
        ))}
        {', '}and <RefLink target="12" />.
      </p>
      <p className="text-xs text-slate-500">
        How the playground keeps it: <CitedText text={keptInWords(found.kept)} />
      </p>
    </div>
  );
}
