/**
 * The scenario file format ("format": "vmq-scenario", "version": 1) as a zod schema.
 * It is a public contract: course graders write these files, and public/scenario.schema.json is generated
 * from this module. Change it only together with SCENARIO_VERSION and a migration (migrate.ts).
 *
 * Parsing normalizes without changing the meaning: durations become integer ns and MACs their canonical
 * spelling. The output is itself a valid input, so a parsed scenario can be saved and parsed again.
 */
import { z } from 'zod';
import {
  NDIS_RECEIVE_QUEUE_OPERATIONAL_STATE,
  NDIS_REQUEST_TYPE,
  NDIS_SHARED_MEMORY_USAGE,
  NDIS_STATUS,
  OID_NAMES,
  DROP_REASONS,
  type NdisStatusName,
  type OperationalStateName,
  type RequestTypeName,
  type SharedMemoryUsageName,
  type AdapterState,
  type DetailedQueueState,
  type Layer,
  type MiniportOptions,
  type ProfileName,
  type ReceiveFilterCapabilities,
  type Engine,
  type FlowSpec,
} from '../engine/index.ts';
import { DURATION_HELP, DURATION_PATTERN, parseDuration } from './duration.ts';
import { MAC_PATTERN, canonicalMac, isMac } from './mac.ts';
import { flattenIssues, humanIssue, shown } from './errors.ts';
import { looksLikeNdisName, ndisValue } from './ndis-names.ts';
import { quoted } from './quote.ts';
import { NAME_PATTERN, isRecord, parseRef, stringsIn } from './refs.ts';
import { unknownName } from './suggest.ts';

export const SCENARIO_FORMAT = 'vmq-scenario';
export const SCENARIO_VERSION = 1;

/** The members of a string union as an array; the compiler rejects the list when one is missing. */
const allOf =
  <T extends string>() =>
  <const A extends readonly T[]>(values: A & ([T] extends [A[number]] ? unknown : 'a member is missing')): A =>
    values;

const PROFILES = allOf<ProfileName>()(['ws2008r2', 'ws2012', 'legacy-ndis61']);
const QUEUE_STATES = allOf<DetailedQueueState>()([
  'Undefined',
  'Allocated',
  'Set',
  'Running',
  'Paused',
  'StopDma',
  'Freeing',
]);
const ADAPTER_STATES = allOf<AdapterState>()(['Running', 'Paused', 'Resetting', 'Halting', 'Halted']);
const ADAPTER_ACTIONS = allOf<Parameters<Engine['adapterAction']>[0]>()(['pause', 'restart', 'reset', 'halt']);
const LAYERS = allOf<Layer>()(['NDIS', 'miniport']);
const PATTERNS = allOf<NonNullable<FlowSpec['pattern']>>()(['constant', 'poisson']);
const REQUEST_TYPES = Object.keys(NDIS_REQUEST_TYPE) as RequestTypeName[];
const STATUS_NAMES = Object.keys(NDIS_STATUS) as NdisStatusName[];
const OPERATIONAL_STATES = Object.keys(NDIS_RECEIVE_QUEUE_OPERATIONAL_STATE) as OperationalStateName[];
const USAGES = Object.keys(NDIS_SHARED_MEMORY_USAGE) as SharedMemoryUsageName[];

// ── building blocks ─────────────────────────────────────────────────────────────────────────────────────

/** An enum whose near-miss values get a "did you mean". */
function names<const T extends readonly string[]>(noun: string, values: T) {
  return z.enum(values, {
    error: (issue) => (typeof issue.input === 'string' ? unknownName(noun, issue.input, values) : undefined),
  });
}

/** "Did you mean" for each key an object or record does not know (zod's own message only lists them). */
function unknownKeys(noun: string, known: readonly string[]) {
  return (issue: z.core.$ZodRawIssue): string | undefined =>
    issue.code === 'unrecognized_keys' ? issue.keys.map((key) => unknownName(noun, key, known)).join('; ') : undefined;
}

/** An object that refuses unknown keys. */
function strict<T extends z.core.$ZodLooseShape>(shape: T) {
  return z.strictObject(shape, { error: unknownKeys('key', Object.keys(shape)) });
}

