/** The page: header with the scenario picker, the playback bar, the trace, and the adapter's queues and expectations. */
import { ControlBar } from './components/ControlBar.tsx';
import { ExpectationPanel } from './components/ExpectationPanel.tsx';
import { LoadProblem } from './components/LoadProblem.tsx';
import { QueuePanel } from './components/QueuePanel.tsx';
import { ScenarioPicker } from './components/ScenarioPicker.tsx';
import { TraceTable } from './components/TraceTable.tsx';
import { Button } from './components/ui.tsx';
import { useSimStore } from './SimProvider.tsx';

export function App() {
  const scenario = useSimStore((s) => s.scenario);
  const failure = useSimStore((s) => s.failure);
  const dismissFailure = useSimStore((s) => s.dismissFailure);
  return (
    <div className="flex min-h-screen flex-col bg-slate-50 text-slate-800 lg:h-screen">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-screen-2xl flex-wrap items-center justify-between gap-4 px-6 py-3">
          <div>
            <h1 className="text-lg font-semibold tracking-tight text-slate-900">VMQ Playground</h1>
            <p className="text-xs text-slate-500">The NDIS Virtual Machine Queue receive path, emulated step by step</p>
          </div>
          <ScenarioPicker />
        </div>
      </header>
      <main className="mx-auto flex w-full max-w-screen-2xl min-h-0 flex-1 flex-col gap-4 px-6 py-4">
        {failure && (
          <div role="alert" data-testid="failure" className="flex items-start justify-between gap-4 rounded-lg border border-rose-300 bg-rose-50 px-4 py-3 text-sm text-rose-900">
            <p><span className="font-semibold">The simulation reported a problem: </span>{failure}</p>
            <Button variant="quiet" onClick={dismissFailure}>Dismiss</Button>
          </div>
        )}
        <LoadProblem />
        {scenario && (
          <section data-testid="scenario-summary">
            <h2 className="text-base font-semibold text-slate-900" data-testid="scenario-title">{scenario.title}</h2>
            {scenario.description && <p className="mt-0.5 max-w-4xl text-sm text-slate-600">{scenario.description}</p>}
          </section>
        )}
        <ControlBar />
        <div className="grid min-h-0 flex-1 gap-4 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
          <div className="h-[32rem] min-h-0 lg:h-auto">
            <TraceTable />
          </div>
          <div className="flex min-h-0 flex-col gap-4 lg:overflow-y-auto">
            {/* Queues keep their full height; expectations take the rest and scroll inside. */}
            <QueuePanel />
            <ExpectationPanel />
          </div>
        </div>
      </main>
    </div>
  );
}
