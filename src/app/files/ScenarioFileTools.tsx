/**
 * The current scenario as a file: "Edit" opens the scenario editor (loaded on first use, never with the first view),
 * "Download" saves the scenario as the page runs it, "Trace" exports the run's trace as vmq run --json prints it, and
 * "pcapng" its frames as vmq run --pcapng writes them.
 * "Save as scenario" (shell/Sandbox.tsx) stays the way to keep the user's own actions.
 */
import { Suspense, useState } from 'react';
import { toolAllowed } from '../page/lessons.ts';
import { usePageStore } from '../page/PageProvider.tsx';
import type { LoadedScenario } from '../page/pageStore.ts';
import { useSide, useSideStore } from '../side/SideProvider.tsx';
import { lazyNamed } from '../ui/lazyPart.tsx';
import { Button } from '../ui/primitives.tsx';
import { useFileNotice } from './fileNotice.ts';

const ScenarioEditor = lazyNamed(() => import('./ScenarioEditor.tsx'), 'ScenarioEditor');
const actions = () => import('./fileActions.ts');

const toolClass = 'h-6 shrink-0 px-2 text-xs';

export function ScenarioFileTools() {
  const side = useSide();
  const loaded = usePageStore((s) => s.loaded);
  const editable = usePageStore((s) => toolAllowed(s.loaded, 'editor'));
  const title = useSideStore((s) => s.scenario?.title ?? '');
  const userChanges = useSideStore((s) => s.stats?.userChanges ?? 0);
  const show = useFileNotice((s) => s.show);
  const [editing, setEditing] = useState(false);
  // Edits not applied, kept across Cancel for as long as the same scenario runs.
  const [draft, setDraft] = useState<{ of: LoadedScenario; text: string } | null>(null);
  const [exporting, setExporting] = useState(false);
  if (!loaded) return null;

  const exportRun = async (as: 'exportTrace' | 'exportPcapng') => {
    setExporting(true);
    try {
      show(await (await actions())[as](side.client, { source: loaded.source, title, userChanges }));
    } finally {
      setExporting(false);
    }
  };

  return (
    <>
      <Button
        variant="quiet"
        className={toolClass}
        data-testid="edit-scenario"
        disabled={!editable}
        aria-expanded={editing}
        title={editable ? 'Edit this scenario as JSON and run it again' : 'This lesson is done without the editor'}
        onClick={() => setEditing(true)}
      >
        Edit
      </Button>
      <Button
        variant="quiet"
        className={toolClass}
        data-testid="download-scenario"
        title="Download the scenario as it runs here"
        onClick={() => void actions().then((files) => files.downloadScenario(loaded, title))}
      >
        Download
      </Button>
      <Button
        variant="quiet"
        className={toolClass}
        data-testid="export-trace"
        disabled={exporting}
        title="Download the whole run's trace as NDJSON, the format of vmq run --json"
        onClick={() => void exportRun('exportTrace')}
      >
        Trace NDJSON
      </Button>
      <Button
        variant="quiet"
        className={toolClass}
        data-testid="export-pcapng"
        disabled={exporting}
        title="Download the run's frames as pcapng for Wireshark: each packet's comment names its QueueId, FilterId, VM, CPU and whether it was indicated or dropped"
        onClick={() => void exportRun('exportPcapng')}
      >
        pcapng
      </Button>
      {editing && (
        <Suspense
          fallback={
            <div className="fixed inset-y-0 right-0 z-40 w-[min(38rem,100vw)] border-l border-slate-200 bg-white p-6 text-sm text-slate-500 shadow-xl">
              Loading the editor…
            </div>
          }
        >
          <ScenarioEditor
            loaded={loaded}
            draft={draft?.of === loaded ? draft.text : null}
            onClose={(text) => {
              setDraft(text === null ? null : { of: loaded, text });
              setEditing(false);
            }}
          />
        </Suspense>
      )}
    </>
  );
}
