/**
 * The inspector: whatever is selected (an event, a queue, a filter, a frame or an indication), in NDIS terms, read
 * from the side the selection names; with several sides on screen it says which. An event shows itself, then the
 * thing it is about.
 */
import { Suspense } from 'react';
import { Button, Panel } from '../ui/primitives.tsx';
import { usePage, usePageStore, useSelection } from '../page/PageProvider.tsx';
import { SideProvider } from '../side/SideProvider.tsx';
import { lazyNamed, PartLoading } from '../ui/lazyPart.tsx';
import { Muted } from '../ui/sections.tsx';

// The details load with the first selection: the first view selects nothing.
const Inspected = lazyNamed(() => import('./Inspected.tsx'), 'Inspected');

export function Inspector({ className = '' }: { className?: string }) {
  const page = usePage();
  const selected = useSelection((s) => s.selected);
  const named = usePageStore((s) => (s.sides.length > 1 ? s.sides.find((d) => d.id === selected?.side) : undefined));
  const side = selected ? page.side(selected.side) : undefined;
  return (
    <Panel
      title="Inspector"
      aside={
        selected && (
          <span className="flex items-baseline gap-2">
            {named && <span data-testid="inspector-side">{named.label}</span>}
            <Button
              variant="quiet"
              className="h-6 px-2 text-xs"
              onClick={() => page.selection.getState().clear()}
              data-testid="inspector-clear"
            >
              Clear (Esc)
            </Button>
          </span>
        )
      }
      className={className}
      data-testid="inspector"
      data-side={side?.id}
    >
      <div className="min-h-0 flex-1 overflow-y-auto">
        {selected && side ? (
          <SideProvider value={side}>
            <Suspense fallback={<PartLoading what="the details" />}>
              <Inspected selection={selected} />
            </Suspense>
          </SideProvider>
        ) : (
          <div className="px-4 py-6">
            <Muted>
              Select an event in the log or on the timeline, or a queue in the diagram, to see it here in NDIS terms.
            </Muted>
          </div>
        )}
      </div>
    </Panel>
  );
}
