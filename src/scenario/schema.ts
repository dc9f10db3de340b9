/**
 * The scenario file format ("format": "vmq-scenario", "version": 2) as a zod schema (zod/mini: its functional
 * API lets the bundler keep only what the schema uses).
 * It is a public contract: course graders write these files, and public/scenario.schema.json is generated
 * from this module. Change it only together with SCENARIO_VERSION and a migration (migrate.ts).
 *
 * Parsing normalizes without changing the meaning: durations become integer ns and MACs their canonical
 * spelling. The output is itself a valid input, so a parsed scenario can be saved and parsed again.
 */
import { z } from 'zod/mini';
import {
  OID_NAMES,
  DROP_REASONS,
  OID_INFO,
  STRUCT_LAYOUTS,
  MAX_TAGGED_FRAME_BYTES,
  MIN_FRAME_BYTES,
  type MiniportOptions,
  type ProfileName,
  type ReceiveFilterCapabilities,
  type Engine,
  type FlowSpec,
} from '../engine/index.ts';
import { bufferIssues } from './buffers.ts';
import { DURATION_HELP, DURATION_PATTERN, parseDuration } from './duration.ts';
import {
  MAX_DURATION_NS,
  MAX_NAME_CHARS,
  MAX_QUEUE_BUFFERS,
  MAX_RATE_PPS,
  MAX_RECEIVE_BUFFER_BYTES,
  MAX_TEXT_CHARS,
  MAX_TITLE_CHARS,
  MAX_TRAFFIC_COUNT,
  MIN_RATE_PPS,
} from './limits.ts';
import { MAC_PATTERN, canonicalMac, isMac } from './mac.ts';
import { flattenIssues, humanIssue, shown } from './errors.ts';
import { looksLikeNdisName, ndisValue } from './ndis-names.ts';
import { quoted } from './quote.ts';
import { NAME_PATTERN, isRecord, parseRef, stringsIn } from './refs.ts';
import { unknownName } from './suggest.ts';
import { COUNT, matchSchema, nameValue, slot } from './matchSchema.ts';
import {
  ADAPTER_STATES,
  LAYERS,
  OPERATIONAL_STATES,
  QUEUE_STATES,
  REQUEST_TYPES,
  STATUS_NAMES,
  USAGES,
  allOf,
} from './vocabulary.ts';
import { eventsEntrySchema, orderEntrySchema, valuesEntrySchema } from './traceSchema.ts';

import { SCENARIO_FORMAT, SCENARIO_VERSION } from './version.ts';

export { SCENARIO_FORMAT, SCENARIO_VERSION };

const PROFILES = allOf<ProfileName>()(['ws2008r2', 'ws2012', 'legacy-ndis61']);
const ADAPTER_ACTIONS = allOf<Parameters<Engine['adapterAction']>[0]>()(['pause', 'restart', 'reset', 'halt']);
const PATTERNS = allOf<NonNullable<FlowSpec['pattern']>>()(['constant', 'poisson']);

// ── building blocks ─────────────────────────────────────────────────────────────────────────────────────

/** A description, for the JSON Schema and editors. */
export const described = <T extends z.ZodMiniType>(schema: T, description: string): T =>
  schema.check(z.describe(description));

