/**
 * The OID console's raw JSON, fuzzed along the path the console sends it: text → parseRawRequest → the engine's
 * request() (what the worker's timeline calls). Malformed text gets a parse error; anything that parses gets an NDIS
 * status. Nothing throws or hangs, and the adapter's invariants hold afterwards, traffic included.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { NDIS_STATUS, OID_NAMES, type OidRequest, type TraceEvent } from '../../engine/index.ts';
import { VM1, VM2, vmqAdapter, type VmqAdapter } from '../../engine/testing.ts';
import { defaultRequest, parseRawRequest } from './oidForms.ts';

const RUNS = 10_000;
/** Requests sent to one adapter before its traffic and invariant check: a long history reaches more states. */
const REQUESTS_PER_ADAPTER = 10;

/** Values no member can hold, and shapes no member has. */
const hostile = fc.oneof(
  fc.constantFrom<unknown>(
    0.5,
    -16,
    -1,
    -0.0001,
    2 ** 32,
    2 ** 53,
    2 ** 64,
    1e300,
    '0x1FFFFFFFFFFFFFFFFFFF',
    '99999999999999999999',
    'NaN',
    'Infinity',
    '',
    ' ',
    'abc',
    null,
    true,
    [],
    {},
    [0.5],
    [[[[]]]],
    ['NDIS_STATUS_SUCCESS'],
    '$q.toString',
    '__proto__',
    'constructor',
    'NdisReceiveQueueTypeVMQueue',
    { Mask: 0.5, Group: 0 },
    { Mask: -16, Group: 0 },
    'x'.repeat(5000),
  ),
  fc.jsonValue({ maxDepth: 3 }),
);

/** Member names a buffer may carry: real ones, misspelt ones, and inherited property names. */
const member = fc.constantFrom(
  'QueueId',
  'FilterId',
  'Flags',
  'QueueType',
  'ProcessorAffinity',
  'NumSuggestedReceiveBuffers',
  'LookaheadSize',
  'VmName',
  'QueueName',
  'Header',
  'Elements',
  'FieldParameters',
  'NumElements',
  'ElementSize',
  'FirstElementOffset',
  'FieldParametersArrayNumElements',
  'FieldParametersArrayElementSize',
  'FilterType',
  'RequestedFilterIdBitCount',
  'NumSuggestedReceiveBufers',
  '__proto__',
  'constructor',
  'toString',
);

type Mutation =
  | { at: 'buffer'; path: string[]; value: unknown }
  | { at: 'request'; key: string; value: unknown }
  | { at: 'text'; cut: number; junk: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      at: fc.constant('buffer'),
      path: fc.array(member, { minLength: 1, maxLength: 3 }),
      value: hostile,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      at: fc.constant('request'),
      key: fc.constantFrom('oid', 'requestType', 'binding', 'buffer', 'bufferLength', 'bufferLenght', '__proto__'),
      value: fc.oneof(hostile, fc.constantFrom<unknown>('toString', 'constructor', 'hasOwnProperty', ...OID_NAMES)),
    }),
  },
  { weight: 1, arbitrary: fc.record({ at: fc.constant('text'), cut: fc.nat(), junk: fc.string({ maxLength: 4 }) }) },
) as fc.Arbitrary<Mutation>;

/** Sets `path` in a JSON object (as JSON.parse would: "__proto__" is an own key), copying the objects on the way. */
function setDeep(object: Record<string, unknown>, path: string[], value: unknown): void {
  const [key, ...rest] = path;
  if (key === undefined) return;
  if (rest.length === 0) {
    const copy = structuredClone(value);
    Object.defineProperty(object, key, { value: copy, enumerable: true, writable: true, configurable: true });
    return;
  }
  const inner = Object.hasOwn(object, key) ? object[key] : undefined;
  const next = inner !== null && typeof inner === 'object' && !Array.isArray(inner) ? { ...inner } : {};
  Object.defineProperty(object, key, { value: next, enumerable: true, writable: true, configurable: true });
  setDeep(next as Record<string, unknown>, rest, value);
}

/** The raw text a user could type: a console default request with the mutations applied. */
function rawText(adapter: VmqAdapter, oid: (typeof OID_NAMES)[number], mutations: Mutation[]): string {
  const view = adapter.e.view();
  const request = defaultRequest(oid, { vms: [VM1, VM2], cpus: 4, view }) as unknown as Record<string, unknown>;
  const buffer = { ...(request['buffer'] as Record<string, unknown>) };
  request['buffer'] = buffer;
  let text: string | undefined;
  for (const m of mutations) {
    if (m.at === 'buffer') setDeep(buffer, m.path, m.value);
    else if (m.at === 'request') setDeep(request, [m.key], m.value);
    else {
      const whole = JSON.stringify(request);
      text = whole.slice(0, m.cut % (whole.length + 1)) + m.junk;
    }
  }
  return text ?? JSON.stringify(request);
}

