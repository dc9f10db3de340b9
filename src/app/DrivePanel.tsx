/** Driving the adapter by hand: the OID console and the traffic generator, as two tabs of one panel. */
import { useState } from 'react';
import { OidConsole } from './console/OidConsole.tsx';
import { Panel } from './ui/primitives.tsx';
import { useSideStore } from './side/SideProvider.tsx';
import { TrafficPanel } from './traffic/TrafficPanel.tsx';
import { Tabs } from './ui/Tabs.tsx';

type DriveTab = 'console' | 'traffic';

export function DrivePanel({ className = '' }: { className?: string }) {
  const [tab, setTab] = useState<DriveTab>('console');
  // A new scenario brings new VMs: the traffic form starts over from them.
  const sessionId = useSideStore((s) => s.sessionId);
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
          { key: 'console', label: 'OID console', panel: <OidConsole /> },
          { key: 'traffic', label: 'Traffic', panel: <TrafficPanel key={sessionId ?? 0} /> },
        ]}
      />
    </Panel>
  );
}
