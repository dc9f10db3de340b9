/**
 * The "Faults & lifecycle" tab of the Drive panel: what NDIS does to the adapter (MiniportPause … MiniportHaltEx,
 * NdisCloseAdapterEx), the NBLs the overlying driver gives back, and the faults a design review wants to see handled
 * (docs/scenario-format.md, the `fault` step). Each control sends one user action, as the OID console does: playback
 * pauses, the scenario's remaining steps detach, Step back undoes it, and Save as scenario writes it as its step.
 */
import { useSideStore } from '../side/SideProvider.tsx';
import { Section } from '../ui/sections.tsx';
import { FaultTriggers } from './FaultTriggers.tsx';
import { BindingControls, LifecycleControls } from './LifecycleControls.tsx';
import { NblControls } from './NblControls.tsx';
import { OidFaults } from './OidFaults.tsx';

export function FaultsPanel() {
  const view = useSideStore((s) => s.view);
  if (!view) return <p className="px-4 py-6 text-sm text-slate-500">The controls open once a scenario is loaded.</p>;
  return (
    <div className="flex min-h-0 flex-1 flex-col overflow-y-auto" data-testid="faults">
      <Section
        title="Adapter lifecycle"
        aside={
          <span data-testid="faults-adapter-state">
            adapter <span className="font-mono text-slate-800">{view.state}</span>
          </span>
        }
      >
        <LifecycleControls state={view.state} />
      </Section>
      <Section title="Bindings">
        <BindingControls view={view} />
      </Section>
      <Section title="NBLs the overlying driver holds">
        <NblControls queues={view.queues} />
      </Section>
      <Section title="OID requests that reach the miniport">
        <OidFaults />
      </Section>
      <Section title="Faults">
        <FaultTriggers queues={view.queues} />
      </Section>
    </div>
  );
}