const STATUSES = new Set(Object.keys(NDIS_STATUS));

/** Every request completes exactly once, and the adapter is still one NDIS could have. */
function checkInvariants(adapter: VmqAdapter, events: readonly TraceEvent[]): void {
  const completions = new Map<number, number>();
  const requested = new Set<number>();
  for (const event of events) {
    if (event.kind === 'oid-requested') requested.add(event.requestId);
    if (event.kind === 'oid-completed')
      completions.set(event.result.requestId, (completions.get(event.result.requestId) ?? 0) + 1);
  }
  for (const id of requested) expect(`request ${id}: ${completions.get(id) ?? 0}×`).toBe(`request ${id}: 1×`);
  const v = adapter.e.view();
  const dropped = Object.values(v.totals.dropped).reduce((n, c) => n + (c ?? 0), 0);
  expect(v.totals.arrived).toBe(v.totals.indicated + dropped + v.totals.inFlight);
  expect(v.queues.find((q) => q.QueueId === 0)?.state).toBe('Running');
  const queueIds = v.queues.map((q) => q.QueueId);
  expect(new Set(queueIds).size).toBe(queueIds.length);
  const filterIds = v.filters.map((f) => f.FilterId);
  expect(new Set(filterIds).size).toBe(filterIds.length);
  for (const f of v.filters) expect(queueIds).toContain(f.QueueId);
  for (const q of v.queues) expect(q.cpu >= 0 && q.cpu < 4).toBe(true);
}

describe("the issue's console reproducers", () => {
  test.each([0.5, -16])('R5 a raw ALLOCATE_QUEUE with Mask %s is answered NDIS_STATUS_INVALID_DATA at once', (Mask) => {
    const adapter = vmqAdapter('ws2012');
    const parsed = parseRawRequest(
      JSON.stringify({
        oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE',
        buffer: { QueueType: 'NdisReceiveQueueTypeVMQueue', ProcessorAffinity: { Mask, Group: 0 }, VmName: 'VM1' },
      }),
    );
    if ('error' in parsed) throw new Error(parsed.error);
    const answer = adapter.e.request(parsed.request);
    expect([answer.status, answer.layer]).toEqual(['NDIS_STATUS_INVALID_DATA', 'NDIS']);
    expect(answer.message).toContain(`Mask: ${Mask} is not a KAFFINITY`);
    adapter.traffic(VM1.mac, { count: 2, vlanId: VM1.vlan });
    adapter.settle();
    checkInvariants(adapter, adapter.events);
  });
});

describe('the OID console raw JSON, fuzzed', () => {
  test(`${RUNS} malformed requests: each a parse error or an NDIS status, never a throw or a hang`, () => {
    let parseErrors = 0;
    let answered = 0;
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...OID_NAMES), fc.array(mutation, { minLength: 1, maxLength: 3 })), {
          minLength: REQUESTS_PER_ADAPTER,
          maxLength: REQUESTS_PER_ADAPTER,
        }),
        (requests) => {
          const adapter = vmqAdapter('ws2012');
          adapter.vmQueue(VM1);
          for (const [oid, mutations] of requests) {
            const parsed = parseRawRequest(rawText(adapter, oid, mutations));
            if ('error' in parsed) {
              expect(parsed.error).toMatch(/\S/);
              parseErrors++;
              continue;
            }
            const result = adapter.e.request(parsed.request as OidRequest);
            expect(STATUSES.has(result.status)).toBe(true);
            answered++;
          }
          adapter.traffic(VM1.mac, { count: 4, vlanId: VM1.vlan });
          adapter.traffic(VM2.mac, { count: 2, vlanId: VM2.vlan });
          adapter.settle();
          checkInvariants(adapter, adapter.events);
        },
      ),
      { numRuns: RUNS / REQUESTS_PER_ADAPTER, seed: 7 },
    );
    // Both outcomes were exercised, and together they are at least RUNS requests.
    expect(parseErrors).toBeGreaterThan(0);
    expect(answered).toBeGreaterThan(0);
    expect(parseErrors + answered).toBeGreaterThanOrEqual(RUNS);
  }, 120_000);
});
