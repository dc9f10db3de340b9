/**
 * "Save as scenario": what happened in a session, written as a scenario file that replays it. The natural way to
 * write a scenario is to do it once in the playground and save it.
 *
 * What happened is a list of instant steps, each at the virtual time it ran (the scenario's own steps as the file
 * had them, and the user's requests, traffic and returns as the steps that issue them), and of the times the engine
 * ran what it had scheduled. Those runs are written as `advance` steps, so a scenario's advance cut short by a
 * user's request, or a runUntilIdle, becomes the time it really took; a run that moved no time (Step instant at the
 * instant of the last step: a new flow's first frame) is an advance of 0 ns, since that too runs what is due. The
 * engine is deterministic: the same steps at the same times give the same adapter, and a closing `expect` says so,
 * checked by `vmq run` like any other expectation.
 */
import type {
  AdapterAction,
  AdapterView,
  Fault,
  FlowSpec,
  OidRequest,
  QueueId,
  QueueView,
  TimeNs,
} from '../engine/index.ts';
import { DROP_REASONS } from '../engine/index.ts';
import { formatDuration } from './duration.ts';
import { queueFacts } from './expect.ts';
import { MAX_TITLE_CHARS } from './limits.ts';
import { plural } from './plural.ts';
import type { Scenario } from './schema.ts';
import type { InstantStep } from './session.ts';
import { SCENARIO_FORMAT, SCENARIO_VERSION } from './version.ts';

/** What the user did, as the protocol's commands carry it. */
export type UserAction =
  | { kind: 'request-oid'; request: OidRequest }
  | { kind: 'start-traffic'; flow: FlowSpec }
  | { kind: 'stop-traffic'; flow: string }
  | { kind: 'return-nbls'; queueId: QueueId | null; count: number | 'all' }
  | { kind: 'adapter-action'; action: AdapterAction }
  | { kind: 'close-binding'; binding: string }
  | { kind: 'inject-fault'; fault: Fault };

/** A step of the written file, in the file's own JSON form. */
export type WrittenStep = Record<string, unknown>;

export type Happened =
  /** An instant step that ran at `tNs`: the scenario's, or the user's. */
  | { tNs: TimeNs; step: WrittenStep; by: 'scenario' | 'user' }
  /** The engine ran everything scheduled up to and including `tNs`. */
  | { tNs: TimeNs; ran: true };

/** The file's step for a scenario step: parsed steps are valid input as they are (durations are integer ns). */
export const scenarioStep = (step: InstantStep): WrittenStep => structuredClone(step) as WrittenStep;

/** The file's step that does what the user did. */
export function actionStep(action: UserAction): WrittenStep {
  switch (action.kind) {
    case 'request-oid': {
      const { oid, requestType, binding, buffer, bufferLength } = action.request;
      return defined({ oid, requestType, binding, buffer: buffer && structuredClone(buffer), bufferLength });
    }
    case 'start-traffic': {
      const { intervalNs, ...flow } = action.flow;
      return { traffic: defined({ ...flow, interval: formatDuration(intervalNs) }) };
    }
    case 'stop-traffic':
      return { stopTraffic: action.flow };
    case 'return-nbls':
      return { returnNbls: defined({ QueueId: action.queueId ?? undefined, count: action.count }) };
    case 'adapter-action':
      return { adapter: action.action };
    case 'close-binding':
      return { closeBinding: action.binding };
    case 'inject-fault':
      return { fault: faultStep(action.fault) };
  }
}

/** A fault as the `fault` step writes it (docs/scenario-format.md), defaults left out as a person would. */
function faultStep(fault: Fault): unknown {
  const queue = (queueId: QueueId | null) => (queueId === null ? {} : { QueueId: queueId });
  const duration = (ns: number | null) => (ns === null ? null : formatDuration(ns));
  switch (fault.kind) {
    case 'refuse-oid':
      return { refuseOid: fault.oid, status: fault.status, count: fault.count };
    case 'pend-oid':
      return { pendOid: fault.oid, delay: duration(fault.delayNs) };
    case 'shared-memory-exhausted':
      return {
        sharedMemoryExhausted: defined({
          afterBlocks: fault.afterBlocks,
          status: fault.status === 'NDIS_STATUS_RESOURCES' ? undefined : fault.status,
        }),
      };
    case 'surprise-removal':
      return 'surpriseRemoval';
    case 'delay-dpc':
      return { delayDpc: { ...queue(fault.queueId), delay: formatDuration(fault.delayNs) } };
    case 'withhold-nbls':
      return { [fault.on ? 'withholdNbls' : 'resumeNbls']: queue(fault.queueId) };
    case 'return-latency':
      return { returnLatency: duration(fault.latencyNs) };
    case 'live-migration':
      return { liveMigration: fault.vm };
  }
}

