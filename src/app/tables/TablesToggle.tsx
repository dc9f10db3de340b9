/** "Tables" (or V): every drawing shows its text alternative instead, the same facts as tables, or back. */
import { usePage, usePageStore } from '../page/PageProvider.tsx';
import { Button } from '../ui/primitives.tsx';
import { usePageKey } from '../ui/usePageKey.ts';

export function TablesToggle() {
  const page = usePage();
  const on = usePageStore((s) => s.tables);
  const toggle = () => page.store.getState().toggleTables();
  usePageKey(['v'], toggle);
  return (
    <Button
      variant="quiet"
      onClick={toggle}
      aria-pressed={on}
      aria-keyshortcuts="V"
      data-testid="tables-toggle"
      className="aria-pressed:bg-sky-50 aria-pressed:text-sky-900 aria-pressed:ring-1 aria-pressed:ring-sky-300 aria-pressed:ring-inset"
      title="Show the diagram and the memory map as tables: the same facts, kept in sync (V)"
    >
      Tables
    </Button>
  );
}
