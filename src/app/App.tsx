/**
 * The page: header with the scenario picker and the page tools, the playback bar, the scenario's narration, the
 * timeline as a strip, the drawings of every side with the inspector beside them (the first screen), then the dock:
 * the adapter's queues and the event log, the OID console and traffic generator, the conformance and expectation
 * panels, each collapsible. Everything but the drawings and the inspector follows the first side.
 */
import { VizStage } from './VizStage.tsx';
import { ConformancePanel } from './conformance/ConformancePanel.tsx';
import { ControlBar } from './shell/ControlBar.tsx';
import { ExpectationPanel } from './conformance/ExpectationPanel.tsx';
import { LoadProblem } from './shell/LoadProblem.tsx';
import { SampledNotice } from './shell/SampledNotice.tsx';
import { QueuePanel } from './queues/QueuePanel.tsx';
import { ChartsPanel } from './charts/ChartsPanel.tsx';
import { DetachedNotice, SaveAsScenarioButton, SaveNotice } from './shell/Sandbox.tsx';
import { ScenarioPicker } from './shell/ScenarioPicker.tsx';
import { HostImportButton } from './hostimport/HostImportButton.tsx';
import { SeedControl } from './shell/SeedControl.tsx';
import { ScenarioFileTools } from './files/ScenarioFileTools.tsx';
import { FileNotice } from './files/FileNotice.tsx';
import { DropZone } from './files/DropZone.tsx';
import { Banner, Button } from './ui/primitives.tsx';
import { Inspector } from './inspector/Inspector.tsx';
import { DrivePanel } from './DrivePanel.tsx';
import { HeaderTools } from './shell/HeaderTools.tsx';
import { Narration } from './shell/Narration.tsx';
import { Announcer } from './announce/Announcer.tsx';
import { RecoveryBanner } from './shell/RecoveryBanner.tsx';
import { SavedSessionNotice, StartFresh } from './shell/SavedSession.tsx';
import { useLessons, usePage, usePageStore, useSelection } from './page/PageProvider.tsx';
import { LessonsButton } from './lessons/LessonsButton.tsx';
import { SideProvider, useSideStore } from './side/SideProvider.tsx';
import { Timeline } from './timeline/Timeline.tsx';
import { ReferenceDialog } from './reference/ReferenceDialog.tsx';
import { UserText } from './ui/UserText.tsx';
import { lazyNamed, NearPart, PartLoading } from './ui/lazyPart.tsx';
import { Suspense, useLayoutEffect, useState } from 'react';
import { useStore } from 'zustand';
import { useAfterFirstView } from './side/useAfterFirstView.ts';

// Below the first screen: it loads as it comes near (bench P4).
const EventLog = lazyNamed(() => import('./timeline/EventLog.tsx'), 'EventLog');
const SequencePanel = lazyNamed(() => import('./sequence/SequencePanel.tsx'), 'SequencePanel');
// Only while a lesson is open.
const LessonPanel = lazyNamed(() => import('./lessons/LessonPanel.tsx'), 'LessonPanel');
// Only in present mode, and only in an embed.
const PresentOverlay = lazyNamed(() => import('./shell/PresentMode.tsx'), 'PresentOverlay');
const EmbedPlayer = lazyNamed(() => import('./EmbedPlayer.tsx'), 'EmbedPlayer');

export function App() {
  const page = usePage();
  const first = page.side(usePageStore((s) => s.sides[0]?.id ?? ''));
  const mode = useStore(page.presentation, (s) => s.presentation.mode);
  // The stylesheets read it: present mode's large type and focus (shell/present.css), the player's full frame.
  useLayoutEffect(() => {
    document.documentElement.dataset['show'] = mode;
  }, [mode]);
  if (!first) return null;
  return (
    <SideProvider value={first}>
      {mode === 'embed' ? (
        <Suspense fallback={<PartLoading what="the player" />}>
          <EmbedPlayer />
        </Suspense>
      ) : (
        <Layout presenting={mode === 'present'} />
      )}
    </SideProvider>
  );
}

/** The page; `presenting` (present mode) gives the drawings the screen: the header keeps only its tools, the
 * narration becomes a caption bar, and the dock below the drawings is left out. */