export interface SessionScenarioInput {
  scenario: Scenario;
  happened: readonly Happened[];
  /** Virtual time when saved: the file runs to here before its closing expectation. */
  endNs: TimeNs;
  /** The adapter when saved, which the closing expectation pins. */
  view: AdapterView;
}

/** The scenario file (as a JSON value) that replays `happened` on `scenario`'s adapter and checks where it ended. */
export function sessionScenario({ scenario, happened, endNs, view }: SessionScenarioInput): Record<string, unknown> {
  const steps: WrittenStep[] = [];
  let atNs = 0;
  // Runs with no step between them are one advance, written before the next step.
  let advanceNs: number | null = null;
  const runTo = (tNs: number): void => {
    advanceNs = (advanceNs ?? 0) + tNs - atNs;
    atNs = tNs;
  };
  const push = (step: WrittenStep): void => {
    if (advanceNs !== null) steps.push({ advance: formatDuration(advanceNs) });
    advanceNs = null;
    steps.push(step);
  };
  const flows = new Set<unknown>();
  for (const entry of happened) {
    if ('ran' in entry || entry.tNs > atNs) runTo(entry.tNs);
    if ('ran' in entry) continue;
    const { traffic, stopTraffic } = entry.step as { traffic?: { name?: unknown }; stopTraffic?: unknown };
    if (traffic) flows.add(traffic.name);
    // Stopping a flow that never started did nothing, and no scenario may ask for it.
    if (stopTraffic !== undefined && !flows.has(stopTraffic)) continue;
    push(entry.step);
  }
  if (endNs > atNs) runTo(endNs);
  push({ note: 'Saved here: the adapter as it was.' });
  push({ expect: closingExpectation(view) });
  const done = happened.filter((h) => 'by' in h);
  const users = done.filter((h) => h.by === 'user').length;
  const theirs = done.length - users;
  return {
    format: SCENARIO_FORMAT,
    version: SCENARIO_VERSION,
    title: clip(`${scenario.title} (saved session)`, MAX_TITLE_CHARS),
    description:
      `Saved from VMQ Playground: ${plural(theirs, 'step')} of "${scenario.title}" and ${plural(users, 'action')} ` +
      `of the user's, at the virtual times they ran, then a check of the adapter as it was.`,
    seed: scenario.seed,
    adapter: structuredClone(scenario.adapter),
    vms: structuredClone(scenario.vms),
    steps,
  };
}

/** Every queue's state and counters, and the adapter's totals, as they were when saved. */
function closingExpectation(view: AdapterView): Record<string, unknown> {
  return {
    adapter: view.state,
    queue: view.queues.filter((q) => q.state !== 'Undefined').map(queueExpectation),
    totals: {
      arrived: view.totals.arrived,
      indicated: view.totals.indicated,
      returned: view.totals.returned,
      inFlight: view.totals.inFlight,
      dropped: dropped(view.totals.dropped),
    },
  };
}

/** Everything a queue expectation can name, read the way the checker reads it. */
const queueExpectation = (queue: QueueView): Record<string, unknown> => ({
  QueueId: queue.QueueId,
  ...queueFacts(queue),
  dropped: dropped(queue.counters.dropped),
});

/** Only the reasons that dropped something: a file that lists every reason at 0 is noise to read. */
function dropped(counts: Partial<Record<(typeof DROP_REASONS)[number], number>>): Record<string, number> {
  return Object.fromEntries(DROP_REASONS.flatMap((reason) => (counts[reason] ? [[reason, counts[reason]]] : [])));
}

/** `object` without its undefined members, which JSON would drop anyway and a reader should not see. */
function defined(object: Record<string, unknown>): WrittenStep {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined));
}

const clip = (text: string, max: number): string => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);
