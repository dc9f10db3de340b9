/**
 * The form half of the OID console: one labelled control per member of the information buffer, under its NDIS
 * name. Controls write the JSON buffer directly, so whatever they hold (even a value NDIS will refuse) is what is
 * sent: the point is to see how NDIS and the miniport answer.
 */
import { useId } from 'react';
import type { FilterView, QueueView, VmConfig } from '../../engine/index.ts';
import { macFromInt } from '../../scenario/mac.ts';
import { Checkbox, FieldGroup, FieldRow, MacInput, NdisName, Select, TextInput } from '../ui/formControls.tsx';
import { VmOption } from '../ui/UserText.tsx';
import { isolatedName } from '../ui/plainText.ts';
import {
  getPath,
  parseNumber,
  WHOLE_NUMBER,
  readFilterTests,
  setPath,
  writeFilterTests,
  type FieldPath,
  type FieldSpec,
  type MacFilterTests,
} from './oidForms.ts';

export interface FieldContext {
  vms: readonly VmConfig[];
  cpus: number;
  queues: readonly QueueView[];
  filters: readonly FilterView[];
}

type Buffer = Record<string, unknown>;

interface EditorProps {
  spec: FieldSpec;
  buffer: Buffer;
  onChange: (buffer: Buffer) => void;
  context: FieldContext;
}

const label = (path: FieldPath): string => path.join('.');

export function OidFields({
  specs,
  buffer,
  onChange,
  context,
}: {
  specs: readonly FieldSpec[];
  buffer: Buffer;
  onChange: (buffer: Buffer) => void;
  context: FieldContext;
}) {
  if (specs.length === 0) {
    return (
      <p className="text-sm text-slate-500">
        This request has no input members: NDIS fills the buffer in (the Header is added for you).
      </p>
    );
  }
  return (
    <div className="flex flex-col gap-2.5" data-testid="oid-fields">
      {specs.map((spec) => (
        <Editor
          key={'path' in spec ? spec.path.join('.') : spec.kind}
          spec={spec}
          buffer={buffer}
          onChange={onChange}
          context={context}
        />
      ))}
    </div>
  );
}

function Editor(props: EditorProps) {
  switch (props.spec.kind) {
    case 'number':
      return <NumberEditor {...props} path={props.spec.path} />;
    case 'enum':
      return <EnumEditor {...props} path={props.spec.path} members={props.spec.members} />;
    case 'flags':
      return <FlagsEditor {...props} path={props.spec.path} flags={props.spec.flags} />;
    case 'text':
      return <TextEditor {...props} path={props.spec.path} vmNames={props.spec.vmNames ?? false} />;
    case 'queueId':
    case 'filterId':
      return <IdEditor {...props} path={props.spec.path} options={idOptions(props.spec.kind, props.context)} />;
    case 'cpuMask':
      return <CpuMaskEditor {...props} path={props.spec.path} />;
    case 'filterTests':
      return <FilterTestsEditor {...props} />;
    case 'queueList':
      return <QueueListEditor {...props} />;
  }
}

/** The ids a QueueId or FilterId field can name now, each with what it is. */
const idOptions = (kind: 'queueId' | 'filterId', { queues, filters }: FieldContext) =>
  kind === 'queueId'
    ? queues.map((q) => [q.QueueId, queueLabel(q)] as const)
    : filters.map((f) => [f.FilterId, filterLabel(f)] as const);

const queueLabel = (q: QueueView): string =>
  `${q.QueueId} — ${q.QueueId === 0 ? 'default queue' : isolatedName(q.VmName || q.QueueName || 'VM queue')} (${q.state})`;
const filterLabel = (f: FilterView): string =>
  `${f.FilterId} — queue ${f.QueueId}, ${macFromInt(f.filter.mac)}${f.filter.vlanId === null ? '' : ` VLAN ${f.filter.vlanId}`}`;

const shown = (value: unknown): string =>
  value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);

/** A number member holding text that is no whole number: said under it, and the form will not send it. */
const notWhole = (value: unknown) =>
  typeof value === 'string' ? <span className="text-rose-700">{WHOLE_NUMBER}; raw JSON sends anything</span> : null;

function NumberEditor({ spec, buffer, onChange, path }: EditorProps & { path: FieldPath }) {
  const id = useId();
  const value = getPath(buffer, path);
  return (
    <FieldRow label={label(path)} htmlFor={id} note={notWhole(value) ?? spec.note}>
      <TextInput
        id={id}
        inputMode="numeric"
        className="w-32"
        aria-invalid={typeof value === 'string'}
        value={shown(value)}
        onChange={(e) => onChange(setPath(buffer, path, parseNumber(e.target.value)))}
      />
    </FieldRow>
  );
}