/** A record keyed by names (OIDs, drop reasons). */
function recordOf<const K extends readonly string[], V extends z.ZodType>(noun: string, keys: K, value: V) {
  return z.partialRecord(z.enum(keys), value, { error: unknownKeys(noun, keys) });
}

const count = z.int().min(0);
const uint32 = z.int().min(0).max(0xffffffff);
const comment = z.string().describe('Free text shown next to the step; also names the step in reports.').optional();

const durationSchema = z
  .union(
    [
      z.int().min(0, { error: 'a duration cannot be negative' }),
      z
        .string()
        .regex(DURATION_PATTERN, { error: (issue) => `${shown(issue.input)} is not a duration; ${DURATION_HELP}` }),
    ],
    {
      error: (issue) =>
        issue.input === undefined ? undefined : `${shown(issue.input)} is not a duration; ${DURATION_HELP}`,
    },
  )
  .transform((value, ctx) => {
    if (typeof value === 'number') return value;
    const ns = parseDuration(value);
    if (ns === undefined)
      ctx.addIssue({ code: 'custom', message: `${quoted(value)} is not a whole number of nanoseconds` });
    return ns ?? z.NEVER;
  })
  .describe(`Integer nanoseconds, or a string like "500ns", "10us", "2ms", "1s".`);

const macError = (input: unknown) =>
  `${shown(input)} is not a MAC address; expected 6 hex octets like 00-15-5D-00-00-01`;
const mac = z
  .string()
  .regex(MAC_PATTERN, { error: (issue) => macError(issue.input) })
  .transform(canonicalMac);

/** A destination/source on the wire: a MAC, or "$vm:NAME" for that VM's MAC (and, for dst, its VLAN). */
const VM_OR_MAC = new RegExp(`^(\\$vm:[A-Za-z_][\\w-]*(\\.mac)?|${MAC_PATTERN.source.slice(1, -1)})$`);
const station = z
  .string()
  .regex(VM_OR_MAC, { error: (issue) => `${macError(issue.input)}, or "$vm:NAME" for a VM's MAC` })
  .transform((text) => (isMac(text) ? canonicalMac(text) : text));

const name = (what: string) =>
  z.string().regex(NAME_PATTERN, {
    error: (issue) =>
      `${shown(issue.input)} is not a valid ${what}; use letters, digits, "_" and "-", starting with a letter or "_"`,
  });

const queueIdError = (input: unknown) =>
  `expected a queue ID number or a reference like "$vm1q.QueueId", got ${shown(input)}`;
/** A queue ID, or a reference whose spelling is checked here; what it points to is checked in check.ts. */
const queueId = z
  .union([z.int().min(0), z.string()], {
    error: (issue) => (issue.input === undefined ? undefined : queueIdError(issue.input)),
  })
  .superRefine((value, ctx) => {
    if (typeof value !== 'string') return;
    const parsed = parseRef(value);
    if (parsed === null || 'error' in parsed || parsed.ref.kind !== 'saved')
      ctx.addIssue({ code: 'custom', message: queueIdError(value) });
  })
  .describe('A queue ID, or a reference to one such as "$vm1q.QueueId".');

/** Counted-string fields: free text, never NDIS names. */
const FREE_TEXT_FIELDS = new Set(['VmName', 'QueueName']);

/**
 * An information buffer (or expected output) with NDIS field names. Strings may be references
 * ("$vm1q.QueueId", "$vm:VM1.mac") or NDIS names ("NdisReceiveQueueTypeVMQueue"), which must exist.
 */
const ndisObject = z.record(z.string(), z.unknown()).superRefine((object, ctx) => {
  for (const { path, text } of stringsIn(object)) {
    const parsed = parseRef(text);
    if (parsed !== null && 'error' in parsed) ctx.addIssue({ code: 'custom', path, message: parsed.error });
    const named =
      parsed === null && looksLikeNdisName(text) && !FREE_TEXT_FIELDS.has(String(path.at(-1)))
        ? ndisValue(text)
        : undefined;
    if (named !== undefined && 'error' in named) ctx.addIssue({ code: 'custom', path, message: named.error });
  }
});

// ── adapter and VMs ────────────────────────────────────────────────────────────────────────────────────────

