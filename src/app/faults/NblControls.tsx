/**
 * The overlying driver's side of the NBLs: give back what it holds (NdisReturnNetBufferLists), stop giving them
 * back (a guest that never returns its buffers), or change how long it holds them.
 */
import { useId, useState } from 'react';
import type { QueueId, QueueView } from '../../engine/index.ts';
import { useSide } from '../side/SideProvider.tsx';
import { Checkbox, FieldGroup, FieldRow, NumberInput } from '../ui/formControls.tsx';
import { Button } from '../ui/primitives.tsx';
import { QueueSelect, stillOffered } from './QueueSelect.tsx';
import { microseconds, wholeNumber } from './durations.ts';

export function NblControls({ queues }: { queues: readonly QueueView[] }) {
  const { act } = useSide();
  const holding = queues.filter((q) => q.outstandingNbls > 0);
  const ids = { queue: useId(), count: useId(), withhold: useId(), latency: useId() };
  const [chosen, setChosen] = useState<QueueId | null>(null);
  const [count, setCount] = useState(1);
  const [withheld, setWithheld] = useState<QueueId | null>(null);
  const [latencyUs, setLatencyUs] = useState(20);
  const [onRequest, setOnRequest] = useState(false);
  const queue = stillOffered(chosen, holding, true);
  const live = queues.filter((q) => q.state !== 'Undefined');
  const withholdQueue = stillOffered(withheld, live, true);
  const give = (n: number | 'all') => act((client) => client.returnNbls(queue, n));
  const withhold = (on: boolean) =>
    act((client) => client.injectFault({ kind: 'withhold-nbls', queueId: withholdQueue, on }));
  const latencyNs = onRequest ? null : microseconds(latencyUs);
  return (
    <div className="space-y-2.5">
      <FieldGroup legend="NdisReturnNetBufferLists">
        {holding.length === 0 ? (
          <p className="text-sm text-slate-500" data-testid="no-nbls-held">
            The overlying driver holds no NBLs.
          </p>
        ) : (
          <>
            <FieldRow label="QueueId" htmlFor={ids.queue}>
              <QueueSelect id={ids.queue} queues={holding} value={queue} onChange={setChosen} nbls />
            </FieldRow>
            <FieldRow label="count" htmlFor={ids.count} ndis={false} note="The oldest NBLs first.">
              <NumberInput id={ids.count} className="w-20" value={count} onChange={setCount} />
              <Button
                className="font-mono text-xs"
                disabled={!wholeNumber(count, 1)}
                onClick={() => give(count)}
                data-testid="faults-return-count"
              >
                Return {wholeNumber(count, 1) ? count : ''}
              </Button>
              <Button className="font-mono text-xs" onClick={() => give('all')} data-testid="faults-return-all">
                Return all
              </Button>
            </FieldRow>
          </>
        )}
      </FieldGroup>
      <FieldGroup legend="A guest that never returns its buffers" ndis={false}>
        <FieldRow
          label="QueueId"
          htmlFor={ids.withhold}
          note="Withheld NBLs come back only through NdisReturnNetBufferLists above."
        >
          <QueueSelect id={ids.withhold} queues={live} value={withholdQueue} onChange={setWithheld} />
          <Button className="text-xs" onClick={() => withhold(true)} data-testid="withhold-nbls">
            Withhold
          </Button>
          <Button className="text-xs" onClick={() => withhold(false)} data-testid="resume-nbls">
            Resume
          </Button>
        </FieldRow>
      </FieldGroup>
      <FieldGroup legend="How long the overlying driver holds NBLs" ndis={false}>
        <FieldRow label="return latency (µs)" htmlFor={ids.latency} ndis={false}>
          <NumberInput
            id={ids.latency}
            className="w-24"
            value={latencyUs}
            onChange={setLatencyUs}
            disabled={onRequest}
          />
          <Checkbox label="only on request" checked={onRequest} onChange={(e) => setOnRequest(e.target.checked)} />
          <Button
            className="text-xs"
            disabled={latencyNs === undefined}
            onClick={() =>
              latencyNs !== undefined && act((client) => client.injectFault({ kind: 'return-latency', latencyNs }))
            }
            data-testid="return-latency"
          >
            Set
          </Button>
        </FieldRow>
      </FieldGroup>
    </div>
  );
}
