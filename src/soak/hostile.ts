/**
 * Hostile steps: what a careless or malicious user can hand the engine through the OID console's raw JSON, a
 * scenario file or the traffic controls. Each one must end in a clear answer (a failure status, or an Error that
 * says what is wrong), never a TypeError, a RangeError, a hang, or a state the invariants reject.
 */
import fc from 'fast-check';
import type { Engine, FlowSpec, OidName, OidRequest } from '../engine/index.ts';
import { parseRef, resolveValue, ScenarioRuntimeError, type RefScope, type SavedRequest } from '../scenario/refs.ts';
import { BINDINGS, filterParameters, MACS, queueParameters, VMS } from './history.ts';

/** What kind of bad value a step carries, and where it goes: an OID buffer or a traffic flow. */
export type HostileClass =
  | 'oid:fractional'
  | 'oid:negative'
  | 'oid:huge'
  | 'oid:nan-like'
  | 'oid:unknown-field'
  | 'oid:inherited-ref'
  | 'oid:binding-name'
  | 'traffic:fractional'
  | 'traffic:negative'
  | 'traffic:huge'
  | 'traffic:nan-like';

export const HOSTILE_CLASSES: readonly HostileClass[] = [
  'oid:fractional',
  'oid:negative',
  'oid:huge',
  'oid:nan-like',
  'oid:unknown-field',
  'oid:inherited-ref',
  'oid:binding-name',
  'traffic:fractional',
  'traffic:negative',
  'traffic:huge',
  'traffic:nan-like',
];

type NumberClass = 'fractional' | 'negative' | 'huge' | 'nan-like';
const VALUES: Record<NumberClass, readonly unknown[]> = {
  fractional: [0.5, 1.5, 2.25, 1e-9],
  negative: [-1, -16, -0.5, -(2 ** 31), -0],
  huge: [2 ** 31, 2 ** 32, 2 ** 53, Number.MAX_SAFE_INTEGER, 1e300],
  'nan-like': [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 'NaN', '2', '', null, true, [], {}],
};
const NUMBER_CLASSES = Object.keys(VALUES) as NumberClass[];

/** Numeric fields of each OID's buffer, as paths into the valid buffer the history would send. */
const OID_FIELDS = {
  OID_RECEIVE_FILTER_ALLOCATE_QUEUE: [
    ['ProcessorAffinity', 'Mask'],
    ['ProcessorAffinity', 'Group'],
    ['NumSuggestedReceiveBuffers'],
    ['LookaheadSize'],
  ],
  OID_RECEIVE_FILTER_SET_FILTER: [['QueueId'], ['FieldParameters', '1', 'FieldShortValue']],
  OID_RECEIVE_FILTER_QUEUE_PARAMETERS: [['QueueId'], ['ProcessorAffinity', 'Mask'], ['NumSuggestedReceiveBuffers']],
  OID_RECEIVE_FILTER_FREE_QUEUE: [['QueueId']],
  OID_RECEIVE_FILTER_CLEAR_FILTER: [['QueueId'], ['FilterId']],
  OID_RECEIVE_FILTER_QUEUE_ALLOCATION_COMPLETE: [['Elements', '0', 'QueueId']],
} as const satisfies Partial<Record<OidName, readonly (readonly string[])[]>>;
type HostileOid = keyof typeof OID_FIELDS;
const HOSTILE_OIDS = Object.keys(OID_FIELDS) as HostileOid[];

/** Keys no structure has: a misspelling, and names every object inherits. */
const UNKNOWN_KEYS = ['NumSuggestedReceiveBufers', 'QueueID', '__proto__', 'constructor', 'toString'];
/** References to the latest ALLOCATE_QUEUE output ("q"): inherited properties, and one own field to compare. */
const REFS = ['$q.toString', '$q.constructor', '$q.__proto__', '$q.hasOwnProperty', '$q.valueOf', '$q.QueueId'];
const BINDING_NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty'];
const FLOW_FIELDS = ['count', 'intervalNs', 'frameBytes', 'vlanId', 'priority', 'etherType'] as const;

export type HostileAction =
  | { k: 'hostileOid'; oid: HostileOid; field: number; cls: NumberClass; value: number }
  | { k: 'hostileField'; oid: HostileOid; key: number }
  | { k: 'hostileRef'; ref: number; asQueueId: boolean }
  | { k: 'hostileBinding'; name: number; close: boolean }
  | { k: 'hostileFlow'; field: (typeof FLOW_FIELDS)[number]; cls: NumberClass; value: number };