function Layout({ presenting }: { presenting: boolean }) {
  const failure = useSideStore((s) => s.failure);
  const dismissFailure = useSideStore((s) => s.dismissFailure);
  const afterFirstView = useAfterFirstView();
  return (
    <div className="flex min-h-screen flex-col bg-slate-50 text-slate-800">
      <header className="border-b border-slate-200 bg-white">
        <div className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2 px-6 py-2">
          <div className="flex items-center gap-3">
            <h1 className="text-lg font-semibold tracking-tight text-slate-900">VMQ Playground</h1>
            {!presenting && (
              <>
                <p className="hidden text-xs text-slate-500 2xl:block">
                  The NDIS Virtual Machine Queue receive path, emulated step by step
                </p>
                <LessonsButton />
                <HostImportButton />
              </>
            )}
          </div>
          <div className="flex flex-wrap items-center gap-3">
            {!presenting && (
              <>
                <ScenarioPicker />
                <StartFresh />
              </>
            )}
            <HeaderTools />
          </div>
        </div>
      </header>
      <div className="flex min-h-0 flex-1 items-start">
        <main className={`flex min-w-0 min-h-0 flex-1 flex-col gap-3 px-6 py-3 ${presenting ? 'pb-48' : ''}`}>
          {failure && (
            <Banner role="alert" data-testid="failure" tone="error" onDismiss={dismissFailure}>
              <p>
                <span className="font-semibold">The simulation reported a problem: </span>
                {failure}
              </p>
            </Banner>
          )}
          <Announcer />
          <RecoveryBanner />
          <SavedSessionNotice />
          <SaveNotice />
          <FileNotice />
          <LoadProblem />
          <ScenarioSummary presenting={presenting} />
          <ControlBar />
          <DetachedNotice />
          <SampledNotice />
          {!presenting && <Narration />}
          <Timeline />
          {/* The drawings are the first screen; the inspector opens beside them on a selection and stays in view. */}
          <div className="flex items-start gap-4">
            <div className="min-w-0 flex-1">
              <VizStage />
            </div>
            <InspectorDrawer />
          </div>
          {!presenting && (
            <div
              className="grid items-start gap-4 lg:grid-cols-2 2xl:grid-cols-[minmax(0,5fr)_minmax(0,4fr)_minmax(0,4fr)]"
              data-testid="dock"
            >
              <div className="flex min-w-0 flex-col gap-4">
                <QueuePanel />
                <NearPart what="the event log" armed={afterFirstView} className="h-[36rem]">
                  <EventLog className="h-[36rem]" />
                </NearPart>
              </div>
              <DrivePanel className="h-[52rem] min-w-0" />
              <div className="flex min-w-0 flex-col gap-4 lg:col-span-2 2xl:col-span-1">
                <ConformancePanel className="max-h-[24rem]" />
                <ExpectationPanel />
              </div>
            </div>
          )}
          {!presenting && (
            <>
              <NearPart what="the sequence diagram" armed={afterFirstView} className="h-12">
                <SequencePanel />
              </NearPart>
              <ChartsPanel />
            </>
          )}
        </main>
        <LessonDock />
      </div>
      <ReferenceDialog />
      {presenting && (
        <Suspense fallback={null}>
          <PresentOverlay />
        </Suspense>
      )}
      <DropZone />
    </div>
  );
}

/** The scenario's title and, on one line until the reader asks for more, what it shows; beside it the run's seed and
 * the file tools, which a presenter's audience does not need. */
function ScenarioSummary({ presenting }: { presenting: boolean }) {
  const scenario = useSideStore((s) => s.scenario);
  const [more, setMore] = useState(false);
  if (!scenario) return null;
  return (
    // Narrow (a phone, 200 % zoom) the tools wrap below the description instead of widening the page (WCAG 1.4.10).
    <section data-testid="scenario-summary" className="flex items-baseline gap-x-3 gap-y-2 max-lg:flex-wrap">
      <h2 className="shrink-0 text-base font-semibold text-slate-900" data-testid="scenario-title">
        <UserText text={scenario.title} />
      </h2>
      {scenario.description && (
        <>
          <p className={`min-w-0 text-sm text-slate-600 ${more ? '' : 'truncate'}`} data-testid="scenario-description">
            <UserText text={scenario.description} layout="prose" />
          </p>
          <Button
            variant="quiet"
            className="h-6 shrink-0 px-2 text-xs"
            aria-expanded={more}
            onClick={() => setMore(!more)}
          >
            {more ? 'Less' : 'More'}
          </Button>
        </>
      )}
      {!presenting && (
        <div className="ml-auto flex flex-wrap items-center gap-3 lg:shrink-0">
          <SeedControl />
          <ScenarioFileTools />
          <SaveAsScenarioButton />
        </div>
      )}
    </section>
  );
}

/** The lesson on screen, docked at the right of everything else: it stays in view (sticky) while the student scrolls
 * down to the OID console and back up to the drawings, which keep the rest of the width. */
function LessonDock() {
  const open = usePageStore((s) => s.loaded?.lesson !== undefined);
  const teacher = useLessons((s) => s.teacher);
  if (!open) return null;
  return (
    <aside
      className={`sticky top-0 h-dvh shrink-0 border-l border-slate-200 ${teacher ? 'w-[22rem] 2xl:w-[40rem]' : 'w-[22rem] 2xl:w-[26rem]'}`}
      data-testid="lesson-dock"
    >
      <Suspense fallback={<PartLoading what="the lesson" />}>
        <LessonPanel />
      </Suspense>
    </aside>
  );
}

/** The inspector as a drawer beside the drawings: there while something is selected, gone (and the drawings wide)
 * when nothing is. It sticks to the top of the window, so a click on a queue never changes something off-screen. */
function InspectorDrawer() {
  const selected = useSelection((s) => s.selected !== null);
  if (!selected) return null;
  return (
    <aside
      className="sticky top-3 flex max-h-[calc(100vh-1.5rem)] w-80 shrink-0 flex-col 2xl:w-[28rem]"
      aria-label="Inspector"
      data-testid="inspector-drawer"
    >
      <Inspector className="min-h-0 flex-1" />
    </aside>
  );
}
