/**
 * Tabs with the WAI-ARIA tabs pattern: a tablist of buttons, ←/→/Home/End move between them, and every panel
 * stays mounted (hidden) so a tab keeps its drafts and its watchers while another one is shown.
 */
import { useId, useRef, type KeyboardEvent, type ReactNode } from 'react';

export interface TabDef<K extends string> {
  key: K;
  label: ReactNode;
  panel: ReactNode;
}

export function Tabs<K extends string>({
  tabs,
  active,
  onChange,
  label,
  className = '',
}: {
  tabs: readonly TabDef<K>[];
  active: K;
  onChange: (key: K) => void;
  /** Names the tab list for screen readers. */
  label: string;
  className?: string;
}) {
  const id = useId();
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  const onKeyDown = (event: KeyboardEvent, index: number) => {
    const last = tabs.length - 1;
    const target = {
      ArrowRight: index === last ? 0 : index + 1,
      ArrowLeft: index === 0 ? last : index - 1,
      Home: 0,
      End: last,
    }[event.key];
    if (target === undefined) return;
    event.preventDefault();
    event.stopPropagation(); // ← and → are also the step shortcuts
    const tab = tabs[target];
    if (!tab) return;
    onChange(tab.key);
    buttons.current[target]?.focus();
  };
  return (
    <div className={`flex min-h-0 flex-col ${className}`}>
      <div role="tablist" aria-label={label} className="flex shrink-0 gap-1 border-b border-slate-100 px-3">
        {tabs.map((tab, i) => (
          <button
            key={tab.key}
            ref={(node) => {
              buttons.current[i] = node;
            }}
            type="button"
            role="tab"
            id={`${id}-tab-${tab.key}`}
            aria-selected={tab.key === active}
            aria-controls={`${id}-panel-${tab.key}`}
            tabIndex={tab.key === active ? 0 : -1}
            onClick={() => onChange(tab.key)}
            onKeyDown={(event) => onKeyDown(event, i)}
            data-testid={`tab-${tab.key}`}
            className={`-mb-px border-b-2 px-2.5 py-2 text-sm font-medium focus-visible:outline-2 focus-visible:outline-sky-600 ${
              tab.key === active
                ? 'border-sky-700 text-slate-900'
                : 'border-transparent text-slate-500 hover:text-slate-800'
            }`}
          >
            {tab.label}
          </button>
        ))}
      </div>
      {tabs.map((tab) => (
        <div
          key={tab.key}
          role="tabpanel"
          id={`${id}-panel-${tab.key}`}
          aria-labelledby={`${id}-tab-${tab.key}`}
          hidden={tab.key !== active}
          className="flex min-h-0 flex-1 flex-col"
        >
          {tab.panel}
        </div>
      ))}
    </div>
  );
}