/** Hostile steps are the kinds that start with "hostile". */
export const isHostile = (step: { k: string }): step is HostileAction => step.k.startsWith('hostile');

export function classOf(a: HostileAction): HostileClass {
  switch (a.k) {
    case 'hostileOid':
      return `oid:${a.cls}`;
    case 'hostileField':
      return 'oid:unknown-field';
    case 'hostileRef':
      return 'oid:inherited-ref';
    case 'hostileBinding':
      return 'oid:binding-name';
    case 'hostileFlow':
      return `traffic:${a.cls}`;
  }
}

const hostileValue = (cls: NumberClass, n: number): unknown => VALUES[cls][n % VALUES[cls].length];

const hostileArb: fc.Arbitrary<HostileAction> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      k: fc.constant('hostileOid' as const),
      oid: fc.constantFrom(...HOSTILE_OIDS),
      field: fc.nat(9),
      cls: fc.constantFrom(...NUMBER_CLASSES),
      value: fc.nat(99),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      k: fc.constant('hostileField' as const),
      oid: fc.constantFrom(...HOSTILE_OIDS),
      key: fc.nat(UNKNOWN_KEYS.length - 1),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      k: fc.constant('hostileRef' as const),
      ref: fc.nat(REFS.length - 1),
      asQueueId: fc.boolean(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      k: fc.constant('hostileBinding' as const),
      name: fc.nat(BINDING_NAMES.length - 1),
      close: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      k: fc.constant('hostileFlow' as const),
      field: fc.constantFrom(...FLOW_FIELDS),
      cls: fc.constantFrom(...NUMBER_CLASSES),
      value: fc.nat(99),
    }),
  },
);

/** Hostile steps of the given classes only (none at all when the list is empty). */
export const hostileActionArb = (classes: readonly HostileClass[]): fc.Arbitrary<HostileAction> | null =>
  classes.length === 0 ? null : hostileArb.filter((a) => classes.includes(classOf(a)));

/** The valid buffer the history would send for `oid`, aimed at the newest queue and filter. */
function validBuffer(e: Engine, oid: HostileOid): Record<string, unknown> {
  const v = e.view();
  const queueId = v.queues.at(-1)?.QueueId ?? 0;
  const filter = v.filters.at(-1);
  switch (oid) {
    case 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE':
      return queueParameters({ k: 'allocate', b: 0, mask: 2, perQueue: false, split: false, buffers: 16 });
    case 'OID_RECEIVE_FILTER_SET_FILTER':
      return filterParameters(queueId, MACS[1]!, 20);
    case 'OID_RECEIVE_FILTER_QUEUE_PARAMETERS':
      return {
        QueueId: queueId,
        Flags: ['NDIS_RECEIVE_QUEUE_PARAMETERS_PROCESSOR_AFFINITY_CHANGED'],
        ProcessorAffinity: { Mask: 4, Group: 0 },
        NumSuggestedReceiveBuffers: 16,
      };
    case 'OID_RECEIVE_FILTER_FREE_QUEUE':
      return { QueueId: queueId };
    case 'OID_RECEIVE_FILTER_CLEAR_FILTER':
      return { QueueId: filter?.QueueId ?? queueId, FilterId: filter?.FilterId ?? 1 };
    case 'OID_RECEIVE_FILTER_QUEUE_ALLOCATION_COMPLETE':
      return { Elements: [{ QueueId: queueId }] };
  }
}

/** `buffer` with the value at `path` replaced (containers on the way are copied, never shared). */
function withValue(buffer: Record<string, unknown>, path: readonly string[], value: unknown): Record<string, unknown> {
  const [head, ...rest] = path as [string, ...string[]];
  const copy: Record<string, unknown> = Array.isArray(buffer) ? ([...buffer] as never) : { ...buffer };
  // defineProperty, so that "__proto__" becomes an own key as JSON.parse would make it, not a prototype change.
  const inner = rest.length === 0 ? value : withValue((copy[head] ?? {}) as Record<string, unknown>, rest, value);
  Object.defineProperty(copy, head, { value: inner, enumerable: true, writable: true, configurable: true });
  return copy;
}

/** What the soak knows besides the engine: the newest ALLOCATE_QUEUE request, which "$q" references name. */
export interface HostileContext {
  latestAllocation: number | null;
}

