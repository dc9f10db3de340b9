/**
 * Paste (or load) what Get-NetAdapterVmq and Get-NetAdapterVmqQueue printed on a Hyper-V host, see what was read and
 * what was not, and "Build adapter" loads the scenario that rebuilds it (scenario/hostScenario.ts) as the user's own:
 * "Download" and "Save as scenario" keep it.
 */
import { useEffect, useId, useMemo, useRef, useState, type ChangeEvent } from 'react';
import { MAX_HOST_CONFIG_CHARS, parseHostConfig, type HostQueue } from '../../scenario/hostConfig.ts';
import { hostScenario } from '../../scenario/hostScenario.ts';
import { usePage } from '../page/PageProvider.tsx';
import { Button } from '../ui/primitives.tsx';

/** The name the page, "Download" and the share link give the imported scenario. */
export const HOST_IMPORT_SOURCE = 'host-config.json';

const PLACEHOLDER = `PS C:\\> Get-NetAdapterVmq
Name           InterfaceDescription     Enabled BaseVmqProcessor MaxProcessors NumberOfReceiveQueues
----           --------------------     ------- ---------------- ------------- ---------------------
SLOT 2 Port 1  Intel(R) Ethernet 10G…   True    0:2              8             31

PS C:\\> Get-NetAdapterVmqQueue
Name           QueueID MacAddress        VlanID Processor VmFriendlyName
----           ------- ----------        ------ --------- --------------
SLOT 2 Port 1  1       00-15-5D-0A-01-01 10     0:2       web01

(or either cmdlet | ConvertTo-Json)`;

/** What the text builds: the scenario and what to tell the user about it, or why it builds nothing. */
type Reading =
  | { error: string; notes: string[] }
  | { scenario: Record<string, unknown>; notes: string[]; adapters: number; queues: HostQueue[] };

function reading(text: string): Reading | null {
  if (text.trim() === '') return null;
  const parsed = parseHostConfig(text);
  if (!parsed.ok) return { error: parsed.error, notes: parsed.notes };
  const adapterName = parsed.config.adapters[0]?.name ?? parsed.config.queues[0]?.adapter;
  const built = hostScenario(parsed.config, adapterName ? `Hyper-V host: ${adapterName}` : 'Hyper-V host');
  const notes = [...parsed.notes, ...built.notes];
  const queues = parsed.config.queues.filter((queue) => queue.queueId !== 0);
  return { scenario: built.scenario, notes, adapters: parsed.config.adapters.length, queues };
}

