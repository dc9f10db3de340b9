/**
 * The OID console: issue any OID_RECEIVE_FILTER_* request as the overlying driver, with a form of the
 * buffer's NDIS members or as raw JSON, and read exactly how NDIS and the miniport answered. Sending pauses playback
 * and checkpoints first, so Step back undoes the request.
 */
import { useEffect, useId, useRef, useState } from 'react';
import {
  NDIS_REQUEST_TYPE,
  hex32,
  kindOf,
  naturalRequestType,
  OID,
  OID_NAMES,
  type OidName,
  type RequestTypeName,
  type FilterView,
  type OidRequest,
  type QueueView,
} from '../../engine/index.ts';
import { Button, Segmented } from '../ui/primitives.tsx';
import { useSideStore, useSideVms } from '../side/SideProvider.tsx';
import { FieldRow, Select, TextInput } from '../ui/formControls.tsx';
import type { OidDefaults } from '../store/consoleStore.ts';
import { OidAnswer } from './OidAnswer.tsx';
import { OidFields, type FieldContext } from './OidFields.tsx';
import { defaultRequest, fieldsFor, formProblem, OID_FORMS, parseRawRequest } from './oidForms.ts';
import { OidHistory } from './OidHistory.tsx';
import { useConsole, useConsoleStore } from './useConsole.ts';
import { Citations, RefLink } from '../reference/RefLink.tsx';
import { Term } from '../glossary/Term.tsx';

const NO_QUEUES: QueueView[] = [];
const ULONG_RULE = 'a whole number from 0 to 4,294,967,295';
const NO_FILTERS: FilterView[] = [];

/** What the forms and defaults need from the adapter. Every batch brings a fresh AdapterView, so this changes with
 * each batch; the effect below watches only the adapter's shape. */
function useFieldContext(): FieldContext {
  const vms = useSideVms();
  const cpus = useSideStore((s) => s.scenario?.cpus ?? 1);
  const queues = useSideStore((s) => s.view?.queues ?? NO_QUEUES);
  const filters = useSideStore((s) => s.view?.filters ?? NO_FILTERS);
  return { vms, cpus, queues, filters };
}

