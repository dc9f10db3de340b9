/**
 * The traffic generator: put frames on the wire for a VM, for a MAC no filter knows, or broadcast; start and stop
 * flows at any moment. Starting or stopping pauses playback and checkpoints first, so Step back undoes it.
 */
import { useId, useState, type ReactNode } from 'react';
import type { VmConfig } from '../../engine/index.ts';
import { Button } from '../ui/primitives.tsx';
import { formatCount, formatUs } from '../ui/format.ts';
import { useSide, useSideStore, useSideVms } from '../side/SideProvider.tsx';
import { FieldRow, MacInput, NumberInput, Select } from '../ui/formControls.tsx';
import { UserText, VmOption } from '../ui/UserText.tsx';
import { useDigest } from '../side/useTrace.ts';
import { Term } from '../glossary/Term.tsx';
import {
  flowName,
  flowsDigest,
  initialDraft,
  lineRatePps,
  toFlowSpec,
  unknownMac,
  vlanOf,
  type Destination,
  type FlowDraft,
  type FlowState,
} from './flowDraft.ts';

export function TrafficPanel() {
  const vms = useSideVms();
  const loaded = useSideStore((s) => s.sessionId !== null);
  const { act } = useSide();
  const flows = useDigest(flowsDigest).value();
  const [draft, setDraft] = useState<FlowDraft>(() => initialDraft(vms));
  const [errors, setErrors] = useState<string[]>([]);
  const edit = (patch: Partial<FlowDraft>) => setDraft({ ...draft, ...patch });

  const start = () => {
    const result = toFlowSpec(draft, vms, flowName(draft, new Set(flows.map((f) => f.name))));
    if ('errors' in result) return setErrors(result.errors);
    setErrors([]);
    act((client) => client.startTraffic(result.flow));
  };
  const running = flows.filter((f) => f.endedNs === undefined);
  const ended = flows.filter((f) => f.endedNs !== undefined);
  return (
    <div className="flex min-h-0 flex-1 flex-col overflow-y-auto" data-testid="traffic">
      <div className="space-y-2.5 px-4 py-3">
        <DestinationFields draft={draft} onEdit={edit} vms={vms} />
        <NumberRow
          label="frame size (bytes)"
          value={draft.frameBytes}
          onChange={(frameBytes) => edit({ frameBytes })}
          note={
            <>
              without FCS: 60–1514, or 1518 with an <Term id="vlan-filter">802.1Q tag</Term>
            </>
          }
          testId="traffic-bytes"
        />
        <NumberRow
          label="rate (frames/s)"
          value={draft.ratePps}
          onChange={(ratePps) => edit({ ratePps })}
          testId="traffic-rate"
        >
          <Button
            variant="quiet"
            className="h-7 px-2 text-xs"
            onClick={() => edit({ ratePps: lineRatePps(draft.frameBytes) })}
          >
            10 GbE line rate
          </Button>
        </NumberRow>
        <NumberRow
          label="count (frames)"
          value={draft.count}
          onChange={(count) => edit({ count })}
          testId="traffic-count"
        />
        <PatternRow draft={draft} onEdit={edit} />
        {errors.length > 0 && (
          <ul role="alert" className="list-disc pl-5 text-sm text-rose-700" data-testid="traffic-errors">
            {errors.map((error) => (
              <li key={error}>{error}</li>
            ))}
          </ul>
        )}
        <div className="flex items-center gap-2">
          <Button variant="primary" onClick={start} disabled={!loaded} data-testid="traffic-start">
            Start flow
          </Button>
          <span className="text-xs text-slate-500">
            the first frame arrives now; press Play or Step to see it travel
          </span>
        </div>
      </div>
      <FlowList
        title="Sending"
        flows={running}
        empty="No flow is sending."
        onStop={(name) => act((client) => client.stopTraffic(name))}
      />
      {ended.length > 0 && <FlowList title="Ended" flows={ended} />}
    </div>
  );
}