function EnumEditor({
  buffer,
  onChange,
  path,
  members,
}: EditorProps & { path: FieldPath; members: Readonly<Record<string, number>> }) {
  const id = useId();
  const value = getPath(buffer, path);
  const names = Object.keys(members);
  const current = typeof value === 'number' ? (names.find((n) => members[n] === value) ?? String(value)) : shown(value);
  return (
    <FieldRow label={label(path)} htmlFor={id}>
      <Select
        id={id}
        className="font-mono text-xs"
        value={current}
        onChange={(e) => onChange(setPath(buffer, path, e.target.value === '' ? undefined : e.target.value))}
      >
        <option value="">(left out)</option>
        {!names.includes(current) && current !== '' && <option value={current}>{current}</option>}
        {names.map((name) => (
          <option key={name} value={name}>
            {name} ({members[name]})
          </option>
        ))}
      </Select>
    </FieldRow>
  );
}

/** The flag names set in a Flags member, whether it holds names or a number. */
function setFlags(value: unknown, flags: ReadonlyArray<readonly [string, number]>): Set<string> {
  if (Array.isArray(value)) return new Set(value.filter((v): v is string => typeof v === 'string'));
  if (typeof value === 'number') return new Set(flags.filter(([, bit]) => (value & bit) === bit).map(([name]) => name));
  return new Set();
}

function FlagsEditor({
  buffer,
  onChange,
  path,
  flags,
}: EditorProps & { path: FieldPath; flags: ReadonlyArray<readonly [string, number]> }) {
  const set = setFlags(getPath(buffer, path), flags);
  const toggle = (name: string, on: boolean) => {
    const next = flags.map(([n]) => n).filter((n) => (n === name ? on : set.has(n)));
    onChange(setPath(buffer, path, next.length === 0 ? undefined : next));
  };
  return (
    <FieldGroup legend={label(path)}>
      {flags.map(([name, bit]) => (
        <Checkbox
          key={name}
          label={
            <span className="font-mono text-xs">
              <NdisName name={name} /> <span className="text-slate-500">0x{bit.toString(16)}</span>
            </span>
          }
          checked={set.has(name)}
          onChange={(e) => toggle(name, e.target.checked)}
        />
      ))}
    </FieldGroup>
  );
}

function TextEditor({ buffer, onChange, path, vmNames, context }: EditorProps & { path: FieldPath; vmNames: boolean }) {
  const id = useId();
  return (
    <FieldRow label={label(path)} htmlFor={id}>
      <TextInput
        id={id}
        className="w-48 font-sans"
        value={shown(getPath(buffer, path))}
        list={vmNames ? `${id}-vms` : undefined}
        onChange={(e) => onChange(setPath(buffer, path, e.target.value))}
      />
      {vmNames && (
        <datalist id={`${id}-vms`}>
          {context.vms.map((vm) => (
            <option key={vm.name} value={vm.name} />
          ))}
        </datalist>
      )}
    </FieldRow>
  );
}

/** A live id from a list, or any number typed (an unknown QueueId is a fine thing to try). */
function IdEditor({
  buffer,
  onChange,
  path,
  options,
}: EditorProps & { path: FieldPath; options: readonly (readonly [number, string])[] }) {
  const id = useId();
  const value = getPath(buffer, path);
  const known = options.some(([v]) => v === value);
  return (
    <FieldRow label={label(path)} htmlFor={id} note={notWhole(value)}>
      <TextInput
        id={id}
        inputMode="numeric"
        aria-invalid={typeof value === 'string'}
        className="w-20"
        value={shown(value)}
        onChange={(e) => onChange(setPath(buffer, path, parseNumber(e.target.value)))}
      />
      <Select
        aria-label={`${label(path)}: pick a live one`}
        className="max-w-72 text-xs"
        value={known ? String(value) : ''}
        onChange={(e) => e.target.value !== '' && onChange(setPath(buffer, path, Number(e.target.value)))}
      >
        <option value="">{options.length === 0 ? 'none live' : 'pick a live one…'}</option>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </Select>
    </FieldRow>
  );
}

function CpuMaskEditor({ buffer, onChange, path, context }: EditorProps & { path: FieldPath }) {
  const value = getPath(buffer, path);
  const mask = typeof value === 'number' ? value : 0;
  const toggle = (cpu: number, on: boolean) => {
    const bit = 2 ** cpu;
    onChange(
      setPath(
        buffer,
        path,
        on ? mask + (Math.floor(mask / bit) % 2 === 1 ? 0 : bit) : mask - (Math.floor(mask / bit) % 2 === 1 ? bit : 0),
      ),
    );
  };
  return (
    <FieldGroup
      legend={
        <>
          {label(path)} <span className="text-slate-500">= 0x{mask.toString(16).toUpperCase()}</span>
        </>
      }
    >
      <div className="flex flex-wrap gap-x-4 gap-y-1">
        {Array.from({ length: context.cpus }, (_, cpu) => (
          <Checkbox
            // biome-ignore lint/suspicious/noArrayIndexKey: the index is the CPU number, which is what each box stands for.
            key={cpu}
            label={`CPU ${cpu}`}
            checked={Math.floor(mask / 2 ** cpu) % 2 === 1}
            onChange={(e) => toggle(cpu, e.target.checked)}
          />
        ))}
      </div>
    </FieldGroup>
  );
}