/** An enum whose near-miss values get a "did you mean". */
export function names<const T extends readonly string[]>(noun: string, values: T) {
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
export function strict<T extends z.core.$ZodLooseShape>(shape: T) {
  return z.strictObject(shape, { error: unknownKeys('key', Object.keys(shape)) });
}

/** A record keyed by names (OIDs, drop reasons). */
function recordOf<const K extends readonly string[], V extends z.ZodMiniType>(noun: string, keys: K, value: V) {
  return z.partialRecord(z.enum(keys), value, { error: unknownKeys(noun, keys) });
}

/** An integer from `min`, and up to `max` when there is one. */
export const int = (min: number, max?: number) =>
  max === undefined ? z.int().check(z.minimum(min)) : z.int().check(z.minimum(min), z.maximum(max));

const count = int(0);
const uint32 = int(0, 0xffffffff);
/** A string of at most `max` characters, and at least `min`. */
export const text = (max: number, min = 0) =>
  min === 0 ? z.string().check(z.maxLength(max)) : z.string().check(z.minLength(min), z.maxLength(max));
/** Names of things the scenario refers to by name: flows, bindings. */
const label = text(MAX_NAME_CHARS, 1);
const prose = text(MAX_TEXT_CHARS);
const comment = z.optional(described(prose, 'Free text shown next to the step; also names the step in reports.'));

const tooLong = { error: `a duration is at most one hour of virtual time (${MAX_DURATION_NS} ns)` };
const durationSchema = described(
  z
    .pipe(
      z.union(
        [
          z.int().check(z.minimum(0, { error: 'a duration cannot be negative' }), z.maximum(MAX_DURATION_NS, tooLong)),
          z.string().check(
            z.regex(DURATION_PATTERN, {
              error: (issue) => `${shown(issue.input)} is not a duration; ${DURATION_HELP}`,
            }),
          ),
        ],
        {
          error: (issue) =>
            issue.input === undefined ? undefined : `${shown(issue.input)} is not a duration; ${DURATION_HELP}`,
        },
      ),
      z.transform((value: number | string, ctx) => {
        if (typeof value === 'number') return value;
        const ns = parseDuration(value);
        if (ns === undefined)
          ctx.issues.push({
            code: 'custom',
            message: `${quoted(value)} is not a whole number of nanoseconds`,
            input: value,
          });
        return ns ?? z.NEVER;
      }),
    )
    .check(z.refine((ns: number) => ns <= MAX_DURATION_NS, tooLong)),
  `Integer nanoseconds, or a string like "500ns", "10us", "2ms", "1s".`,
);

const macError = (input: unknown) =>
  `${shown(input)} is not a MAC address; expected 6 hex octets like 00-15-5D-00-00-01`;
const mac = z.pipe(
  z.string().check(z.regex(MAC_PATTERN, { error: (issue) => macError(issue.input) })),
  z.transform(canonicalMac),
);

/** A destination/source on the wire: a MAC, or "$vm:NAME" for that VM's MAC (and, for dst, its VLAN). */
const VM_OR_MAC = new RegExp(`^(\\$vm:[A-Za-z_][\\w-]*(\\.mac)?|${MAC_PATTERN.source.slice(1, -1)})$`);
const station = z.pipe(
  z.string().check(z.regex(VM_OR_MAC, { error: (issue) => `${macError(issue.input)}, or "$vm:NAME" for a VM's MAC` })),
  z.transform((text: string) => (isMac(text) ? canonicalMac(text) : text)),
);

const name = (what: string) =>
  z.string().check(
    z.maxLength(MAX_NAME_CHARS),
    z.regex(NAME_PATTERN, {
      error: (issue) =>
        `${shown(issue.input)} is not a valid ${what}; use letters, digits, "_" and "-", starting with a letter or "_"`,
    }),
  );

const queueIdError = (input: unknown) =>
  `expected a queue ID number or a reference like "$vm1q.QueueId", got ${shown(input)}`;
/** A queue ID, or a reference whose spelling is checked here; what it points to is checked in check.ts. */
const queueId = described(
  z
    .union([count, z.string()], {
      error: (issue) => (issue.input === undefined ? undefined : queueIdError(issue.input)),
    })
    .check(
      z.superRefine((value, ctx) => {
        if (typeof value !== 'string') return;
        const parsed = parseRef(value);
        if (parsed === null || 'error' in parsed || parsed.ref.kind !== 'saved')
          ctx.addIssue({ code: 'custom', message: queueIdError(value) });
      }),
    ),
  'A queue ID, or a reference to one such as "$vm1q.QueueId".',
);

/** Counted-string fields: free text, never NDIS names. */
const FREE_TEXT_FIELDS = new Set(['VmName', 'QueueName']);

/**
 * An information buffer (or expected output) with NDIS field names. Strings may be references
 * ("$vm1q.QueueId", "$vm:VM1.mac") or NDIS names ("NdisReceiveQueueTypeVMQueue"), which must exist.
 */
const ndisObject = z.record(z.string(), z.unknown()).check(
  z.superRefine((object, ctx) => {
    for (const { path, text } of stringsIn(object)) {
      const parsed = parseRef(text);
      if (parsed !== null && 'error' in parsed) ctx.addIssue({ code: 'custom', path, message: parsed.error });
      const named =
        parsed === null && looksLikeNdisName(text) && !FREE_TEXT_FIELDS.has(String(path.at(-1)))
          ? ndisValue(text)
          : undefined;
      if (named !== undefined && 'error' in named) ctx.addIssue({ code: 'custom', path, message: named.error });
    }
  }),
);

// ── adapter and VMs ────────────────────────────────────────────────────────────────────────────────────────

const capabilitiesSchema = z.partial(
  strict({
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
  } satisfies Record<keyof ReceiveFilterCapabilities, z.ZodMiniType>),
);

const optionsSchema = z.partial(
  strict({
    pendingOids: described(
      recordOf('OID', OID_NAMES, durationSchema),
      "OIDs the miniport pends, and after how long it completes them. Replaces the profile's set.",
    ),
    dpcLatencyNs: durationSchema,
    maxNblsPerDpc: int(1, MAX_QUEUE_BUFFERS),
    returnLatencyNs: z.nullable(durationSchema),
    defaultQueueBuffers: int(1, MAX_QUEUE_BUFFERS),
    receiveBufferBytes: int(60, MAX_RECEIVE_BUFFER_BYTES),
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
  } satisfies { [K in keyof MiniportOptions]-?: z.ZodMiniType<MiniportOptions[K], unknown> }),
);

const adapterSchema = described(
  strict({
    profile: described(names('profile', PROFILES), 'ws2008r2 = NDIS 6.20, ws2012 = NDIS 6.30, legacy-ndis61 = no VMQ.'),
    cpus: z.optional(int(1, 64)),
    vmqEnabled: z.optional(described(z.boolean(), '*VMQ keyword.')),
    vlanFiltering: z.optional(described(z.boolean(), '*VMQVlanFiltering keyword.')),
    lookaheadSplit: z.optional(described(z.boolean(), '*VMQLookaheadSplit keyword (NDIS 6.20 only).')),
    macAddress: z.optional(mac),
    capabilities: z.optional(
      described(capabilitiesSchema, 'NDIS_RECEIVE_FILTER_CAPABILITIES fields that override the profile.'),
    ),
    options: z.optional(
      described(optionsSchema, 'Miniport behaviour choices (MiniportOptions) that override the profile.'),
    ),
  }),
  'The physical adapter; fields left out come from the profile.',
);

const vmSchema = strict({
  name: name('VM name'),
  mac: mac,
  vlan: z.optional(int(1, 4094)),
});

// ── steps ───────────────────────────────────────────────────────────────────────────────────────────────────

/** An expectation that checks nothing would always hold; refuse it. */
const checksSomething = (object: object): boolean => Object.values(object).some((v) => v !== undefined);

const countMatch = matchSchema(COUNT);

const oidExpectSchema = strict({
  status: z.optional(
    described(
      matchSchema(slot('text', nameValue('NDIS status', STATUS_NAMES), { status: true })),
      'The final status, after a pended request completes: a name or a matcher ({ "oneOf": […] }, { "failure": true }).',
    ),
  ),
  pended: z.optional(described(z.boolean(), 'Whether the request returned NDIS_STATUS_PENDING first.')),
  layer: z.optional(names('layer', LAYERS)),
  BytesNeeded: z.optional(countMatch),
  BytesRead: z.optional(described(countMatch, 'What a Set or Method request read; 0 for a Query.')),
  BytesWritten: z.optional(described(countMatch, 'What a Query or Method request wrote; 0 for a Set.')),
  output: z.optional(described(ndisObject, 'Deep-matched against the output buffer; keys not given are not checked.')),
}).check(
  z.refine(checksSomething, {
    error: 'expect needs at least one of status, pended, layer, BytesNeeded, BytesRead, BytesWritten, output',
  }),
);

const trafficSchema = strict({
  name: label,
  dst: station,
  src: z.optional(station),
  vlanId: z.optional(
    described(
      z.nullable(int(0, 4094)),
      '802.1Q VLAN ID; null = untagged. Default: the VM\'s VLAN when dst is "$vm:NAME".',
    ),
  ),
  priority: z.optional(int(0, 7)),
  frameBytes: int(MIN_FRAME_BYTES, MAX_TAGGED_FRAME_BYTES),
  count: int(1, MAX_TRAFFIC_COUNT),
  interval: z.optional(durationSchema),
  ratePps: z.optional(z.number().check(z.minimum(MIN_RATE_PPS), z.maximum(MAX_RATE_PPS))),
  pattern: z.optional(names('pattern', PATTERNS)),
  etherType: z.optional(int(0, 0xffff)),
}).check(
  z.refine((t) => (t.interval === undefined) !== (t.ratePps === undefined), {
    error: 'give exactly one of interval and ratePps',
  }),
);

const dropped = z.optional(recordOf('drop reason', DROP_REASONS, countMatch));

const queueExpectSchema = strict({
  QueueId: queueId,
  exists: z.optional(z.boolean()),
  state: z.optional(matchSchema(slot('text', nameValue('queue state', QUEUE_STATES)))),
  reported: z.optional(matchSchema(slot('text', nameValue('operational state', OPERATIONAL_STATES)))),
  filters: z.optional(countMatch),
  pending: z.optional(countMatch),
  outstandingNbls: z.optional(countMatch),
  buffers: z.optional(countMatch),
  cpu: z.optional(countMatch),
  classified: z.optional(countMatch),
  indicated: z.optional(countMatch),
  returned: z.optional(countMatch),
  dropped,
});

const memoryExpectSchema = strict({
  space: z.optional(z.string()),
  usage: z.optional(names('shared memory usage', USAGES)),
  QueueId: z.optional(queueId),
  count: z.optional(countMatch),
  bytes: z.optional(countMatch),
  buffers: z.optional(described(countMatch, 'Receive buffers in every selected block.')),
  bufferSize: z.optional(described(countMatch, 'Bytes per buffer (the stride) in every selected block.')),
  backfill: z.optional(described(countMatch, 'Backfill bytes before each buffer in every selected block.')),
}).check(
  z.refine((m) => [m.count, m.bytes, m.buffers, m.bufferSize, m.backfill].some((v) => v !== undefined), {
    error: 'give count, bytes, buffers, bufferSize or backfill to check',
  }),
);

const expectSchemaShape = {
  queue: z.optional(z.union([queueExpectSchema, z.array(queueExpectSchema).check(z.minLength(1))])),
  totals: z.optional(
    strict({
      arrived: z.optional(countMatch),
      indicated: z.optional(countMatch),
      returned: z.optional(countMatch),
      inFlight: z.optional(countMatch),
      dropped,
    }),
  ),
  memory: z.optional(z.array(memoryExpectSchema).check(z.minLength(1))),
  violations: z.optional(
    described(
      z.array(
        z.string().check(z.regex(/^R\d+$/, { error: (issue) => `${shown(issue.input)} is not a rule id like "R21"` })),
      ),
      'The exact set of rule ids violated so far; [] = none.',
    ),
  ),
  adapter: z.optional(names('adapter state', ADAPTER_STATES)),
  events: z.optional(
    described(
      z.array(eventsEntrySchema).check(z.minLength(1)),
      'Trace events so far: { "where": { "event": KIND, …facts }, "count": n or a matcher, "each": { …facts } }.',
    ),
  ),
  order: z.optional(
    described(
      z.array(orderEntrySchema(durationSchema)).check(z.minLength(1)),
      'Order and timing of trace events: { "sequence": [patterns], "within": duration } or { "after": pattern, "none": pattern }.',
    ),
  ),
  values: z.optional(
    described(
      z.array(valuesEntrySchema).check(z.minLength(1)),
      'Saved outputs: { "value": "$a.QueueId", "is": matcher } or { "distinct": ["$a.QueueId", "$b.QueueId"] }.',
    ),
  ),
};

/** The body of an `expect` step, and of a lesson's check: what must be true of the run now. */
export const expectSchema = strict(expectSchemaShape).check(
  z.refine(checksSomething, { error: `expect needs at least one of ${Object.keys(expectSchemaShape).join(', ')}` }),
);

/**
 * The buffer and the expected output hold the OID's structure (§4): its members only (with a "did you mean"),
 * each number a value of the member's C type, as the engine will read them.
 */
function buffersFitTheirStructure(
  step: { oid: keyof typeof OID_INFO; buffer?: Record<string, unknown>; expect?: { output?: Record<string, unknown> } },
  ctx: z.core.$RefinementCtx,
): void {
  const struct = OID_INFO[step.oid].struct;
  const parts: [PropertyKey[], Record<string, unknown> | undefined, boolean][] = [
    [['buffer'], step.buffer, false],
    [['expect', 'output'], step.expect?.output, true],
  ];
  for (const [at, value, expected] of parts) {
    if (value === undefined) continue;
    for (const { path, message } of bufferIssues(struct, STRUCT_LAYOUTS[struct], value, at, expected))
      ctx.addIssue({ code: 'custom', path, message });
  }
}

// ── faults ──────────────────────────────────────────────────────────────────────────────────────────────

const optionalQueue = z.optional(described(queueId, 'Default: every queue.'));

/** One schema per fault; a fault is "surpriseRemoval" or an object naming exactly one of these keys. */
export const FAULT_SCHEMAS = {
  refuseOid: described(
    strict({
      refuseOid: names('OID', OID_NAMES),
      status: described(names('NDIS status', STATUS_NAMES), 'The status the miniport refuses with.'),
      count: z.optional(
        described(
          z.union([count, z.literal('always')], {
            error: (issue) =>
              issue.input === undefined ? undefined : `expected a count or "always", got ${shown(issue.input)}`,
          }),
          'How many requests to refuse (default 1); "always", or 0 to stop refusing.',
        ),
      ),
    }),
    'The miniport refuses the next requests of this OID with the status.',
  ),
  pendOid: described(
    strict({
      pendOid: names('OID', OID_NAMES),
      delay: described(z.nullable(durationSchema), 'How long the miniport pends it; null answers at once again.'),
    }),
    'The miniport pends every request of this OID (replaces its options.pendingOids entry).',
  ),
  sharedMemoryExhausted: described(
    strict({
      sharedMemoryExhausted: strict({
        afterBlocks: z.optional(described(count, 'Allocations that still succeed (default 0).')),
        status: z.optional(
          described(
            names('NdisAllocateSharedMemory status', ['NDIS_STATUS_RESOURCES', 'NDIS_STATUS_FAILURE']),
            'Default: NDIS_STATUS_RESOURCES.',
          ),
        ),
      }),
    }),
    'NdisAllocateSharedMemory fails after afterBlocks more successes, until the adapter halts.',
  ),
  delayDpc: described(
    strict({ delayDpc: strict({ QueueId: optionalQueue, delay: durationSchema }) }),
    "The queue's next DPC runs this much later than options.dpcLatencyNs.",
  ),
  withholdNbls: described(
    strict({ withholdNbls: strict({ QueueId: optionalQueue }) }),
    "The overlying driver stops returning the queue's NBLs.",
  ),
  resumeNbls: described(
    strict({ resumeNbls: strict({ QueueId: optionalQueue }) }),
    "The overlying driver returns the queue's NBLs again.",
  ),
  returnLatency: described(
    strict({ returnLatency: z.nullable(durationSchema) }),
    "The overlying driver's return latency; null: NBLs come back only through returnNbls.",
  ),
  liveMigration: described(strict({ liveMigration: label }), 'A VM (a name from vms) migrates away (§5.5).'),
};

type FaultKey = keyof typeof FAULT_SCHEMAS;
const FAULT_KEYS = Object.keys(FAULT_SCHEMAS) as FaultKey[];
export type FaultSpec = 'surpriseRemoval' | { [K in FaultKey]: z.output<(typeof FAULT_SCHEMAS)[K]> }[FaultKey];
const isFaultKey = (key: string): key is FaultKey => Object.hasOwn(FAULT_SCHEMAS, key);
const FAULT_HELP = `"surpriseRemoval" or an object with one of ${FAULT_KEYS.join(', ')}`;

/** Like a step, a fault is checked against the one shape it names, so the messages speak about that fault. */
export const faultSchema = z.pipe(
  z.unknown(),
  z.transform((raw: unknown, ctx): FaultSpec => {
    if (raw === 'surpriseRemoval') return raw;
    if (!isRecord(raw)) {
      const message =
        typeof raw === 'string'
          ? unknownName('fault', raw, ['surpriseRemoval', ...FAULT_KEYS])
          : `expected ${FAULT_HELP}, got ${shown(raw)}`;
      ctx.issues.push({ code: 'custom', message, input: raw });
      return z.NEVER;
    }
    const present = Object.keys(raw).filter(isFaultKey);
    const [key] = present;
    if (present.length !== 1 || key === undefined) {
      const guess = Object.keys(raw)
        .map((k) => unknownName('fault', k, FAULT_KEYS))
        .find((m) => m.includes('did you mean'));
      const message =
        present.length > 1
          ? `a fault step injects one fault, found ${present.map(quoted).join(' and ')}; put them in separate steps`
          : (guess ?? `expected ${FAULT_HELP}, got ${shown(raw)}`);
      ctx.issues.push({ code: 'custom', message, input: raw });
      return z.NEVER;
    }
    const parsed = FAULT_SCHEMAS[key].safeParse(raw, { error: humanIssue });
    if (!parsed.success) {
      for (const { path, message } of flattenIssues(parsed.error.issues))
        ctx.issues.push({ code: 'custom', path, message, input: raw });
      return z.NEVER;
    }
    return parsed.data as FaultSpec;
  }),
);

/** One schema per action; a step is an object with exactly one of these keys (plus "comment"). */
export const STEP_SCHEMAS = {
  oid: described(
    strict({
      oid: names('OID', OID_NAMES),
      requestType: z.optional(described(names('request type', REQUEST_TYPES), "Default: the OID's natural type.")),
      binding: z.optional(described(label, 'The open issuing the request; default "vmswitch".')),
      buffer: z.optional(described(ndisObject, 'The information buffer, with NDIS field names.')),
      bufferLength: z.optional(
        described(uint32, 'InformationBufferLength (a ULONG); default: the size the Header declares.'),
      ),
      saveAs: z.optional(described(name('saveAs name'), 'Lets later steps refer to the output as "$name.Field".')),
      expect: z.optional(oidExpectSchema),
      comment,
    }).check(z.superRefine(buffersFitTheirStructure)),
    'Issue an OID request.',
  ),
  traffic: described(strict({ traffic: trafficSchema, comment }), 'Start a flow of frames on the wire.'),
  stopTraffic: described(strict({ stopTraffic: label, comment }), 'Stop a flow by name.'),
  frame: described(
    strict({
      frame: strict({
        hex: z
          .pipe(
            z.string(),
            z.transform((text: string) => text.replace(/[\s:-]/g, '').toUpperCase()),
          )
          .check(
            z.refine((hex: string) => /^([0-9A-F]{2}){1,1518}$/.test(hex), {
              error: 'expected 1 to 1518 bytes as hex digits (spaces, ":" and "-" allowed between bytes)',
            }),
          ),
        flow: z.optional(text(MAX_NAME_CHARS)),
      }),
      comment,
    }),
    'Put one raw Ethernet frame (no FCS) on the wire.',
  ),
  advance: described(strict({ advance: durationSchema, comment }), 'Let virtual time pass.'),
  runUntilIdle: described(
    strict({
      runUntilIdle: z.union([z.literal(true), durationSchema], {
        error: (issue) =>
          issue.input === undefined ? undefined : `expected true or a duration limit, got ${shown(issue.input)}`,
      }),
      comment,
    }),
    'Run until nothing is scheduled (or the limit passes).',
  ),
  returnNbls: described(
    strict({
      returnNbls: strict({
        QueueId: z.optional(described(queueId, 'Default: every queue.')),
        count: z.optional(described(z.union([int(1), z.literal('all')]), 'Default: "all".')),
      }),
      comment,
    }),
    'The overlying driver returns indicated NBLs, oldest first.',
  ),
  adapter: described(
    strict({ adapter: names('adapter action', ADAPTER_ACTIONS), comment }),
    'MiniportPause / Restart / ResetEx / HaltEx.',
  ),
  closeBinding: described(strict({ closeBinding: label, comment }), 'NdisCloseAdapterEx for one binding.'),
  fault: described(
    strict({ fault: faultSchema, comment }),
    'Inject a fault: the miniport or the overlying driver misbehaves from now on.',
  ),
  note: described(strict({ note: prose, comment }), 'A narration line in the trace.'),
  expect: described(strict({ expect: expectSchema, comment }), 'Check the adapter state now.'),
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
export const stepSchema = z.pipe(
  z.unknown(),
  z.transform((raw: unknown, ctx): Step => {
    if (!isRecord(raw)) {
      ctx.issues.push({
        code: 'custom',
        message: `expected a step object such as { "advance": "10us" }, got ${shown(raw)}`,
        input: raw,
      });
      return z.NEVER;
    }
    // "expect" inside an OID step is that step's own expectation, not a second action.
    const present = Object.keys(raw).filter(isActionKey);
    const actions = present.filter(
      (key) => !present.some((other) => other !== key && key in STEP_SCHEMAS[other].shape),
    );
    const [action] = actions;
    if (actions.length !== 1 || action === undefined) {
      ctx.issues.push({ code: 'custom', message: actionCountProblem(actions, Object.keys(raw)), input: raw });
      return z.NEVER;
    }
    const parsed = STEP_SCHEMAS[action].safeParse(raw, { error: humanIssue });
    if (!parsed.success) {
      for (const { path, message } of flattenIssues(parsed.error.issues))
        ctx.issues.push({ code: 'custom', path, message, input: raw });
      return z.NEVER;
    }
    return parsed.data as Step;
  }),
);

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

export const scenarioSchema = described(
  strict({
    $schema: z.optional(described(prose, 'Optional link to scenario.schema.json, for editors.')),
    format: z.literal(SCENARIO_FORMAT),
    version: z.literal(SCENARIO_VERSION),
    title: text(MAX_TITLE_CHARS, 1),
    description: z.optional(prose),
    seed: described(z._default(uint32, 1), 'Seed of the deterministic random generator (poisson arrivals).'),
    adapter: adapterSchema,
    vms: z._default(z.array(vmSchema), []),
    steps: described(z.array(stepSchema), 'Executed in order; only advance and runUntilIdle take virtual time.'),
  }),
  'A VMQ Playground scenario.',
);

export type Scenario = z.output<typeof scenarioSchema>;
export type TrafficSpec = StepOf<'traffic'>['traffic'];
export type ExpectSpec = StepOf<'expect'>['expect'];
export type QueueExpect = z.output<typeof queueExpectSchema>;
export type OidExpect = z.output<typeof oidExpectSchema>;
