/**
 * Form controls shared by the OID console and the traffic generator, styled alike and always labelled: every
 * control gets a visible <label> (or an aria-label where the label would repeat what is on screen).
 */
import type { ComponentProps, ReactNode } from 'react';

const controlClass =
  'h-8 rounded-md border-0 bg-white px-2 text-sm text-slate-800 ring-1 ring-inset ring-slate-300 focus:outline-none focus:ring-2 focus:ring-sky-600 disabled:text-slate-400';

export function TextInput({ className = '', ...props }: ComponentProps<'input'>) {
  return <input type="text" className={`${controlClass} min-w-0 font-mono ${className}`} {...props} />;
}

/** A field for one MAC address (00-15-5D-00-00-01), wide enough to show it whole; reports the text as typed. */
export function MacInput({
  onChange,
  ...props
}: Omit<ComponentProps<'input'>, 'onChange' | 'value'> & { value: string; onChange: (text: string) => void }) {
  return <TextInput className="w-44" onChange={(e) => onChange(e.target.value)} {...props} />;
}

/** A field for a whole number: shows `value` (empty while it is not a number), reports what is typed as a number. */
export function NumberInput({
  value,
  onChange,
  ...props
}: Omit<ComponentProps<'input'>, 'onChange' | 'value'> & { value: number; onChange: (value: number) => void }) {
  return (
    <TextInput
      inputMode="numeric"
      value={Number.isNaN(value) ? '' : String(value)}
      onChange={(e) => onChange(Number(e.target.value))}
      {...props}
    />
  );
}

export function Select({ className = '', ...props }: ComponentProps<'select'>) {
  return <select className={`${controlClass} min-w-0 max-w-full ${className}`} {...props} />;
}

export function Checkbox({
  label,
  className = '',
  ...props
}: Omit<ComponentProps<'input'>, 'type'> & { label: ReactNode }) {
  return (
    <label className={`flex min-w-0 items-center gap-2 text-sm text-slate-700 ${className}`}>
      <input type="checkbox" className="size-4 shrink-0 rounded border-slate-300 accent-sky-700" {...props} />
      <span className="min-w-0 break-words">{label}</span>
    </label>
  );
}

/** An NDIS identifier that may wrap after its underscores (they are long: NDIS_RECEIVE_QUEUE_PARAMETERS_…). */
export function NdisName({ name }: { name: string }) {
  const parts = name.split('_');
  return (
    <>
      {parts.map((part, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the pieces of one name between its underscores, by position; they can repeat.
        <span key={i}>
          {part}
          {i < parts.length - 1 && (
            <>
              _<wbr />
            </>
          )}
        </span>
      ))}
    </>
  );
}

/** A labelled row: the field's name on the left (in code type when it is an NDIS member), the control, an optional note below. */
export function FieldRow({
  label,
  htmlFor,
  note,
  children,
  ndis = true,
}: {
  label: ReactNode;
  htmlFor?: string;
  note?: ReactNode;
  children: ReactNode;
  ndis?: boolean;
}) {
  return (
    <div className="grid grid-cols-[minmax(7rem,10.5rem)_minmax(0,1fr)] items-start gap-x-3 gap-y-0.5">
      <label htmlFor={htmlFor} className={`pt-1.5 text-xs break-words text-slate-600 ${ndis ? 'font-mono' : ''}`}>
        {label}
      </label>
      <div className="flex min-w-0 flex-wrap items-center gap-2">{children}</div>
      {note && <p className="col-start-2 text-xs text-slate-500">{note}</p>}
    </div>
  );
}

/** A group of related fields with a legend, such as one field test of a filter; `ndis`: the legend is an NDIS name. */
export function FieldGroup({
  legend,
  children,
  ndis = true,
}: {
  legend: ReactNode;
  children: ReactNode;
  ndis?: boolean;
}) {
  return (
    <fieldset className="min-w-0 rounded-md border border-slate-200 px-3 pt-1 pb-2.5">
      <legend className={`px-1 text-xs text-slate-600 ${ndis ? 'font-mono' : ''}`}>{legend}</legend>
      <div className="flex flex-col gap-2">{children}</div>
    </fieldset>
  );
}