function FilterTestsEditor({ buffer, onChange, context }: EditorProps) {
  const macId = useId();
  const vlanId = useId();
  const tests = readFilterTests(buffer['FieldParameters']);
  if (tests === null) {
    return (
      <FieldGroup legend="FieldParameters">
        <p className="text-sm text-slate-500">These field tests go beyond this form; edit them in raw JSON.</p>
      </FieldGroup>
    );
  }
  const write = (patch: Partial<MacFilterTests>) =>
    onChange(setPath(buffer, ['FieldParameters'], writeFilterTests({ ...tests, ...patch })));
  const vmWithMac = context.vms.find((vm) => vm.mac === tests.mac);
  return (
    <>
      <FieldGroup legend="FieldParameters[0]: NdisMacHeaderFieldDestinationAddress, NdisReceiveFilterTestEqual">
        <FieldRow label="FieldByteArrayValue" htmlFor={macId}>
          <MacInput id={macId} value={tests.mac} onChange={(mac) => write({ mac })} data-testid="filter-mac" />
          <Select
            aria-label="Use a VM's MAC and VLAN"
            className="text-xs"
            value={vmWithMac?.name ?? ''}
            onChange={(e) => {
              const vm = context.vms.find((v) => v.name === e.target.value);
              if (vm) write({ mac: vm.mac, vlanId: vm.vlan ?? null, untaggedOrZero: vm.vlan === undefined });
            }}
          >
            <option value="">a VM’s MAC…</option>
            {context.vms.map((vm) => (
              <VmOption key={vm.name} value={vm.name} vm={vm} />
            ))}
          </Select>
        </FieldRow>
        <Checkbox
          label={
            <span className="font-mono text-xs">
              Flags: <NdisName name="NDIS_RECEIVE_FILTER_FIELD_MAC_HEADER_VLAN_UNTAGGED_OR_ZERO" />
            </span>
          }
          checked={tests.untaggedOrZero}
          onChange={(e) => write({ untaggedOrZero: e.target.checked })}
          data-testid="filter-untagged"
        />
      </FieldGroup>
      <FieldGroup legend="FieldParameters[1]: NdisMacHeaderFieldVlanId, NdisReceiveFilterTestEqual">
        <Checkbox
          label="include this VLAN-ID test"
          checked={tests.vlanId !== null}
          onChange={(e) => write({ vlanId: e.target.checked ? (vmWithMac?.vlan ?? 1) : null })}
          data-testid="filter-vlan-test"
        />
        {tests.vlanId !== null && (
          <FieldRow label="FieldShortValue" htmlFor={vlanId}>
            <TextInput
              id={vlanId}
              inputMode="numeric"
              className="w-20"
              value={String(tests.vlanId)}
              onChange={(e) => write({ vlanId: Number(e.target.value) || 0 })}
              data-testid="filter-vlan"
            />
          </FieldRow>
        )}
      </FieldGroup>
    </>
  );
}

function QueueListEditor({ buffer, onChange, context }: EditorProps) {
  const elements = Array.isArray(buffer['Elements']) ? (buffer['Elements'] as Record<string, unknown>[]) : [];
  const ids = elements.map((e) => e['QueueId']);
  const candidates = context.queues.filter((q) => q.QueueId !== 0);
  const toggle = (queueId: number, on: boolean) => {
    const next = on ? [...elements, { QueueId: queueId }] : elements.filter((e) => e['QueueId'] !== queueId);
    onChange(setPath(buffer, ['Elements'], next));
  };
  return (
    <FieldGroup legend="Elements[]: NDIS_RECEIVE_QUEUE_ALLOCATION_COMPLETE_PARAMETERS.QueueId">
      {candidates.length === 0 && <p className="text-sm text-slate-500">No VM queue is allocated.</p>}
      {candidates.map((q) => (
        <Checkbox
          key={q.QueueId}
          label={`${queueLabel(q)}${q.allocationComplete ? ', already complete' : ''}`}
          checked={ids.includes(q.QueueId)}
          onChange={(e) => toggle(q.QueueId, e.target.checked)}
        />
      ))}
    </FieldGroup>
  );
}
