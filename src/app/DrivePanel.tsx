/** Driving the adapter by hand: the OID console, the traffic generator, and the adapter's lifecycle with the faults
 * to inject, as three tabs of one panel. Their code loads when the panel comes near the viewport or the reader
 * reaches its tabs, not with the first view (bench P4). */
import { Suspense, useState, type ReactNode } from 'react';
import { usePanel } from './page/usePanel.ts';
import { Panel } from './ui/primitives.tsx';
import { useSideStore } from './side/SideProvider.tsx';
import { lazyNamed, PartLoading } from './ui/lazyPart.tsx';
import { Tabs } from './ui/Tabs.tsx';
import { useAfterFirstView } from './side/useAfterFirstView.ts';
import { useNearViewport } from './ui/useNearViewport.ts';
import { Term } from './glossary/Term.tsx';
import { usePageStore } from './page/PageProvider.tsx';
import { toolAllowed } from './page/lessons.ts';

const OidConsole = lazyNamed(() => import('./console/OidConsole.tsx'), 'OidConsole');
const TrafficPanel = lazyNamed(() => import('./traffic/TrafficPanel.tsx'), 'TrafficPanel');
const FaultsPanel = lazyNamed(() => import('./faults/FaultsPanel.tsx'), 'FaultsPanel');
// Only in a lesson that leaves a tool out.
const ToolOff = lazyNamed(() => import('./lessons/ToolOff.tsx'), 'ToolOff');

type DriveTab = 'console' | 'traffic' | 'faults';

export function DrivePanel({ className = '' }: { className?: string }) {
  const [tab, setTab] = useState<DriveTab>('console');
  // A new scenario brings new VMs: the traffic form starts over from them.
  const sessionId = useSideStore((s) => s.sessionId);
  const [near, load, reveal] = useNearViewport<HTMLElement>(useAfterFirstView());
  const part = (what: string, panel: ReactNode) => {
    const loading = <PartLoading what={what} />;
    return load ? <Suspense fallback={loading}>{panel}</Suspense> : loading;
  };
  const collapse = usePanel('drive');
  const allowed = {
    console: usePageStore((s) => toolAllowed(s.loaded, 'console')),
    traffic: usePageStore((s) => toolAllowed(s.loaded, 'traffic')),
  };
  return (
    <Panel
      title="Drive the adapter"
      collapse={collapse}
      aside={
        <>
          as the <Term id="overlying-driver">overlying driver</Term> (<Term id="vsp">vmswitch</Term>)
        </>
      }
      className={className}
      data-testid="drive"
      ref={near}
      onFocus={reveal}
    >
      <Tabs
        label="Drive the adapter"
        // A lesson opened while the faults tab was shown may leave it out.
        active={tab === 'faults' && !allowed.console ? 'console' : tab}
        onChange={setTab}
        className="min-h-0 flex-1"
        tabs={[
          {
            key: 'console',
            label: 'OID console',
            panel: allowed.console
              ? part('the OID console', <OidConsole />)
              : part('a note', <ToolOff tool="console" />),
          },
          {
            key: 'traffic',
            label: 'Traffic',
            panel: allowed.traffic
              ? part('the traffic generator', <TrafficPanel key={sessionId ?? 0} />)
              : part('a note', <ToolOff tool="traffic" />),
          },
          // Lifecycle calls and faults go further than the console's requests: a lesson that leaves out the console
          // leaves them out too, and since no lesson tool names them, the tab is not there at all.
          ...(allowed.console
            ? [
                {
                  key: 'faults' as const,
                  label: 'Faults & lifecycle',
                  panel: part('the fault controls', <FaultsPanel />),
                },
              ]
            : []),
        ]}
      />
    </Panel>
  );
}