/** Plays one hostile step; returns what went wrong, or null when the engine gave a clear answer. */
export function playHostile(e: Engine, a: HostileAction, index: number, context: HostileContext): string | null {
  switch (a.k) {
    case 'hostileOid': {
      const fields = OID_FIELDS[a.oid];
      const path = fields[a.field % fields.length]!;
      const buffer = withValue(validBuffer(e, a.oid), path, hostileValue(a.cls, a.value));
      return requestProblem(e, { oid: a.oid, buffer });
    }
    case 'hostileField':
      return requestProblem(e, { oid: a.oid, buffer: withValue(validBuffer(e, a.oid), [UNKNOWN_KEYS[a.key]!], 1) });
    case 'hostileRef':
      return referenceProblem(e, REFS[a.ref]!, a.asQueueId, index, context);
    case 'hostileBinding': {
      const binding = BINDING_NAMES[a.name]!;
      const buffer = validBuffer(e, 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE');
      const problem = requestProblem(e, { oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE', binding, buffer });
      if (problem !== null || !a.close) return problem;
      return thrownProblem(`closeBinding("${binding}")`, () => e.closeBinding(binding), false);
    }
    case 'hostileFlow': {
      const flow: FlowSpec = { name: `hostile ${index}`, dst: MACS[0]!, frameBytes: 300, count: 3, intervalNs: 500 };
      const bad = { ...flow, [a.field]: hostileValue(a.cls, a.value) } as FlowSpec;
      return thrownProblem(
        `startFlow(${a.field}: ${String(hostileValue(a.cls, a.value))})`,
        () => e.startFlow(bad),
        true,
      );
    }
  }
}

function requestProblem(e: Engine, request: OidRequest): string | null {
  const what = `${request.oid} with ${printable(request.buffer)}${request.binding ? ` from "${request.binding}"` : ''}`;
  return thrownProblem(what, () => e.request(request), false);
}

/** A bad request must come back as a status; a bad flow may also be refused with a plain Error that says why. */
function thrownProblem(what: string, run: () => unknown, errorIsAnAnswer: boolean): string | null {
  try {
    run();
    return null;
  } catch (error) {
    if (errorIsAnAnswer && error instanceof Error && error.constructor === Error) return null;
    return `${what} threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;
  }
}

function referenceProblem(
  e: Engine,
  text: string,
  asQueueId: boolean,
  index: number,
  context: HostileContext,
): string | null {
  const result = context.latestAllocation === null ? undefined : e.result(context.latestAllocation);
  const saved: SavedRequest | undefined = result && {
    stepIndex: index,
    oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE',
    ...(result.completedAtNs === undefined ? {} : { status: result.status }),
    ...(result.output ? { output: result.output } : {}),
  };
  const scope: RefScope = {
    saved: (name) => (name === 'q' ? saved : undefined),
    vm: (name) => VMS.find((vm) => vm.name === name),
  };
  let value: unknown;
  try {
    value = resolveValue(text, scope);
  } catch (error) {
    return error instanceof ScenarioRuntimeError ? null : `reference ${text} threw ${String(error)}`;
  }
  const parsed = parseRef(text);
  const fields = parsed && 'ref' in parsed && parsed.ref.kind === 'saved' ? parsed.ref.fields : [];
  if (!ownPath(saved?.output, fields)) return `reference ${text} resolved to an inherited property (${typeof value})`;
  const buffer = asQueueId
    ? { QueueId: value }
    : { ...validBuffer(e, 'OID_RECEIVE_FILTER_QUEUE_PARAMETERS'), QueueName: value };
  const oid: OidName = asQueueId ? 'OID_RECEIVE_FILTER_FREE_QUEUE' : 'OID_RECEIVE_FILTER_QUEUE_PARAMETERS';
  return requestProblem(e, { oid, buffer, binding: BINDINGS[0] });
}

/** Whether every step of `fields` is an own property, as a reference into an OID's output must be. */
function ownPath(root: unknown, fields: readonly string[]): boolean {
  let current = root;
  for (const field of fields) {
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, field)) return false;
    current = (current as Record<string, unknown>)[field];
  }
  return true;
}

/** A short, printable account of a buffer (hostile values include NaN and Infinity, which JSON would hide). */
function printable(buffer: unknown): string {
  const text = JSON.stringify(buffer, (_key, value: unknown) =>
    typeof value === 'number' && !Number.isFinite(value) ? String(value) : value,
  );
  return text === undefined ? String(buffer) : text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
