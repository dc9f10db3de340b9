/** A docked panel's open state, from the page store (remembered across visits). */
import type { PanelKey } from './panels.ts';
import { usePageStore } from './PageProvider.tsx';
import type { Collapse } from '../ui/primitives.tsx';

export function usePanel(panel: PanelKey): Collapse {
  const open = usePageStore((s) => s.panels[panel]);
  const setPanelOpen = usePageStore((s) => s.setPanelOpen);
  return { open, onToggle: () => setPanelOpen(panel, !open) };
}
