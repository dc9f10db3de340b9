/** Driving the adapter by hand: the OID console and the traffic generator, as two tabs of one panel. Their code
 * loads once the first view is on screen (side/useAfterFirstView.ts). */
import { Suspense, useState, type ReactNode } from 'react';
import { Panel } from './ui/primitives.tsx';
import { useSideStore } from './side/SideProvider.tsx';
import { useAfterFirstView } from './side/useAfterFirstView.ts';
import { lazyNamed, PartLoading } from './ui/lazyPart.tsx';
import { Tabs } from './ui/Tabs.tsx';

const OidConsole = lazyNamed(() => import('./console/OidConsole.tsx'), 'OidConsole');
const TrafficPanel = lazyNamed(() => import('./traffic/TrafficPanel.tsx'), 'TrafficPanel');

type DriveTab = 'console' | 'traffic';

export function DrivePanel({ className = '' }: { className?: string }) {
  const [tab, setTab] = useState<DriveTab>('console');
  // A new scenario brings new VMs: the traffic form starts over from them.
  const sessionId = useSideStore((s) => s.sessionId);
  const load = useAfterFirstView();
  const part = (what: string, panel: ReactNode) => {
    const loading = <PartLoading what={what} />;
    return load ? <Suspense fallback={loading}>{panel}</Suspense> : loading;
  };
  return (
    <Panel
      title="Drive the adapter"
      aside="as the overlying driver (vmswitch)"
      className={className}
      data-testid="drive"
    >
      <Tabs
        label="Drive the adapter"
        active={tab}
        onChange={setTab}
        className="min-h-0 flex-1"
        tabs={[
          { key: 'console', label: 'OID console', panel: part('the OID console', <OidConsole />) },
          {
            key: 'traffic',
            label: 'Traffic',
            panel: part('the traffic generator', <TrafficPanel key={sessionId ?? 0} />),
          },
        ]}
      />
    </Panel>
  );
}