const capabilitiesSchema = strict({
  EnabledFilterTypes: uint32,
  EnabledQueueTypes: uint32,
  NumQueues: uint32,
  SupportedQueueProperties: uint32,
  SupportedFilterTests: uint32,
  SupportedHeaders: uint32,
  SupportedMacHeaderFields: uint32,
  MaxMacHeaderFilters: uint32,
  MaxQueueGroups: uint32,
  MaxQueuesPerQueueGroup: uint32,
  MinLookaheadSplitSize: uint32,
  MaxLookaheadSplitSize: uint32,
} satisfies Record<keyof ReceiveFilterCapabilities, z.ZodType>).partial();

const optionsSchema = strict({
  pendingOids: recordOf('OID', OID_NAMES, durationSchema).describe(
    "OIDs the miniport pends, and after how long it completes them. Replaces the profile's set.",
  ),
  dpcLatencyNs: durationSchema,
  maxNblsPerDpc: z.int().min(1),
  returnLatencyNs: durationSchema.nullable(),
  defaultQueueBuffers: z.int().min(1),
  receiveBufferBytes: z.int().min(60),
  invalidRequestTypeStatus: names(
    'status',
    allOf<MiniportOptions['invalidRequestTypeStatus']>()(['NDIS_STATUS_NOT_SUPPORTED', 'NDIS_STATUS_INVALID_OID']),
  ),
  queuesExhaustedStatus: names(
    'status',
    allOf<MiniportOptions['queuesExhaustedStatus']>()(['NDIS_STATUS_RESOURCES', 'NDIS_STATUS_FAILURE']),
  ),
  filtersExhaustedStatus: names(
    'status',
    allOf<MiniportOptions['filtersExhaustedStatus']>()(['NDIS_STATUS_RESOURCES', 'NDIS_STATUS_FAILURE']),
  ),
  freeWithFiltersStatus: names(
    'status',
    allOf<MiniportOptions['freeWithFiltersStatus']>()(['NDIS_STATUS_INVALID_PARAMETER', 'NDIS_STATUS_INVALID_STATE']),
  ),
  macOnlyFilter: names('choice', allOf<MiniportOptions['macOnlyFilter']>()(['accept-strip-tag', 'reject'])),
  packetFilter: names(
    'packet filter',
    allOf<MiniportOptions['packetFilter']>()(['promiscuous', 'directed-broadcast-multicast']),
  ),
  traceFrames: z.boolean(),
} satisfies { [K in keyof MiniportOptions]-?: z.ZodType<MiniportOptions[K], unknown> }).partial();

const adapterSchema = strict({
  profile: names('profile', PROFILES).describe('ws2008r2 = NDIS 6.20, ws2012 = NDIS 6.30, legacy-ndis61 = no VMQ.'),
  cpus: z.int().min(1).max(64).optional(),
  vmqEnabled: z.boolean().describe('*VMQ keyword.').optional(),
  vlanFiltering: z.boolean().describe('*VMQVlanFiltering keyword.').optional(),
  lookaheadSplit: z.boolean().describe('*VMQLookaheadSplit keyword (NDIS 6.20 only).').optional(),
  macAddress: mac.optional(),
  capabilities: capabilitiesSchema
    .describe('NDIS_RECEIVE_FILTER_CAPABILITIES fields that override the profile.')
    .optional(),
  options: optionsSchema.describe('Miniport behaviour choices (MiniportOptions) that override the profile.').optional(),
}).describe('The physical adapter; fields left out come from the profile.');

const vmSchema = strict({
  name: name('VM name'),
  mac: mac,
  vlan: z.int().min(1).max(4094).optional(),
});

// ── steps ───────────────────────────────────────────────────────────────────────────────────────────────────

/** An expectation that checks nothing would always hold; refuse it. */
const checksSomething = (object: object): boolean => Object.values(object).some((v) => v !== undefined);

const oidExpectSchema = strict({
  status: names('NDIS status', STATUS_NAMES).describe('The final status, after a pended request completes.').optional(),
  pended: z.boolean().describe('Whether the request returned NDIS_STATUS_PENDING first.').optional(),
  layer: names('layer', LAYERS).optional(),
  bytesNeeded: count.optional(),
  output: ndisObject.describe('Deep-matched against the output buffer; keys not given are not checked.').optional(),
}).refine(checksSomething, { error: 'expect needs at least one of status, pended, layer, bytesNeeded, output' });

