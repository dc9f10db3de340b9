/**
 * The "Empty adapter…" form (profile, CPUs, VMs) in a modal dialog under its button (shell/EmptyAdapter.tsx), loaded
 * when first opened. Create loads an adapter with no scenario steps, so what the OID console and the traffic
 * generator send is all that happens on it. The form opens on the empty adapter on screen, if that is what is
 * loaded, and remembers what was typed last otherwise.
 */
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import {
  checkEmptyAdapter,
  CPU_RANGE,
  DEFAULT_EMPTY_ADAPTER,
  EMPTY_ADAPTER_SOURCE,
  emptyAdapterOf,
  emptyAdapterScenario,
  PROFILE_NAMES,
  VM_RANGE,
  wholeNumber,
  type EmptyAdapter,
  type EmptyAdapterField,
} from '../page/emptyAdapter.ts';
import { usePage } from '../page/PageProvider.tsx';
import { Select, TextInput } from '../ui/formControls.tsx';
import { Button } from '../ui/primitives.tsx';

/** What the fields hold: the counts as typed, so a half-typed number stays on screen to be corrected. */
type Typed = Record<EmptyAdapterField, string>;
const typed = ({ profile, cpus, vms }: EmptyAdapter): Typed => ({ profile, cpus: String(cpus), vms: String(vms) });

/** Ties the dialog to its button (CSS anchor positioning: the button names the anchor); where a browser cannot, it opens
 * centred instead. */
const ANCHORED =
  'supports-[position-area:bottom]:inset-auto supports-[position-area:bottom]:m-0 supports-[position-area:bottom]:mt-1.5 supports-[position-area:bottom]:[position-anchor:--empty-adapter] supports-[position-area:bottom]:[position-area:bottom_span-left] supports-[position-area:bottom]:[position-try-fallbacks:flip-inline]';

/** `opening` counts the button's presses: each one opens the dialog. */
export function EmptyAdapterForm({ opening }: { opening: number }) {
  const page = usePage();
  const dialog = useRef<HTMLDialogElement>(null);
  const firstField = useRef<HTMLSelectElement>(null);
  const [fields, setFields] = useState(() => typed(DEFAULT_EMPTY_ADAPTER));
  const titleId = useId();
  const ids = { profile: useId(), cpus: useId(), vms: useId() };

  const request = { profile: fields.profile, cpus: wholeNumber(fields.cpus), vms: wholeNumber(fields.vms) };
  const checked = checkEmptyAdapter(request);
  const problems = 'problems' in checked ? checked.problems : {};

  // biome-ignore lint/correctness/useExhaustiveDependencies: each press of the button (a new `opening`) opens it.
  useEffect(() => {
    const { loaded } = page.store.getState();
    const shown = loaded?.source === EMPTY_ADAPTER_SOURCE ? emptyAdapterOf(loaded.scenario) : null;
    if (shown) setFields(typed(shown));
    dialog.current?.showModal();
    firstField.current?.focus();
  }, [opening]);
  const create = (event: FormEvent) => {
    event.preventDefault();
    const built = emptyAdapterScenario(request);
    if (!('scenario' in built)) return;
    dialog.current?.close();
    void page.load(built.scenario, EMPTY_ADAPTER_SOURCE);
  };
  const edit = (field: EmptyAdapterField) => (value: string) =>
    setFields((current) => ({ ...current, [field]: value }));

  return (
    <dialog
      ref={dialog}
      aria-labelledby={titleId}
      data-testid="empty-adapter-form"
      // The page's shortcuts stay out of the form: Space presses its buttons, and typing is typing.
      onKeyDown={(event) => event.stopPropagation()}
      onClick={(event) => {
        if (event.target === event.currentTarget) event.currentTarget.close(); // a click on the backdrop
      }}
      className={`m-auto w-[24rem] max-w-[calc(100vw-2rem)] rounded-lg border border-slate-200 bg-white p-0 text-slate-800 shadow-xl backdrop:bg-slate-900/20 ${ANCHORED}`}
    >
      <form onSubmit={create}>
        <div className="border-b border-slate-100 px-5 py-3">
          <h2 id={titleId} className="text-sm font-semibold text-slate-900">
            Empty adapter
          </h2>
          <p className="mt-0.5 text-xs text-slate-500">
            No scenario steps: what you send from the OID console and the traffic generator is all that happens.
          </p>
        </div>
        <div className="space-y-3 px-5 py-4">
          <Field label="profile" htmlFor={ids.profile}>
            <Select
              id={ids.profile}
              ref={firstField}
              className="w-full"
              value={fields.profile}
              onChange={(event) => edit('profile')(event.target.value)}
              data-testid="empty-adapter-profile"
            >
              {Object.entries(PROFILE_NAMES).map(([profile, name]) => (
                <option key={profile} value={profile}>
                  {name}
                </option>
              ))}
            </Select>
          </Field>
          <div className="grid grid-cols-2 gap-4">
            <CountField
              id={ids.cpus}
              label="CPUs"
              text={fields.cpus}
              onChange={edit('cpus')}
              problem={problems.cpus}
              hint={`${CPU_RANGE.min} to ${CPU_RANGE.max}`}
              testId="empty-adapter-cpus"
            />
            <CountField
              id={ids.vms}
              label="VMs"
              text={fields.vms}
              onChange={edit('vms')}
              problem={problems.vms}
              hint={`${VM_RANGE.min} to ${VM_RANGE.max}, named VM1, VM2, …`}
              testId="empty-adapter-vms"
            />
          </div>
        </div>
        <div className="flex justify-end gap-2 border-t border-slate-100 px-5 py-3">
          <Button variant="quiet" onClick={() => dialog.current?.close()}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" disabled={'problems' in checked} data-testid="empty-adapter-create">
            Create
          </Button>
        </div>
      </form>
    </dialog>
  );
}

/** A label above its control, and a note under it. */
function Field({
  label,
  htmlFor,
  note,
  children,
}: {
  label: string;
  htmlFor: string;
  note?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="flex min-w-0 flex-col gap-1">
      <label htmlFor={htmlFor} className="text-xs text-slate-600">
        {label}
      </label>
      {children}
      {note && <p className="text-xs text-slate-500">{note}</p>}
    </div>
  );
}

/** A count field with its range under it, or, while what is typed is out of it, why. */
function CountField({
  id,
  label,
  text,
  onChange,
  problem,
  hint,
  testId,
}: {
  id: string;
  label: string;
  text: string;
  onChange: (text: string) => void;
  problem: string | undefined;
  hint: string;
  testId: string;
}) {
  const noteId = `${id}-note`;
  return (
    <Field
      label={label}
      htmlFor={id}
      note={
        <span id={noteId} className={problem ? 'text-rose-700' : ''} data-testid={`${testId}-note`}>
          {problem ?? hint}
        </span>
      }
    >
      <TextInput
        id={id}
        inputMode="numeric"
        className="w-20"
        value={text}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={problem !== undefined}
        aria-describedby={noteId}
        data-testid={testId}
      />
    </Field>
  );
}
