/**
 * How the miniport answers one OID from now on: pend every request of it (NDIS_STATUS_PENDING, completed after a
 * delay) or answer at once, refuse the next requests (or all of them) with a status, or stop refusing. NDIS still
 * validates each request first: only requests that reach the miniport are pended or refused.
 */
import { useId, useState } from 'react';
import { OID_NAMES, type Fault, type NdisStatusName, type OidName } from '../../engine/index.ts';
import { useSide } from '../side/SideProvider.tsx';
import { Checkbox, FieldGroup, FieldRow, NumberInput, Select } from '../ui/formControls.tsx';
import { Button } from '../ui/primitives.tsx';
import { microseconds, wholeNumber } from './durations.ts';
import { REFUSAL_STATUSES } from './faultControls.ts';

export function OidFaults() {
  const { act } = useSide();
  const ids = { oid: useId(), delay: useId(), status: useId(), count: useId() };
  const [oid, setOid] = useState<OidName>('OID_RECEIVE_FILTER_ALLOCATE_QUEUE');
  const [delayUs, setDelayUs] = useState(50);
  const [status, setStatus] = useState<NdisStatusName>('NDIS_STATUS_RESOURCES');
  const [count, setCount] = useState(1);
  const [always, setAlways] = useState(false);
  const inject = (fault: Fault) => act((client) => client.injectFault(fault));
  const delayNs = microseconds(delayUs);
  const refusals = always ? 'always' : wholeNumber(count, 1) ? count : undefined;
  return (
    <div className="space-y-2.5">
      <FieldRow label="Oid" htmlFor={ids.oid}>
        <Select id={ids.oid} className="font-mono" value={oid} onChange={(e) => setOid(e.target.value as OidName)}>
          {OID_NAMES.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </Select>
      </FieldRow>
      <FieldGroup legend="Pend it" ndis={false}>
        <FieldRow
          label="pend for (µs)"
          htmlFor={ids.delay}
          ndis={false}
          note="Replaces the OID’s pendingOids entry: every request of it completes after the delay."
        >
          <NumberInput id={ids.delay} className="w-24" value={delayUs} onChange={setDelayUs} />
          <Button
            className="text-xs"
            disabled={delayNs === undefined}
            onClick={() => delayNs !== undefined && inject({ kind: 'pend-oid', oid, delayNs })}
            data-testid="pend-oid"
          >
            Pend (NDIS_STATUS_PENDING)
          </Button>
          <Button
            className="text-xs"
            onClick={() => inject({ kind: 'pend-oid', oid, delayNs: null })}
            data-testid="answer-at-once"
          >
            Answer at once
          </Button>
        </FieldRow>
      </FieldGroup>
      <FieldGroup legend="Refuse it" ndis={false}>
        <FieldRow label="Status" htmlFor={ids.status}>
          <Select
            id={ids.status}
            className="font-mono"
            value={status}
            onChange={(e) => setStatus(e.target.value as NdisStatusName)}
          >
            {REFUSAL_STATUSES.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </Select>
        </FieldRow>
        <FieldRow label="refuse (requests)" htmlFor={ids.count} ndis={false}>
          <NumberInput id={ids.count} className="w-20" value={count} onChange={setCount} disabled={always} />
          <Checkbox label="every one" checked={always} onChange={(e) => setAlways(e.target.checked)} />
          <Button
            className="text-xs"
            disabled={refusals === undefined}
            onClick={() => refusals !== undefined && inject({ kind: 'refuse-oid', oid, status, count: refusals })}
            data-testid="refuse-oid"
          >
            Refuse
          </Button>
          <Button
            className="text-xs"
            onClick={() => inject({ kind: 'refuse-oid', oid, status, count: 0 })}
            data-testid="stop-refusing"
          >
            Stop refusing
          </Button>
        </FieldRow>
      </FieldGroup>
    </div>
  );
}