const trafficSchema = strict({
  name: z.string().min(1),
  dst: station,
  src: station.optional(),
  vlanId: z
    .int()
    .min(0)
    .max(4094)
    .nullable()
    .describe('802.1Q VLAN ID; null = untagged. Default: the VM\'s VLAN when dst is "$vm:NAME".')
    .optional(),
  priority: z.int().min(0).max(7).optional(),
  frameBytes: z.int().min(60).max(1518),
  count: z.int().min(1),
  interval: durationSchema.optional(),
  ratePps: z.number().positive().optional(),
  pattern: names('pattern', PATTERNS).optional(),
  etherType: z.int().min(0).max(0xffff).optional(),
}).refine((t) => (t.interval === undefined) !== (t.ratePps === undefined), {
  error: 'give exactly one of interval and ratePps',
});

const queueExpectSchema = strict({
  QueueId: queueId,
  exists: z.boolean().optional(),
  state: names('queue state', QUEUE_STATES).optional(),
  reported: names('operational state', OPERATIONAL_STATES).optional(),
  filters: count.optional(),
  pending: count.optional(),
  outstandingNbls: count.optional(),
  buffers: count.optional(),
  cpu: count.optional(),
  classified: count.optional(),
  indicated: count.optional(),
  returned: count.optional(),
  dropped: recordOf('drop reason', DROP_REASONS, count).optional(),
});

const expectSchema = strict({
  queue: z.union([queueExpectSchema, z.array(queueExpectSchema).min(1)]).optional(),
  totals: strict({
    arrived: count.optional(),
    indicated: count.optional(),
    returned: count.optional(),
    inFlight: count.optional(),
    dropped: recordOf('drop reason', DROP_REASONS, count).optional(),
  }).optional(),
  memory: z
    .array(
      strict({
        space: z.string().optional(),
        usage: names('shared memory usage', USAGES).optional(),
        queueId: queueId.optional(),
        count: count.optional(),
        bytes: count.optional(),
      }).refine((m) => m.count !== undefined || m.bytes !== undefined, {
        error: 'give count or bytes (or both) to check',
      }),
    )
    .min(1)
    .optional(),
  violations: z
    .array(z.string().regex(/^R\d+$/, { error: (issue) => `${shown(issue.input)} is not a rule id like "R21"` }))
    .describe('The exact set of rule ids violated so far; [] = none.')
    .optional(),
  adapter: names('adapter state', ADAPTER_STATES).optional(),
}).refine(checksSomething, { error: 'expect needs at least one of queue, totals, memory, violations, adapter' });

/** One schema per action; a step is an object with exactly one of these keys (plus "comment"). */
export const STEP_SCHEMAS = {
  oid: strict({
    oid: names('OID', OID_NAMES),
    requestType: names('request type', REQUEST_TYPES).describe("Default: the OID's natural type.").optional(),
    binding: z.string().min(1).describe('The open issuing the request; default "vmswitch".').optional(),
    buffer: ndisObject.describe('The information buffer, with NDIS field names.').optional(),
    bufferLength: count.describe('InformationBufferLength; default: the size the Header declares.').optional(),
    saveAs: name('saveAs name').describe('Lets later steps refer to the output as "$name.Field".').optional(),
    expect: oidExpectSchema.optional(),
    comment,
  }).describe('Issue an OID request.'),
  traffic: strict({ traffic: trafficSchema, comment }).describe('Start a flow of frames on the wire.'),
  stopTraffic: strict({ stopTraffic: z.string().min(1), comment }).describe('Stop a flow by name.'),
  frame: strict({
    frame: strict({
      hex: z
        .string()
        .transform((text) => text.replace(/[\s:-]/g, '').toUpperCase())
        .refine((hex) => /^([0-9A-F]{2}){1,1518}$/.test(hex), {
          error: 'expected 1 to 1518 bytes as hex digits (spaces, ":" and "-" allowed between bytes)',
        }),
      flow: z.string().optional(),
    }),
    comment,
  }).describe('Put one raw Ethernet frame (no FCS) on the wire.'),
  advance: strict({ advance: durationSchema, comment }).describe('Let virtual time pass.'),
  runUntilIdle: strict({
    runUntilIdle: z.union([z.literal(true), durationSchema], {
      error: (issue) =>
        issue.input === undefined ? undefined : `expected true or a duration limit, got ${shown(issue.input)}`,
    }),
    comment,
  }).describe('Run until nothing is scheduled (or the limit passes).'),
  returnNbls: strict({
    returnNbls: strict({
      queueId: queueId.describe('Default: every queue.').optional(),
      count: z
        .union([z.int().min(1), z.literal('all')])
        .describe('Default: "all".')
        .optional(),
    }),
    comment,
  }).describe('The overlying driver returns indicated NBLs, oldest first.'),
  adapter: strict({ adapter: names('adapter action', ADAPTER_ACTIONS), comment }).describe(
    'MiniportPause / Restart / ResetEx / HaltEx.',
  ),
  closeBinding: strict({ closeBinding: z.string().min(1), comment }).describe('NdisCloseAdapterEx for one binding.'),
  note: strict({ note: z.string(), comment }).describe('A narration line in the trace.'),
  expect: strict({ expect: expectSchema, comment }).describe('Check the adapter state now.'),
};

