/** Says clearly why a scenario was not loaded, and that the running one is still there. */
import { useSideStore } from '../side/SideProvider.tsx';
import { Button } from '../ui/primitives.tsx';
import { UserText } from '../ui/UserText.tsx';
import { visibleControls } from '../ui/plainText.ts';
import type { ScenarioError } from '../../scenario/errors.ts';

/** Where a refused scenario went wrong (line and column for JSON syntax, else its path) and what is wrong there,
 * with any bidi control in the message shown rather than obeyed. */
export function loadErrorParts(error: ScenarioError): { where: string | undefined; message: string } {
  const where = error.line !== undefined ? `line ${error.line}, column ${error.column}` : error.path || undefined;
  return { where, message: visibleControls(error.message) };
}

export function LoadProblem() {
  const problem = useSideStore((s) => s.loadProblem);
  const current = useSideStore((s) => s.scenario?.title ?? null);
  const dismiss = useSideStore((s) => s.dismissLoadProblem);
  if (!problem) return null;
  return (
    <div
      role="alert"
      data-testid="load-problem"
      className="rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950"
    >
      <div className="flex items-start justify-between gap-4">
        <div className="min-w-0">
          <p className="font-semibold">
            Could not load “<UserText text={problem.source} />”
          </p>
          <p className="mt-0.5 text-amber-900">
            {current ? (
              <>
                Nothing was changed: “<UserText text={current} />” is still loaded.
              </>
            ) : (
              'No scenario is loaded.'
            )}
          </p>
        </div>
        <Button variant="quiet" onClick={dismiss} aria-label="Dismiss">
          Dismiss
        </Button>
      </div>
      <ul className="mt-2 space-y-0.5 font-mono text-xs [overflow-wrap:anywhere]" data-testid="load-problem-errors">
        {problem.errors.map((error, i) => {
          const { where, message } = loadErrorParts(error);
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: one parse's errors, replaced as a whole; two may share line and message.
            <li key={i}>
              {where && <span className="text-amber-700">{where}: </span>}
              {message}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
