/** The faults of the NIC, the platform and the guest (docs/scenario-format.md, the `fault` step), one trigger each. */
import { useId, useState, type ReactNode } from 'react';
import type { Fault, QueueId, QueueView } from '../../engine/index.ts';
import { useSide, useSideVms } from '../side/SideProvider.tsx';
import { FieldGroup, FieldRow, NumberInput, Select } from '../ui/formControls.tsx';
import { Button } from '../ui/primitives.tsx';
import { UserText, VmOption } from '../ui/UserText.tsx';
import { microseconds, wholeNumber } from './durations.ts';
import { QueueSelect, stillOffered } from './QueueSelect.tsx';

type MemoryStatus = Extract<Fault, { kind: 'shared-memory-exhausted' }>['status'];

export function FaultTriggers({ queues }: { queues: readonly QueueView[] }) {
  const { act } = useSide();
  const vms = useSideVms();
  const ids = { blocks: useId(), memoryStatus: useId(), dpcQueue: useId(), dpcDelay: useId(), vm: useId() };
  const [blocks, setBlocks] = useState(1);
  const [memoryStatus, setMemoryStatus] = useState<MemoryStatus>('NDIS_STATUS_RESOURCES');
  const [dpcQueue, setDpcQueue] = useState<QueueId | null>(null);
  const [dpcDelayUs, setDpcDelayUs] = useState(2000);
  const [vm, setVm] = useState<string | null>(null);
  const inject = (fault: Fault) => act((client) => client.injectFault(fault));
  const live = queues.filter((q) => q.state !== 'Undefined');
  const queueId = stillOffered(dpcQueue, live, true);
  const delayNs = microseconds(dpcDelayUs);
  const migrating = vm !== null && vms.some((v) => v.name === vm) ? vm : (vms[0]?.name ?? null);
  return (
    <div className="space-y-2.5">
      <FieldGroup legend="Surprise removal" ndis={false}>
        <Trigger effect="The NIC is gone: no more frames arrive, and the miniport answers every request with NDIS_STATUS_NOT_ACCEPTED until NDIS halts it (MiniportHaltEx above).">
          {(describedBy) => (
            <Button
              className="text-xs"
              aria-describedby={describedBy}
              onClick={() => inject({ kind: 'surprise-removal' })}
              data-testid="surprise-removal"
            >
              Surprise-remove the NIC
            </Button>
          )}
        </Trigger>
      </FieldGroup>
      <FieldGroup legend="Shared memory runs out" ndis={false}>
        <FieldRow label="after (blocks)" htmlFor={ids.blocks} ndis={false}>
          <NumberInput id={ids.blocks} className="w-20" value={blocks} onChange={setBlocks} />
          <Select
            id={ids.memoryStatus}
            aria-label="Status"
            className="font-mono"
            value={memoryStatus}
            onChange={(e) => setMemoryStatus(e.target.value as MemoryStatus)}
          >
            <option value="NDIS_STATUS_RESOURCES">NDIS_STATUS_RESOURCES</option>
            <option value="NDIS_STATUS_FAILURE">NDIS_STATUS_FAILURE</option>
          </Select>
        </FieldRow>
        <Trigger effect="NdisAllocateSharedMemory succeeds this many more times, then fails until the adapter halts: a queue’s allocation can fail part-way.">
          {(describedBy) => (
            <Button
              className="text-xs"
              aria-describedby={describedBy}
              disabled={!wholeNumber(blocks, 0)}
              onClick={() => inject({ kind: 'shared-memory-exhausted', afterBlocks: blocks, status: memoryStatus })}
              data-testid="shared-memory-exhausted"
            >
              Exhaust shared memory
            </Button>
          )}
        </Trigger>
      </FieldGroup>
      <FieldGroup legend="A DPC runs late" ndis={false}>
        <FieldRow label="QueueId" htmlFor={ids.dpcQueue}>
          <QueueSelect id={ids.dpcQueue} queues={live} value={queueId} onChange={setDpcQueue} />
        </FieldRow>
        <FieldRow label="later by (µs)" htmlFor={ids.dpcDelay} ndis={false}>
          <NumberInput id={ids.dpcDelay} className="w-24" value={dpcDelayUs} onChange={setDpcDelayUs} />
          <Button
            className="text-xs"
            disabled={delayNs === undefined}
            onClick={() => delayNs !== undefined && inject({ kind: 'delay-dpc', queueId, delayNs })}
            data-testid="delay-dpc"
          >
            Delay the next DPC
          </Button>
        </FieldRow>
      </FieldGroup>
      {migrating !== null && (
        <FieldGroup legend="Live migration" ndis={false}>
          <FieldRow label="VM" htmlFor={ids.vm} ndis={false}>
            <Select id={ids.vm} value={migrating} onChange={(e) => setVm(e.target.value)}>
              {vms.map((v) => (
                <VmOption key={v.name} vm={v} value={v.name} />
              ))}
            </Select>
          </FieldRow>
          <Trigger effect="The VM pauses mid-I/O and moves away: the VSP returns its NBLs, its binding clears its filters and frees its queue, and its frames fall back to the default queue.">
            {(describedBy) => (
              <Button
                className="text-xs"
                aria-describedby={describedBy}
                onClick={() => inject({ kind: 'live-migration', vm: migrating })}
                data-testid="live-migration"
              >
                Live-migrate
                <UserText text={migrating} />
              </Button>
            )}
          </Trigger>
        </FieldGroup>
      )}
    </div>
  );
}

/** A trigger and, beside it, what it does: said before the click, since the sandbox asks no confirmation. */
function Trigger({ effect, children }: { effect: string; children: (describedBy: string) => ReactNode }) {
  const id = useId();
  return (
    <div className="flex items-baseline gap-3">
      <div className="shrink-0">{children(id)}</div>
      <p id={id} className="text-xs text-slate-600">
        {effect}
      </p>
    </div>
  );
}
