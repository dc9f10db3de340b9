/**
 * The user's own session on top of a scenario: the notice that their action detached the scenario's remaining
 * steps (keep them or let them go), and "Save as scenario", which downloads what they did as a scenario file.
 */
import { useState } from 'react';
import { create } from 'zustand';
import type { ScenarioWrittenMessage } from '../../protocol/messages.ts';
import { usePage } from '../page/PageProvider.tsx';
import { useSide, useSideStore } from '../side/SideProvider.tsx';
import { downloadText } from '../ui/download.ts';
import { savedFileName } from '../ui/fileNames.ts';
import { plural } from '../ui/format.ts';
import { Banner, Button } from '../ui/primitives.tsx';

export function DetachedNotice() {
  const page = usePage();
  const { id } = useSide();
  const detached = useSideStore((s) => s.stats?.detachedSteps ?? 0);
  const sessionId = useSideStore((s) => s.sessionId);
  // Discarding only hides the notice; the steps stay unrun. A later detach (after Keep) asks again.
  const [discarded, setDiscarded] = useState<{ sessionId: number | null; steps: number } | null>(null);
  if (detached === 0 || (discarded?.sessionId === sessionId && discarded.steps === detached)) return null;
  // Pinned to the window: the request that detached the scenario was sent from the console, far below the top.
  return (
    <div className="fixed bottom-4 left-1/2 z-30 w-[min(44rem,calc(100%-2rem))] -translate-x-1/2 rounded-lg shadow-lg">
      <Banner role="status" tone="info" data-testid="detached-notice">
        <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
          <p>
            <span className="font-semibold">The scenario is detached.</span> You changed the adapter yourself, so its
            remaining {plural(detached, 'step')} will not run: they would run on top of what you did.
          </p>
          <div className="flex gap-2">
            <Button
              data-testid="detached-keep"
              title="Run the remaining steps on top of what you did"
              onClick={() => page.drive.act((client) => client.keepScenarioSteps(), id)}
            >
              Keep them
            </Button>
            <Button
              variant="quiet"
              data-testid="detached-discard"
              title="Go on without them: the adapter is yours"
              onClick={() => setDiscarded({ sessionId, steps: detached })}
            >
              Discard them
            </Button>
          </div>
        </div>
      </Banner>
    </div>
  );
}

type Saved = { ok: true; file: string; written: ScenarioWrittenMessage } | { ok: false; error: string };

/** The last save, for the notice above the drawings (the button sits in the scenario's title line). */
const useLastSave = create<{ saved: Saved | null; show(saved: Saved | null): void }>()((set) => ({
  saved: null,
  show: (saved) => set({ saved }),
}));

export function SaveAsScenarioButton() {
  const side = useSide();
  const title = useSideStore((s) => s.scenario?.title ?? '');
  const [busy, setBusy] = useState(false);
  const show = useLastSave((s) => s.show);
  const save = async () => {
    setBusy(true);
    try {
      const written = await side.client.saveScenario();
      const file = savedFileName(title);
      downloadText(file, 'application/json', written.text);
      show({ ok: true, file, written });
    } catch (error) {
      show({ ok: false, error: error instanceof Error ? error.message : String(error) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button
      variant="quiet"
      className="h-6 shrink-0 px-2 text-xs"
      data-testid="save-as-scenario"
      disabled={busy || !title}
      title="Download what happened so far (the scenario's steps and your requests, traffic and returns) as a scenario file"
      onClick={() => void save()}
    >
      Save as scenario
    </Button>
  );
}

/** What the last save wrote, and what `vmq run` would refuse in it. */
export function SaveNotice() {
  const { saved, show } = useLastSave();
  if (!saved) return null;
  if (!saved.ok)
    return (
      <Banner role="alert" tone="error" data-testid="save-notice" onDismiss={() => show(null)}>
        <p>The session could not be saved: {saved.error}</p>
      </Banner>
    );
  const { file, written } = saved;
  const problems = written.problems;
  return (
    <Banner
      role="status"
      tone={problems.length ? 'warning' : 'neutral'}
      data-testid="save-notice"
      onDismiss={() => show(null)}
    >
      <p>
        Saved <span className="font-mono">{file}</span>: {plural(written.steps, 'step')}, ending with a check of the
        adapter as it is now. Open it with "Open file…", or run it with{' '}
        <span className="font-mono">vmq run {file}</span>.
      </p>
      {problems.length > 0 && (
        <>
          <p className="mt-2 font-semibold">vmq run will refuse it until you fix:</p>
          <ul className="mt-1 list-disc pl-5" data-testid="save-problems">
            {problems.slice(0, 5).map((problem) => (
              <li key={`${problem.path}:${problem.message}`}>
                <span className="font-mono">{problem.path}</span>: {problem.message}
              </li>
            ))}
            {problems.length > 5 && <li>and {plural(problems.length - 5, 'more problem')}</li>}
          </ul>
        </>
      )}
    </Banner>
  );
}