function DestinationFields({
  draft,
  onEdit,
  vms,
}: {
  draft: FlowDraft;
  onEdit: (patch: Partial<FlowDraft>) => void;
  vms: readonly VmConfig[];
}) {
  const dstId = useId();
  const macId = useId();
  const vlanId = useId();
  const vmVlan = vlanOf({ ...draft, vlan: 'default' }, vms);
  return (
    <>
      <FieldRow label="destination" htmlFor={dstId} ndis={false}>
        <Select
          id={dstId}
          value={draft.destination}
          onChange={(e) => onEdit({ destination: e.target.value as Destination })}
          data-testid="traffic-destination"
        >
          {vms.map((vm) => (
            <VmOption key={vm.name} value={`vm:${vm.name}`} vm={vm} />
          ))}
          <option value="unknown">a MAC no VM has: {unknownMac(vms)}</option>
          <option value="broadcast">broadcast: FF-FF-FF-FF-FF-FF</option>
          <option value="custom">another MAC…</option>
        </Select>
      </FieldRow>
      {draft.destination === 'custom' && (
        <FieldRow label="destination MAC" htmlFor={macId} ndis={false}>
          <MacInput
            id={macId}
            value={draft.customMac}
            onChange={(customMac) => onEdit({ customMac })}
            data-testid="traffic-mac"
          />
        </FieldRow>
      )}
      <FieldRow label="802.1Q tag" htmlFor={vlanId} ndis={false}>
        <Select
          id={vlanId}
          value={draft.vlan}
          onChange={(e) => onEdit({ vlan: e.target.value as FlowDraft['vlan'] })}
          data-testid="traffic-vlan"
        >
          <option value="default">
            {draft.destination.startsWith('vm:')
              ? `the VM’s: ${vmVlan === null ? 'untagged' : `VLAN ${vmVlan}`}`
              : 'untagged'}
          </option>
          <option value="untagged">untagged</option>
          <option value="tagged">tagged with VLAN…</option>
        </Select>
        {draft.vlan === 'tagged' &&
          TAG_FIELDS.map((field) => <TagField key={field.key} field={field} draft={draft} onEdit={onEdit} />)}
      </FieldRow>
    </>
  );
}

function NumberRow({
  label,
  value,
  onChange,
  note,
  testId,
  children,
}: {
  label: string;
  value: number;
  onChange: (n: number) => void;
  note?: ReactNode;
  testId: string;
  children?: ReactNode;
}) {
  const id = useId();
  return (
    <FieldRow label={label} htmlFor={id} note={note} ndis={false}>
      <NumberInput id={id} className="w-32" value={value} onChange={onChange} data-testid={testId} />
      {children}
    </FieldRow>
  );
}

function PatternRow({ draft, onEdit }: { draft: FlowDraft; onEdit: (patch: Partial<FlowDraft>) => void }) {
  const id = useId();
  return (
    <FieldRow
      label="arrivals"
      htmlFor={id}
      ndis={false}
      note={
        draft.pattern === 'poisson'
          ? 'random gaps with the rate as their mean, drawn from the scenario’s seed'
          : undefined
      }
    >
      <Select
        id={id}
        value={draft.pattern}
        onChange={(e) => onEdit({ pattern: e.target.value as FlowDraft['pattern'] })}
      >
        <option value="constant">evenly spaced</option>
        <option value="poisson">Poisson (bursty)</option>
      </Select>
    </FieldRow>
  );
}

function FlowList({
  title,
  flows,
  empty,
  onStop,
}: {
  title: string;
  flows: FlowState[];
  empty?: string;
  onStop?: (name: string) => void;
}) {
  return (
    <section className="border-t border-slate-100 px-4 py-3" data-testid={`flows-${title.toLowerCase()}`}>
      <h3 className="mb-1.5 text-xs font-semibold tracking-wide text-slate-500 uppercase">{title}</h3>
      {flows.length === 0 && <p className="text-sm text-slate-500">{empty}</p>}
      <ul className="space-y-1.5">
        {flows.map((flow) => (
          <li key={`${flow.name}@${flow.startedNs}`} className="flex items-center gap-2 text-sm" data-testid="flow">
            <div className="min-w-0 flex-1">
              <p className="font-medium text-slate-800">
                <UserText text={flow.name} />
              </p>
              <p className="text-xs text-slate-500">
                {formatCount(flow.count)} × {flow.frameBytes} B to <span className="font-mono">{flow.dst}</span>,{' '}
                {flow.vlanId === null ? 'untagged' : `VLAN ${flow.vlanId}`}, every {formatUs(flow.intervalNs)} µs
                {flow.sent !== undefined && ` · sent ${formatCount(flow.sent)}`}
              </p>
            </div>
            {onStop && (
              <Button
                className="h-7 px-2 text-xs"
                onClick={() => onStop(flow.name)}
                aria-label={`Stop ${flow.name}`}
                data-testid="flow-stop"
              >
                Stop
              </Button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The 802.1Q tag's numbers, beside the tag choice: its VLAN ID, and its priority code point (0–7). */
const TAG_FIELDS = [
  { key: 'vlanId', label: 'VID', className: 'ml-2 w-20', accept: (n: number) => n, testId: 'traffic-vlan-id' },
  {
    key: 'priority',
    label: 'PCP',
    className: 'ml-1 w-12',
    accept: (n: number) => Math.min(7, Math.max(0, n || 0)),
    testId: 'traffic-vlan-pcp',
  },
] as const;

function TagField({
  field: { key, label, className, accept, testId },
  draft,
  onEdit,
}: {
  field: (typeof TAG_FIELDS)[number];
  draft: FlowDraft;
  onEdit: (patch: Partial<FlowDraft>) => void;
}) {
  const id = useId();
  return (
    <label htmlFor={id} className="text-xs text-slate-500">
      {label}
      <NumberInput
        id={id}
        className={className}
        value={draft[key]}
        onChange={(n) => onEdit({ [key]: accept(n) })}
        data-testid={testId}
      />
    </label>
  );
}