export function OidConsole() {
  const store = useConsoleStore();
  const oid = useConsole((s) => s.oid);
  const draft = useConsole((s) => s.drafts[s.oid]);
  const loaded = useSideStore((s) => s.sessionId !== null);
  const fields = useFieldContext();
  const view = useSideStore((s) => s.view);
  const defaults: OidDefaults = (name) => defaultRequest(name, { vms: fields.vms, cpus: fields.cpus, view });
  const defaultsRef = useRef(defaults);
  defaultsRef.current = defaults;
  // An unfinished raw JSON edit (kept across a reload) reopens in raw mode.
  const [mode, setMode] = useState<'form' | 'raw'>(() => (store.getState().rawText === null ? 'form' : 'raw'));
  const rawInvalid = useConsole((s) => s.rawText !== null);
  const [lengthProblem, setLengthProblem] = useState<string | null>(null);

  // The first draft, and untouched drafts following the adapter as queues and filters come and go.
  const shape = fields.queues.map((q) => `${q.QueueId}:${q.state}:${q.filterIds.join(',')}`).join('|');
  // biome-ignore lint/correctness/useExhaustiveDependencies: `shape` and `fields.vms` are the triggers; the effect reads the latest defaults through defaultsRef, so it must not run on every view update.
  useEffect(() => {
    if (!loaded) return;
    if (store.getState().drafts[store.getState().oid] === undefined)
      store.getState().chooseOid(store.getState().oid, defaultsRef.current);
    else store.getState().refreshDefaults(defaultsRef.current);
  }, [store, loaded, shape, fields.vms]);

  const selectId = useId();
  if (!draft) return <p className="px-4 py-6 text-sm text-slate-500">The console opens once a scenario is loaded.</p>;
  const form = OID_FORMS[oid];
  const requestType = draft.requestType ?? naturalRequestType(oid);
  const edit = (patch: Partial<OidRequest>) => store.getState().editDraft({ ...draft, ...patch });
  // The draft keeps the last valid request while the text or a field is not one: sending it would send something
  // other than what is on screen.
  const notSent =
    mode === 'raw'
      ? rawInvalid
        ? 'the JSON above is not a request yet; fix it first'
        : null
      : (lengthProblem ?? formProblem(fieldsFor(oid, kindOf(requestType)), draft.buffer ?? {}));
  return (
    <div className="flex min-h-0 flex-1 flex-col overflow-y-auto" data-testid="oid-console">
      <div className="space-y-3 px-4 py-3">
        <div>
          <div className="flex flex-wrap items-center gap-2">
            {/* The visible word is a glossary term; a label cannot hold its button, so the select's label is unseen. */}
            <label htmlFor={selectId} className="sr-only">
              OID
            </label>
            <span className="text-sm text-slate-500">
              <Term id="oid">OID</Term>
            </span>
            <Select
              id={selectId}
              className="min-w-0 flex-1 font-mono text-xs"
              value={oid}
              onChange={(e) => store.getState().chooseOid(e.target.value as OidName, defaults)}
              data-testid="oid-select"
            >
              {OID_NAMES.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </Select>
            <span className="font-mono text-xs text-slate-500">{hex32(OID[oid])}</span>
          </div>
          <p className="mt-1 text-sm text-slate-700">{form.purpose}</p>
          <p className="text-xs text-slate-500">
            Buffer: <span className="font-mono">{form.struct}</span> · reference <RefLink target={form.section} />
          </p>
        </div>
        <RequestHeader draft={draft} requestType={requestType} onEdit={edit} onLengthProblem={setLengthProblem} />
        <Segmented
          label="Edit the buffer as"
          options={[
            ['form', 'Form'],
            ['raw', 'Raw JSON'],
          ]}
          value={mode}
          onChange={setMode}
          testIdPrefix="oid-mode"
        />
        {mode === 'form' ? (
          <OidFields
            specs={fieldsFor(oid, kindOf(requestType))}
            buffer={draft.buffer ?? {}}
            onChange={(buffer) => edit({ buffer })}
            context={fields}
          />
        ) : (
          <RawEditor
            draft={draft}
            unfinished={store.getState().rawText}
            onRequest={(request) => store.getState().editDraft(request)}
            onText={(text) => store.getState().editRawText(text)}
          />
        )}
        <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
          <Button
            variant="primary"
            className="whitespace-nowrap"
            onClick={() => void store.getState().send(draft)}
            disabled={!loaded || notSent !== null}
            aria-describedby={notSent === null ? undefined : `${selectId}-not-sent`}
            data-testid="oid-send"
          >
            Send request
          </Button>
          <Button
            variant="quiet"
            className="whitespace-nowrap"
            onClick={() => store.getState().resetDraft(defaults)}
            data-testid="oid-reset"
          >
            Reset to defaults
          </Button>
          {notSent === null ? (
            <span className="text-xs text-slate-500">Sending pauses playback; Step back undoes it.</span>
          ) : (
            <span
              id={`${selectId}-not-sent`}
              className="text-xs text-rose-700"
              role="status"
              data-testid="oid-not-sent"
            >
              Not sent: {notSent}.
            </span>
          )}
        </div>
      </div>
      <OidAnswer />
      <OidHistory />
    </div>
  );
}

function RequestHeader({
  draft,
  requestType,
  onEdit,
  onLengthProblem,
}: {
  draft: OidRequest;
  requestType: RequestTypeName;
  onEdit: (patch: Partial<OidRequest>) => void;
  /** Told why the typed InformationBufferLength cannot be sent, or null once it can. */
  onLengthProblem: (problem: string | null) => void;
}) {
  const typeId = useId();
  const bindingId = useId();
  const lengthId = useId();
  // What was typed while it is no ULONG; the draft keeps the last one that was.
  const [badLength, setBadLength] = useState<string | null>(null);
  const natural = naturalRequestType(draft.oid);
  return (
    <div className="grid gap-2">
      <FieldRow
        label="RequestType"
        htmlFor={typeId}
        note={requestType === natural ? undefined : <Citations text={`not the OID’s natural ${natural}: expect R1`} />}
      >
        <Select
          id={typeId}
          className="font-mono text-xs"
          value={requestType}
          onChange={(e) => onEdit({ requestType: e.target.value as RequestTypeName })}
          data-testid="oid-request-type"
        >
          {Object.keys(NDIS_REQUEST_TYPE).map((type) => (
            <option key={type} value={type}>
              {type}
              {type === natural ? ' (natural)' : ''}
            </option>
          ))}
        </Select>
      </FieldRow>
      <FieldRow
        label="binding"
        htmlFor={bindingId}
        note={
          <>
            <Citations text="the open that issues it; ownership rules (R11, R17, R28) are per " />
            <Term id="binding">binding</Term>
          </>
        }
      >
        <TextInput
          id={bindingId}
          className="w-36"
          value={draft.binding ?? 'vmswitch'}
          onChange={(e) => onEdit({ binding: e.target.value })}
          data-testid="oid-binding"
        />
      </FieldRow>
      <FieldRow
        label="InformationBufferLength"
        htmlFor={lengthId}
        note={
          badLength === null ? (
            <Citations text="empty = the size the Header declares; smaller tests R2" />
          ) : (
            <span className="text-rose-700">a ULONG: {ULONG_RULE}</span>
          )
        }
      >
        <TextInput
          id={lengthId}
          inputMode="numeric"
          className="w-24"
          placeholder="default"
          value={badLength ?? (draft.bufferLength === undefined ? '' : String(draft.bufferLength))}
          onChange={(e) => {
            const text = e.target.value.trim();
            const ok = text === '' || (/^\d+$/.test(text) && Number(text) <= 0xffff_ffff);
            setBadLength(ok ? null : e.target.value);
            onLengthProblem(ok ? null : `InformationBufferLength must be ${ULONG_RULE}`);
            if (ok) onEdit({ bufferLength: text === '' ? undefined : Number(text) });
          }}
          aria-invalid={badLength !== null}
          data-testid="oid-buffer-length"
        />
      </FieldRow>
    </div>
  );
}

interface RawEditorProps {
  draft: OidRequest;
  /** Text the user left unfinished (not a valid request yet), shown instead of the draft. */
  unfinished: string | null;
  onRequest: (request: OidRequest) => void;
  /** The text while it is not a valid request, or null once it is one (and so the draft). */
  onText: (text: string | null) => void;
}

const rawError = (text: string): string | null => {
  const parsed = parseRawRequest(text);
  return 'error' in parsed ? parsed.error : null;
};

/** The whole request as JSON; every valid edit becomes the draft, so switching back to the form keeps it. */
function RawEditor({ draft, unfinished, onRequest, onText }: RawEditorProps) {
  const id = useId();
  const [text, setText] = useState(() => unfinished ?? JSON.stringify(draft, null, 2));
  const [error, setError] = useState<string | null>(() => (unfinished === null ? null : rawError(unfinished)));
  const written = useRef<OidRequest>(draft);
  useEffect(() => {
    // The draft changed elsewhere (a history entry was loaded): show it.
    if (draft !== written.current) {
      written.current = draft;
      setText(JSON.stringify(draft, null, 2));
      setError(null);
    }
  }, [draft]);
  return (
    <div>
      <label htmlFor={id} className="sr-only">
        The request as JSON
      </label>
      <textarea
        id={id}
        spellCheck={false}
        className="h-64 w-full resize-y rounded-md bg-white p-2 font-mono text-xs text-slate-800 ring-1 ring-inset ring-slate-300 focus:outline-none focus:ring-2 focus:ring-sky-600"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          const parsed = parseRawRequest(e.target.value);
          if ('error' in parsed) {
            onText(e.target.value);
            return setError(parsed.error);
          }
          setError(null);
          onText(null);
          written.current = parsed.request;
          onRequest(parsed.request);
        }}
        aria-invalid={error !== null}
        aria-describedby={`${id}-error`}
        data-testid="oid-raw"
      />
      <p id={`${id}-error`} className={`text-xs ${error ? 'text-rose-700' : 'text-slate-500'}`} aria-live="polite">
        {error ?? 'Valid. Send uses exactly this, including values NDIS will refuse.'}
      </p>
    </div>
  );
}
