/**
 * The one change a fork makes: a MAC filter set on a queue (OID_RECEIVE_FILTER_SET_FILTER), a filter cleared
 * (OID_RECEIVE_FILTER_CLEAR_FILTER), a queue moved to another processor (OID_RECEIVE_FILTER_QUEUE_PARAMETERS), a
 * flow of traffic started, or the overlying driver's return latency changed, sent to the fork alone at the
 * original's current position. Forks branch from
 * the original; a fork of a fork is not offered, and the page shows at most as many sides as its width has room for.
 */
import { useEffect, useRef, useState } from 'react';
import { usePage, usePageStore } from '../page/PageProvider.tsx';
import { useSide, useSideStore, useSideVms } from '../side/SideProvider.tsx';
import { formatUs } from '../ui/format.ts';
import { Button } from '../ui/primitives.tsx';
import { actionOf, defaultChange, type ForkChange } from './forkChange.ts';

const FORK_FRAME_LABEL = '128-byte';
import { addFork, maxSides } from './openFork.ts';

const FIELD =
  'h-8 rounded-md border border-slate-300 bg-white px-2 font-mono text-sm text-slate-800 focus-visible:outline-2 focus-visible:outline-sky-600';

export function ForkDialog({ onClose }: { onClose: () => void }) {
  const page = usePage();
  const { store } = useSide();
  const view = useSideStore((s) => s.view);
  const simTimeNs = useSideStore((s) => s.simTimeNs);
  const vms = useSideVms();
  const sides = usePageStore((s) => s.sides.length);
  const dialog = useRef<HTMLDialogElement>(null);
  const [change, setChange] = useState<ForkChange>(() => defaultChange(store.getState().view, vms));
  const [busy, setBusy] = useState(false);
  const room = maxSides(window.innerWidth);
  const full = sides >= room;
  useEffect(() => dialog.current?.showModal(), []);
  const queues = view?.queues ?? [];
  const filters = view?.filters ?? [];
  const vmQueues = queues.filter((q) => q.QueueId !== 0);
  const cpus = useSideStore((s) => s.scenario?.cpus ?? 1);

  const fork = async () => {
    setBusy(true);
    await addFork(page, actionOf(change));
    onClose();
  };

  return (
    <dialog
      ref={dialog}
      onClose={onClose}
      aria-labelledby="fork-title"
      data-testid="fork-dialog"
      className="m-auto w-[28rem] max-w-[95vw] rounded-lg border border-slate-200 bg-white p-5 text-sm text-slate-700 shadow-xl backdrop:bg-slate-900/40"
    >
      <h2 id="fork-title" className="text-base font-semibold text-slate-900">
        Fork at t = <span className="font-mono tabular-nums">{formatUs(simTimeNs)} µs</span>
      </h2>
      <p className="mt-1 text-slate-600">
        Change one thing here; both futures then play side by side in lockstep, and a summary says what differs.
      </p>
      <fieldset className="mt-4 flex flex-col gap-3">
        <legend className="sr-only">The change</legend>
        <label className="flex items-center gap-2">
          <input
            type="radio"
            name="fork-kind"
            checked={change.kind === 'set-filter'}
            onChange={() => setChange(defaultChange(view, vms))}
            data-testid="fork-kind-set"
          />
          <span className="font-mono">OID_RECEIVE_FILTER_SET_FILTER</span>
        </label>
        {change.kind === 'set-filter' && (
          <div className="ml-6 grid grid-cols-[auto_1fr] items-center gap-x-3 gap-y-2">
            <label htmlFor="fork-mac">Destination MAC</label>
            <input
              id="fork-mac"
              className={FIELD}
              value={change.mac}
              onChange={(e) => setChange({ ...change, mac: e.target.value })}
              data-testid="fork-mac"
            />
            <label htmlFor="fork-queue">QueueId</label>
            <select
              id="fork-queue"
              className={FIELD}
              value={change.queueId}
              onChange={(e) => setChange({ ...change, queueId: Number(e.target.value) })}
              data-testid="fork-queue"
            >
              {queues.map((q) => (
                <option key={q.QueueId} value={q.QueueId}>
                  {q.QueueId}
                  {q.VmName ? ` (${q.VmName})` : ''}
                </option>
              ))}
            </select>
          </div>
        )}
        <label className="flex items-center gap-2">
          <input
            type="radio"
            name="fork-kind"
            checked={change.kind === 'clear-filter'}
            disabled={filters.length === 0}
            onChange={() => {
              const [filter] = filters;
              if (filter) setChange({ kind: 'clear-filter', filterId: filter.FilterId, queueId: filter.QueueId });
            }}
            data-testid="fork-kind-clear"
          />
          <span className="font-mono">OID_RECEIVE_FILTER_CLEAR_FILTER</span>
          {filters.length === 0 && <span className="text-slate-500">(no filter is set yet)</span>}
        </label>
        {change.kind === 'clear-filter' && (
          <div className="ml-6 flex items-center gap-3">
            <label htmlFor="fork-filter">FilterId</label>
            <select
              id="fork-filter"
              className={FIELD}
              value={change.filterId}
              onChange={(e) => {
                const filter = filters.find((f) => f.FilterId === Number(e.target.value));
                if (filter) setChange({ kind: 'clear-filter', filterId: filter.FilterId, queueId: filter.QueueId });
              }}
            >
              {filters.map((f) => (
                <option key={f.FilterId} value={f.FilterId}>
                  {f.FilterId} on QueueId {f.QueueId}
                </option>
              ))}
            </select>
          </div>
        )}
        <label className="flex items-center gap-2">
          <input
            type="radio"
            name="fork-kind"
            checked={change.kind === 'affinity'}
            disabled={vmQueues.length === 0}
            onChange={() => {
              const [queue] = vmQueues;
              if (queue) setChange({ kind: 'affinity', queueId: queue.QueueId, cpu: (queue.cpu + 1) % cpus });
            }}
            data-testid="fork-kind-affinity"
          />
          <span className="font-mono">OID_RECEIVE_FILTER_QUEUE_PARAMETERS</span>
          <span className="text-slate-500">{vmQueues.length === 0 ? '(no VM queue yet)' : 'processor affinity'}</span>
        </label>
        {change.kind === 'affinity' && (
          <div className="ml-6 grid grid-cols-[auto_1fr] items-center gap-x-3 gap-y-2">
            <label htmlFor="fork-affinity-queue">QueueId</label>
            <select
              id="fork-affinity-queue"
              className={FIELD}
              value={change.queueId}
              onChange={(e) => setChange({ ...change, queueId: Number(e.target.value) })}
            >
              {vmQueues.map((q) => (
                <option key={q.QueueId} value={q.QueueId}>
                  {q.QueueId}
                  {q.VmName ? ` (${q.VmName})` : ''} · now CPU {q.cpu}
                </option>
              ))}
            </select>
            <label htmlFor="fork-cpu">CPU</label>
            <select
              id="fork-cpu"
              className={FIELD}
              value={change.cpu}
              onChange={(e) => setChange({ ...change, cpu: Number(e.target.value) })}
              data-testid="fork-cpu"
            >
              {Array.from({ length: cpus }, (_, cpu) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: the index is the CPU number the option stands for.
                <option key={cpu} value={cpu}>
                  {cpu}
                </option>
              ))}
            </select>
          </div>
        )}
        <label className="flex items-center gap-2">
          <input
            type="radio"
            name="fork-kind"
            checked={change.kind === 'traffic'}
            onChange={() =>
              setChange({ kind: 'traffic', dst: vms[0]?.mac ?? '00-15-5D-00-00-01', count: 20, intervalNs: 1000 })
            }
            data-testid="fork-kind-traffic"
          />
          <span>Traffic: a flow of {FORK_FRAME_LABEL} frames</span>
        </label>
        {change.kind === 'traffic' && (
          <div className="ml-6 grid grid-cols-[auto_1fr] items-center gap-x-3 gap-y-2">
            <label htmlFor="fork-dst">Destination MAC</label>
            <input
              id="fork-dst"
              className={FIELD}
              value={change.dst}
              onChange={(e) => setChange({ ...change, dst: e.target.value })}
              data-testid="fork-dst"
            />
            <label htmlFor="fork-count">Frames</label>
            <input
              id="fork-count"
              type="number"
              min={1}
              max={10_000}
              className={FIELD}
              value={change.count}
              onChange={(e) => setChange({ ...change, count: Math.max(1, Math.trunc(Number(e.target.value))) })}
            />
            <label htmlFor="fork-interval">Every (µs)</label>
            <input
              id="fork-interval"
              type="number"
              min={1}
              className={FIELD}
              value={change.intervalNs / 1000}
              onChange={(e) =>
                setChange({ ...change, intervalNs: Math.max(1, Math.round(Number(e.target.value))) * 1000 })
              }
            />
          </div>
        )}
        <label className="flex items-center gap-2">
          <input
            type="radio"
            name="fork-kind"
            checked={change.kind === 'return-latency'}
            onChange={() => setChange({ kind: 'return-latency', latencyNs: null })}
            data-testid="fork-kind-latency"
          />
          <span>Return latency of the overlying driver</span>
        </label>
        {change.kind === 'return-latency' && (
          <div className="ml-6 flex items-center gap-3">
            <label htmlFor="fork-latency">NBLs come back after (µs)</label>
            <input
              id="fork-latency"
              type="number"
              min={0}
              className={`${FIELD} w-24`}
              disabled={change.latencyNs === null}
              value={change.latencyNs === null ? '' : change.latencyNs / 1000}
              onChange={(e) =>
                setChange({ ...change, latencyNs: Math.max(0, Math.round(Number(e.target.value))) * 1000 })
              }
            />
            <label className="flex items-center gap-1.5">
              <input
                type="checkbox"
                checked={change.latencyNs === null}
                onChange={(e) => setChange({ ...change, latencyNs: e.target.checked ? null : 20_000 })}
                data-testid="fork-latency-never"
              />
              never (a guest that keeps its buffers)
            </label>
          </div>
        )}
      </fieldset>
      <p className="mt-4 text-xs text-slate-500">
        Forks branch from the original (a fork of a fork is not offered); this window has room for {room} sides. The
        profile is compare mode’s job: a NIC’s NDIS version does not change mid-run.
      </p>
      {full && (
        <p role="alert" className="mt-2 text-xs text-amber-800">
          The page already shows {sides} sides, all this width has room for: close a fork first.
        </p>
      )}
      <div className="mt-4 flex justify-end gap-2">
        <Button variant="quiet" onClick={onClose}>
          Cancel
        </Button>
        <Button variant="primary" disabled={busy || full} onClick={() => void fork()} data-testid="fork-confirm">
          {busy ? 'Forking…' : 'Fork'}
        </Button>
      </div>
    </dialog>
  );
}
