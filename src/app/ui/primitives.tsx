/** The few Tailwind primitives the panels share, so every card and button looks the same. */
import { useId, type ComponentProps, type KeyboardEvent, type MouseEvent, type ReactNode } from 'react';

const buttonVariants = {
  primary: 'bg-sky-700 text-white hover:bg-sky-800 disabled:bg-slate-300',
  secondary: 'bg-white text-slate-700 ring-1 ring-inset ring-slate-300 hover:bg-slate-50 disabled:text-slate-400',
  quiet: 'text-slate-600 hover:bg-slate-100 hover:text-slate-900 disabled:text-slate-300',
} as const;

export function Button({
  variant = 'secondary',
  className = '',
  ...props
}: ComponentProps<'button'> & { variant?: keyof typeof buttonVariants }) {
  return (
    <button
      type="button"
      className={`inline-flex h-8 items-center gap-1.5 rounded-md px-3 text-sm font-medium transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600 disabled:cursor-not-allowed ${buttonVariants[variant]} ${className}`}
      {...props}
    />
  );
}

/** Whether a panel shows its body, and how the reader changes that (its header becomes a toggle). */
export interface Collapse {
  open: boolean;
  onToggle(): void;
}

export function Panel({
  title,
  aside,
  collapse,
  children,
  className = '',
  ...props
}: Omit<ComponentProps<'section'>, 'title'> & { title: ReactNode; aside?: ReactNode; collapse?: Collapse }) {
  const open = collapse?.open ?? true;
  const titleId = useId();
  return (
    <section
      className={`flex min-h-0 flex-col rounded-lg border border-slate-200 bg-white shadow-sm ${open ? className : ''}`}
      data-open={open}
      {...props}
    >
      <header
        className={`flex items-baseline justify-between gap-3 px-4 py-2.5 ${open ? 'border-b border-slate-100' : ''}`}
      >
        {collapse ? (
          <h2 className="flex items-baseline gap-1.5 text-sm font-semibold text-slate-800">
            {/* A title with a glossary term in it is a button of its own: the toggle is then the chevron, named by it. */}
            <CollapseToggle collapse={collapse} labelledBy={typeof title === 'string' ? undefined : titleId}>
              {typeof title === 'string' && title}
            </CollapseToggle>
            {typeof title !== 'string' && <span id={titleId}>{title}</span>}
          </h2>
        ) : (
          <h2 className="text-sm font-semibold text-slate-800">{title}</h2>
        )}
        {aside && <div className="text-xs text-slate-500">{aside}</div>}
      </header>
      {open && children}
    </section>
  );
}

/** A collapsible part's toggle: a chevron (and its title, when it is plain text). */
export function CollapseToggle({
  collapse,
  labelledBy,
  className = '',
  children,
  ...props
}: Omit<ComponentProps<'button'>, 'onClick'> & { collapse: Collapse; labelledBy?: string | undefined }) {
  return (
    <button
      type="button"
      // A chevron alone (its title beside it is a glossary term) is still 24 px square to aim at (WCAG 2.5.8).
      className={`-mx-1 inline-flex gap-1.5 rounded px-1 hover:text-slate-950 focus-visible:outline-2 focus-visible:outline-sky-600 ${children ? 'items-baseline' : 'min-h-6 min-w-6 items-center justify-center'} ${className}`}
      aria-expanded={collapse.open}
      aria-labelledby={labelledBy}
      onClick={collapse.onToggle}
      data-testid="panel-toggle"
      {...props}
    >
      <span
        aria-hidden
        className={`inline-block text-slate-500 transition-transform ${collapse.open ? 'rotate-90' : ''}`}
      >
        ›
      </span>
      {children}
    </button>
  );
}

const bannerTones = {
  info: 'border-sky-200 bg-sky-50 text-sky-950',
  warning: 'border-amber-300 bg-amber-50 text-amber-950',
  error: 'border-rose-300 bg-rose-50 text-rose-900',
  neutral: 'border-slate-300 bg-white text-slate-700',
} as const;

/** A message across the page (a failure, a recovery, a sampled log, a saved session), with Dismiss when it can go. */
export function Banner({
  tone,
  onDismiss,
  children,
  ...props
}: Omit<ComponentProps<'div'>, 'className'> & { tone: keyof typeof bannerTones; onDismiss?: () => void }) {
  return (
    <div
      className={`flex items-start justify-between gap-4 rounded-lg border px-4 py-3 text-sm ${bannerTones[tone]}`}
      {...props}
    >
      <div className="min-w-0">{children}</div>
      {onDismiss && (
        <Button variant="quiet" onClick={onDismiss}>
          Dismiss
        </Button>
      )}
    </div>
  );
}

/** A two-or-more-way switch (aria-pressed buttons in a labelled group), e.g. form vs raw JSON, time vs order. */
export function Segmented<T extends string>({
  label,
  options,
  value,
  onChange,
  testIdPrefix,
}: {
  label: string;
  options: readonly (readonly [T, string])[];
  value: T;
  onChange: (value: T) => void;
  testIdPrefix: string;
}) {
  return (
    <fieldset className="flex min-w-0 items-center gap-1" aria-label={label}>
      {options.map(([option, text]) => (
        <button
          key={option}
          type="button"
          aria-pressed={value === option}
          onClick={() => onChange(option)}
          data-testid={`${testIdPrefix}-${option}`}
          className={`h-7 rounded-md px-2.5 text-xs font-medium ring-1 ring-inset focus-visible:outline-2 focus-visible:outline-sky-600 ${value === option ? 'bg-slate-800 text-white ring-slate-800' : 'bg-white text-slate-600 ring-slate-300 hover:bg-slate-50'}`}
        >
          {text}
        </button>
      ))}
    </fieldset>
  );
}

/**
 * A modal <dialog> as a full-height sheet along the right edge (the reference, the glossary); `width` sets its width.
 * The page's shortcuts (Space plays, Esc clears the selection) stay with the page while the sheet is read, and a
 * click on the backdrop closes it.
 */
export const sideSheet = (width: string) => ({
  className: `fixed inset-y-0 right-0 left-auto m-0 h-dvh max-h-none ${width} max-w-[calc(100vw-2rem)] border-l border-slate-200 bg-white p-0 text-slate-800 shadow-2xl backdrop:bg-slate-900/30`,
  onKeyDown: (event: KeyboardEvent<HTMLDialogElement>) => event.stopPropagation(),
  onClick: (event: MouseEvent<HTMLDialogElement>) => {
    if (event.target === event.currentTarget) event.currentTarget.close();
  },
});