/** `opening` counts the button's presses: each one opens the dialog, with what was pasted before. */
export function HostImportDialog({ opening }: { opening: number }) {
  const page = usePage();
  const dialog = useRef<HTMLDialogElement>(null);
  const field = useRef<HTMLTextAreaElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const [text, setText] = useState('');
  const [loadProblem, setLoadProblem] = useState<string | null>(null);
  const titleId = useId();
  const fieldId = useId();
  const result = useMemo(() => reading(text), [text]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: each press of the button (a new `opening`) opens it.
  useEffect(() => {
    dialog.current?.showModal();
    field.current?.focus();
  }, [opening]);

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    if (file.size > MAX_HOST_CONFIG_CHARS * 4) {
      setLoadProblem(
        `${file.name} is ${file.size} bytes; an import reads at most ${MAX_HOST_CONFIG_CHARS} characters.`,
      );
      return;
    }
    setLoadProblem(null);
    setText(await file.text());
  };
  const build = () => {
    if (!result || !('scenario' in result)) return;
    dialog.current?.close();
    const { steps } = result.scenario as { steps: unknown[] };
    void page.load(result.scenario, HOST_IMPORT_SOURCE).then((loaded) => {
      // The user asked for the host's adapter: show it built, with every step run; Step back and Rewind replay how.
      if (loaded) for (const _ of steps) page.drive.step('scenario-step');
    });
  };

  return (
    <dialog
      ref={dialog}
      aria-labelledby={titleId}
      data-testid="host-import-dialog"
      // The page's shortcuts stay out of the dialog: typing and pasting is typing.
      onKeyDown={(event) => event.stopPropagation()}
      onClick={(event) => {
        if (event.target === event.currentTarget) event.currentTarget.close(); // a click on the backdrop
      }}
      className="m-auto w-[52rem] max-w-[calc(100vw-2rem)] rounded-lg border border-slate-200 bg-white p-0 text-slate-800 shadow-xl backdrop:bg-slate-900/20"
    >
      <div className="border-b border-slate-100 px-5 py-3">
        <h2 id={titleId} className="text-sm font-semibold text-slate-900">
          Import a host's VMQ configuration
        </h2>
        <p className="mt-0.5 text-xs text-slate-500">
          Paste what <code className="font-mono">Get-NetAdapterVmq</code> and{' '}
          <code className="font-mono">Get-NetAdapterVmqQueue</code> print on a Hyper-V host, as tables or{' '}
          <code className="font-mono">| ConvertTo-Json</code>, one after the other. The playground builds that adapter:
          its queues, filters and processors.
        </p>
      </div>
      <div className="space-y-3 px-5 py-4">
        <div className="flex items-end justify-between gap-2">
          <label htmlFor={fieldId} className="text-xs font-medium text-slate-600">
            PowerShell output
          </label>
          <Button variant="quiet" className="h-6 px-2 text-xs" onClick={() => fileInput.current?.click()}>
            Load text file…
          </Button>
          <input
            ref={fileInput}
            type="file"
            accept=".txt,.json,.log,text/plain,application/json"
            className="hidden"
            onChange={onFile}
            data-testid="host-import-file"
          />
        </div>
        <textarea
          id={fieldId}
          ref={field}
          value={text}
          onChange={(event) => setText(event.target.value)}
          placeholder={PLACEHOLDER}
          spellCheck={false}
          wrap="off"
          rows={14}
          className="w-full resize-y rounded-md border-0 bg-slate-50 px-3 py-2 font-mono text-xs leading-5 text-slate-800 ring-1 ring-inset ring-slate-300 placeholder:text-slate-400 focus:outline-none focus:ring-2 focus:ring-sky-600"
          data-testid="host-import-text"
        />
        <Outcome result={result} loadProblem={loadProblem} />
      </div>
      <div className="flex justify-end gap-2 border-t border-slate-100 px-5 py-3">
        <Button variant="quiet" onClick={() => dialog.current?.close()}>
          Cancel
        </Button>
        <Button
          variant="primary"
          disabled={!result || !('scenario' in result)}
          onClick={build}
          data-testid="host-import-build"
        >
          Build adapter
        </Button>
      </div>
    </dialog>
  );
}

function Outcome({ result, loadProblem }: { result: Reading | null; loadProblem: string | null }) {
  if (loadProblem) return <Problem text={loadProblem} />;
  if (!result) return null;
  return (
    <div className="space-y-2" aria-live="polite" data-testid="host-import-outcome">
      {'error' in result ? (
        <Problem text={result.error} />
      ) : (
        <Summary adapters={result.adapters} queues={result.queues} />
      )}
      {result.notes.length > 0 && (
        <ul className="space-y-0.5 text-xs text-slate-600" data-testid="host-import-notes">
          {result.notes.map((note) => (
            <li key={note} className="flex gap-1.5">
              <span aria-hidden="true" className="text-slate-500">
                •
              </span>
              {note}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function Problem({ text }: { text: string }) {
  return (
    <p
      role="alert"
      className="rounded-md bg-rose-50 px-3 py-2 text-xs text-rose-800 ring-1 ring-inset ring-rose-200"
      data-testid="host-import-error"
    >
      {text}
    </p>
  );
}

/** What was read, as the host printed it: the queues to be rebuilt, in QueueID order. */
function Summary({ adapters, queues }: { adapters: number; queues: HostQueue[] }) {
  return (
    <div className="rounded-md bg-emerald-50 px-3 py-2 text-xs text-emerald-900 ring-1 ring-inset ring-emerald-200">
      <p data-testid="host-import-summary">
        Read {adapters} adapter{adapters === 1 ? '' : 's'} and {queues.length} VM queue{queues.length === 1 ? '' : 's'}
        {queues.length > 0 ? ':' : '.'}
      </p>
      {queues.length > 0 && (
        <table className="mt-1 font-mono">
          <thead className="text-emerald-700">
            <tr>
              {['QueueID', 'VmFriendlyName', 'MacAddress', 'VlanID', 'Processor'].map((column) => (
                <th key={column} scope="col" className="pr-4 text-left font-normal">
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {[...queues]
              .sort((a, b) => a.queueId - b.queueId)
              .map((queue) => (
                <tr key={`${queue.adapter}/${queue.queueId}`}>
                  <td className="pr-4">{queue.queueId}</td>
                  <td className="pr-4">{queue.vmFriendlyName}</td>
                  <td className="pr-4">{queue.mac}</td>
                  <td className="pr-4">{queue.vlan || '—'}</td>
                  <td className="pr-4">
                    {queue.processor.group}:{queue.processor.number}
                  </td>
                </tr>
              ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
