/**
 * The page: header with the scenario picker and the page tools, the playback bar, the scenario's narration, the
 * timeline, the drawings of every side, then the event log and the adapter's queues, the OID console and traffic
 * generator, and the inspector with the conformance and expectation panels. Everything but the drawings and the
 * inspector follows the first side.
 */
import { VizStage } from './VizStage.tsx';
import { ConformancePanel } from './conformance/ConformancePanel.tsx';
import { ControlBar } from './shell/ControlBar.tsx';
import { ExpectationPanel } from './conformance/ExpectationPanel.tsx';
import { LoadProblem } from './shell/LoadProblem.tsx';
import { SampledNotice } from './shell/SampledNotice.tsx';
import { QueuePanel } from './queues/QueuePanel.tsx';
import { ScenarioPicker } from './shell/ScenarioPicker.tsx';
import { Banner } from './ui/primitives.tsx';
import { Inspector } from './inspector/Inspector.tsx';
import { DrivePanel } from './DrivePanel.tsx';
import { HeaderTools } from './shell/HeaderTools.tsx';
import { Narration } from './shell/Narration.tsx';
import { RecoveryBanner } from './shell/RecoveryBanner.tsx';
import { SavedSessionNotice, StartFresh } from './shell/SavedSession.tsx';
import { usePage, usePageStore } from './page/PageProvider.tsx';
import { SideProvider, useSideStore } from './side/SideProvider.tsx';
import { Timeline } from './timeline/Timeline.tsx';
import { ReferenceDialog } from './reference/ReferenceDialog.tsx';
import { UserText } from './ui/UserText.tsx';
import { lazyNamed, NearPart } from './ui/lazyPart.tsx';
import { useAfterFirstView } from './side/useAfterFirstView.ts';

// Below the first screen: it loads as it comes near (bench P4).
const EventLog = lazyNamed(() => import('./timeline/EventLog.tsx'), 'EventLog');

export function App() {
  const page = usePage();
  const first = page.side(usePageStore((s) => s.sides[0]?.id ?? ''));
  return first ? (
    <SideProvider value={first}>
      <Layout />
    </SideProvider>
  ) : null;
}

function Layout() {
  const scenario = useSideStore((s) => s.scenario);
  const failure = useSideStore((s) => s.failure);
  const dismissFailure = useSideStore((s) => s.dismissFailure);
  const afterFirstView = useAfterFirstView();
  return (
    <div className="flex min-h-screen flex-col bg-slate-50 text-slate-800">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-screen-2xl flex-wrap items-center justify-between gap-4 px-6 py-3">
          <div>
            <h1 className="text-lg font-semibold tracking-tight text-slate-900">VMQ Playground</h1>
            <p className="text-xs text-slate-500">The NDIS Virtual Machine Queue receive path, emulated step by step</p>
          </div>
          <div className="flex flex-wrap items-center gap-3">
            <ScenarioPicker />
            <StartFresh />
            <HeaderTools />
          </div>
        </div>
      </header>
      <main className="mx-auto flex w-full max-w-screen-2xl min-h-0 flex-1 flex-col gap-4 px-6 py-4">
        {failure && (
          <Banner role="alert" data-testid="failure" tone="error" onDismiss={dismissFailure}>
            <p>
              <span className="font-semibold">The simulation reported a problem: </span>
              {failure}
            </p>
          </Banner>
        )}
        <RecoveryBanner />
        <SavedSessionNotice />
        <LoadProblem />
        {scenario && (
          <section data-testid="scenario-summary">
            <h2 className="text-base font-semibold text-slate-900" data-testid="scenario-title">
              <UserText text={scenario.title} />
            </h2>
            {scenario.description && (
              <p className="mt-0.5 max-w-4xl text-sm text-slate-600">
                <UserText text={scenario.description} layout="prose" />
              </p>
            )}
          </section>
        )}
        <ControlBar />
        <SampledNotice />
        <Narration />
        <Timeline />
        <VizStage />
        <div className="grid gap-4 lg:grid-cols-2 2xl:grid-cols-[minmax(0,5fr)_minmax(0,4fr)_minmax(0,4fr)]">
          <div className="flex min-w-0 flex-col gap-4">
            <QueuePanel />
            <NearPart what="the event log" armed={afterFirstView} className="h-[36rem]">
              <EventLog className="h-[36rem]" />
            </NearPart>
          </div>
          <DrivePanel className="h-[52rem] min-w-0" />
          <div className="flex min-w-0 flex-col gap-4 lg:col-span-2 2xl:col-span-1">
            <Inspector className="h-[34rem]" />
            <ConformancePanel className="max-h-[24rem]" />
            <ExpectationPanel />
          </div>
        </div>
      </main>
      <ReferenceDialog />
    </div>
  );
}