export type ActionKey = keyof typeof STEP_SCHEMAS;
export const ACTION_KEYS = Object.keys(STEP_SCHEMAS) as ActionKey[];
export type StepOf<K extends ActionKey> = z.output<(typeof STEP_SCHEMAS)[K]>;
export type Step = { [K in ActionKey]: StepOf<K> }[ActionKey];

const isActionKey = (key: string): key is ActionKey => Object.hasOwn(STEP_SCHEMAS, key);

/**
 * A step is checked against the schema of the one action it names, so every message speaks about that
 * action (a plain union would report every alternative's complaints at once).
 */
export const stepSchema = z.unknown().transform((raw, ctx): Step => {
  if (!isRecord(raw)) {
    ctx.addIssue({
      code: 'custom',
      message: `expected a step object such as { "advance": "10us" }, got ${shown(raw)}`,
    });
    return z.NEVER;
  }
  // "expect" inside an OID step is that step's own expectation, not a second action.
  const present = Object.keys(raw).filter(isActionKey);
  const actions = present.filter((key) => !present.some((other) => other !== key && key in STEP_SCHEMAS[other].shape));
  const [action] = actions;
  if (actions.length !== 1 || action === undefined) {
    ctx.addIssue({ code: 'custom', message: actionCountProblem(actions, Object.keys(raw)) });
    return z.NEVER;
  }
  const parsed = STEP_SCHEMAS[action].safeParse(raw, { error: humanIssue });
  if (!parsed.success) {
    for (const { path, message } of flattenIssues(parsed.error.issues)) ctx.addIssue({ code: 'custom', path, message });
    return z.NEVER;
  }
  return parsed.data;
});

function actionCountProblem(actions: ActionKey[], keys: string[]): string {
  if (actions.length > 1)
    return `a step has exactly one action, found ${actions.map((a) => `"${a}"`).join(' and ')}; put them in separate steps`;
  const others = keys.filter((k) => k !== 'comment');
  const guess = others.map((k) => unknownName('action', k, ACTION_KEYS)).find((m) => m.includes('did you mean'));
  return (
    guess ??
    `a step needs one action key: ${ACTION_KEYS.join(', ')}${others.length ? ` (found ${others.map(quoted).join(', ')})` : ''}`
  );
}

// ── the document ───────────────────────────────────────────────────────────────────────────────────────

export const scenarioSchema = strict({
  $schema: z.string().describe('Optional link to scenario.schema.json, for editors.').optional(),
  format: z.literal(SCENARIO_FORMAT),
  version: z.literal(SCENARIO_VERSION),
  title: z.string().min(1),
  description: z.string().optional(),
  seed: uint32.default(1).describe('Seed of the deterministic random generator (poisson arrivals).'),
  adapter: adapterSchema,
  vms: z.array(vmSchema).default([]),
  steps: z.array(stepSchema).describe('Executed in order; only advance and runUntilIdle take virtual time.'),
}).describe('A VMQ Playground scenario.');

export type Scenario = z.output<typeof scenarioSchema>;
export type TrafficSpec = StepOf<'traffic'>['traffic'];
export type ExpectSpec = StepOf<'expect'>['expect'];
export type QueueExpect = z.output<typeof queueExpectSchema>;
export type OidExpect = z.output<typeof oidExpectSchema>;
