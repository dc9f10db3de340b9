/**
 * Independent tests of the hardened loader (issue 7, "A hardened loader"), from the reproducers and
 * docs/scenario-format.md. Every hostile file must give a clear error or a correct run: never a throw, a hang,
 * a silent PASS, or a function smuggled into a buffer.
 */
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../engine/index.ts';
import { formatScenarioError, parseScenario } from './parse.ts';
import { createScenarioSession, type ScenarioReport } from './session.ts';
import {
  allocateBuffer,
  nested,
  RUNNING_QUEUE,
  scenarioDoc,
  setFilterBuffer,
  VM1,
  withNestedText,
} from './independent.testing.ts';

/** Trace events a run may produce before we call it runaway (a step budget, not a clock). */
const EVENT_BUDGET = 300_000;
/** Kept for the checks below; the per-frame ones are only counted, so a long run stays small. */
const PER_FRAME = new Set(['frame-arrived', 'frame-classified', 'dma-written', 'frame-dropped']);

type Outcome =
  | { kind: 'invalid'; messages: string[] }
  | { kind: 'ran'; report: ScenarioReport; events: TraceEvent[]; text: string };

/** Parses and, when valid, runs to the end within the event budget. Never lets an exception escape unseen. */
function load(input: unknown): Outcome {
  const parsed = parseScenario(input);
  if (!parsed.ok) return { kind: 'invalid', messages: parsed.errors.map(formatScenarioError) };
  const events: TraceEvent[] = [];
  let seen = 0;
  const session = createScenarioSession(parsed.scenario, {
    sink: (event) => {
      if (++seen > EVENT_BUDGET) throw new Error(`runaway run: over ${EVENT_BUDGET} trace events`);
      if (!PER_FRAME.has(event.kind)) events.push(event);
    },
  });
  const report = session.runToEnd();
  const text = JSON.stringify([report.expectations, report.violations, events.filter((e) => e.kind === 'note')]);
  return { kind: 'ran', report, events, text };
}

const invalidMessages = (input: unknown): string[] => {
  const outcome = load(input);
  expect(outcome.kind).toBe('invalid');
  return outcome.kind === 'invalid' ? outcome.messages : [];
};

/** Validation only (never runs the file, so a value that would hang the engine fails instead of hanging). */
function parsedMessages(input: unknown): string[] {
  const parsed = parseScenario(input);
  expect(parsed.ok).toBe(false);
  return parsed.ok ? [] : parsed.errors.map(formatScenarioError);
}

/** The one message at `path` (the part before ": "), or a failure listing what was reported. */
function messageAt(messages: string[], path: string): string {
  const hit = messages.find((m) => m.startsWith(`${path}: `));
  expect(hit, `an error at ${path}; got ${JSON.stringify(messages).slice(0, 600)}`).toBeDefined();
  return hit ?? '';
}

/** Values inside events must survive postMessage: no functions anywhere. */
function hasFunction(value: unknown, seen = new Set<unknown>()): boolean {
  if (typeof value === 'function') return true;
  if (value === null || typeof value !== 'object' || seen.has(value)) return false;
  seen.add(value);
  return Object.values(value).some((v) => hasFunction(v, seen));
}

describe('ProcessorAffinity.Mask from a file', () => {
  it.each([0.5, -16, 2 ** 64, 1.5e300])('R5 a Mask of %s is rejected by validate with its path', (mask) => {
    const messages = parsedMessages(
      scenarioDoc([
        {
          oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE',
          buffer: allocateBuffer({ ProcessorAffinity: { Mask: mask, Group: 0 } }),
        },
      ]),
    );
    messageAt(messages, 'steps[0].buffer.ProcessorAffinity.Mask');
  });

  it('R5 a fractional Mask in QUEUE_PARAMETERS set is rejected by validate', () => {
    const messages = parsedMessages(
      scenarioDoc([
        ...RUNNING_QUEUE,
        {
          oid: 'OID_RECEIVE_FILTER_QUEUE_PARAMETERS',
          requestType: 'NdisRequestSetInformation',
          buffer: {
            QueueId: '$q.QueueId',
            Flags: ['NDIS_RECEIVE_QUEUE_PARAMETERS_PROCESSOR_AFFINITY_CHANGED'],
            ProcessorAffinity: { Mask: 0.5, Group: 0 },
          },
        },
      ]),
    );
    messageAt(messages, 'steps[3].buffer.ProcessorAffinity.Mask');
  });
});

describe('references resolve only to own output fields', () => {
  it.each(['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf', 'Header.toString'])(
    '"$q.%s" is an error (at validation or as a failed step), never a function in a buffer',
    (field) => {
      const outcome = load(
        scenarioDoc([
          { oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE', saveAs: 'q', buffer: allocateBuffer() },
          {
            oid: 'OID_RECEIVE_FILTER_QUEUE_PARAMETERS',
            requestType: 'NdisRequestSetInformation',
            buffer: {
              QueueId: '$q.QueueId',
              Flags: ['NDIS_RECEIVE_QUEUE_PARAMETERS_NAME_CHANGED'],
              QueueName: `$q.${field}`,
            },
          },
        ]),
      );
      if (outcome.kind === 'invalid') {
        messageAt(outcome.messages, 'steps[1].buffer.QueueName');
        return;
      }
      expect(hasFunction(outcome.events)).toBe(false);
      expect(() => structuredClone(outcome.events)).not.toThrow();
      const step1 = outcome.report.expectations.filter((r) => r.stepIndex === 1);
      expect(step1.map((r) => [r.kind, r.ok])).toEqual([['error', false]]);
      expect(outcome.report.ok).toBe(false);
    },
  );
});

describe('a binding named __proto__', () => {
  const doc = scenarioDoc([
    { oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE', binding: '__proto__', saveAs: 'q', buffer: allocateBuffer() },
    { oid: 'OID_RECEIVE_FILTER_SET_FILTER', binding: '__proto__', saveAs: 'f', buffer: setFilterBuffer() },
    {
      oid: 'OID_RECEIVE_FILTER_QUEUE_ALLOCATION_COMPLETE',
      binding: '__proto__',
      buffer: { Elements: [{ QueueId: '$q.QueueId' }] },
    },
    { oid: 'OID_RECEIVE_FILTER_SET_FILTER', binding: 'vmswitch', buffer: setFilterBuffer() },
    {
      oid: 'OID_RECEIVE_FILTER_QUEUE_PARAMETERS',
      binding: 'constructor',
      requestType: 'NdisRequestSetInformation',
      buffer: { QueueId: '$q.QueueId', Flags: ['NDIS_RECEIVE_QUEUE_PARAMETERS_NAME_CHANGED'], QueueName: 'stolen' },
    },
    { traffic: { name: 'to VM1', dst: '$vm:VM1', frameBytes: 200, count: 4, interval: '5us' } },
    { advance: '100us' },
    { closeBinding: '__proto__' },
    { advance: '50us' },
  ]);

  const kept = (events: TraceEvent[]) => events.filter((e) => !PER_FRAME.has(e.kind));

  /** Runs `k` steps, checkpoints, and continues from the checkpoint in a fresh session, as the worker would. */
  function runWithCheckpoint(k: number): { before: TraceEvent[]; after: TraceEvent[]; report: ScenarioReport } {
    const parsed = parseScenario(doc);
    if (!parsed.ok) throw new Error(parsed.errors.map(formatScenarioError).join('\n'));
    const before: TraceEvent[] = [];
    const first = createScenarioSession(parsed.scenario, { sink: (e) => before.push(e) });
    for (let i = 0; i < k; i++) first.runNextStep();
    // The worker posts snapshots, so a checkpoint is what survives structured cloning.
    const checkpoint = structuredClone(first.snapshot());
    const after: TraceEvent[] = [];
    let restored = false;
    const second = createScenarioSession(parsed.scenario, { sink: (e) => restored && after.push(e) });
    second.restore(checkpoint);
    restored = true;
    const report = second.runToEnd();
    return { before: kept(before), after: kept(after), report };
  }

  /** Runs to the end, steps back to the checkpoint after `k` steps in the same session, and runs to the end again. */
  function runThenStepBack(k: number): { first: TraceEvent[]; again: TraceEvent[] } {
    const parsed = parseScenario(doc);
    if (!parsed.ok) throw new Error(parsed.errors.map(formatScenarioError).join('\n'));
    const events: TraceEvent[] = [];
    const session = createScenarioSession(parsed.scenario, { sink: (e) => events.push(e) });
    for (let i = 0; i < k; i++) session.runNextStep();
    const checkpoint = session.snapshot();
    const mark = events.length;
    session.runToEnd();
    const first = events.slice(mark);
    session.restore(checkpoint);
    const restart = events.length;
    session.runToEnd();
    return { first: kept(first), again: kept(events.slice(restart)) };
  }

  it('is a valid binding name', () => {
    expect(load(doc).kind).toBe('ran');
  });

  it.each([1, 2, 3, 4, 5, 7])('R11 R28 R41 restoring a checkpoint after step %i gives the straight run', (k) => {
    const straight = load(doc);
    if (straight.kind !== 'ran') throw new Error('the document should be valid');
    const { before, after, report } = runWithCheckpoint(k);
    expect([...before, ...after]).toEqual(straight.events);
    expect(report).toEqual(straight.report);
  });

  it.each([1, 3, 4, 7])('R11 R28 R41 stepping back to step %i and playing again gives the same trace', (k) => {
    const { first, again } = runThenStepBack(k);
    expect(again).toEqual(first);
  });

  it('R11 the vmswitch cannot set a filter on the queue that __proto__ allocated', () => {
    const straight = load(doc);
    if (straight.kind !== 'ran') throw new Error('the document should be valid');
    const completions = straight.events.flatMap((e) =>
      e.kind === 'oid-completed' && e.result.oid === 'OID_RECEIVE_FILTER_SET_FILTER' ? [e.result] : [],
    );
    expect(completions.map((r) => [r.binding, r.status])).toEqual([
      ['__proto__', 'NDIS_STATUS_SUCCESS'],
      ['vmswitch', 'NDIS_STATUS_INVALID_PARAMETER'],
    ]);
  });
});

describe('nesting', () => {
  it('10,000 nested [ in a truncated file is a syntax error with a position, not a stack overflow', () => {
    const parsed = parseScenario('['.repeat(10_000));
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors[0]?.line).toBe(1);
    expect(parsed.errors.map(formatScenarioError).join('\n')).not.toMatch(/Maximum call stack|RangeError/);
  });

  it('10,000 nested [ closed properly is an error about nesting depth', () => {
    const parsed = parseScenario(`${'['.repeat(10_000)}${']'.repeat(10_000)}`);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors.map(formatScenarioError).join('\n')).toMatch(/nest|deep|depth/i);
  });

  it('a buffer nested 5,000 deep is an error about nesting depth, as text and as a parsed value', () => {
    const doc = scenarioDoc([
      { oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE', buffer: allocateBuffer({ Deep: nested(5_000) }) },
    ]);
    for (const input of [withNestedText(doc, 5_000), doc]) {
      const messages = invalidMessages(input);
      expect(messages.join('\n')).toMatch(/nest|deep|depth/i);
      expect(messages.join('\n')).not.toMatch(/Maximum call stack|RangeError/);
    }
  });
});

describe('traffic and time limits: a run that hits a limit says so', () => {
  /** Either validation refuses the value with a message at `path`, or the run ends, fails, and names a limit. */
  function expectLimit(steps: unknown[], path: string): void {
    const outcome = load(scenarioDoc(steps));
    if (outcome.kind === 'invalid') {
      messageAt(outcome.messages, path);
      return;
    }
    expect(outcome.report.ok).toBe(false);
    expect(outcome.text).toMatch(/limit/i);
  }

  it('count 1e12 at interval 1 ns does not pass silently', () => {
    expectLimit(
      [{ traffic: { name: 'f', dst: '00-15-5D-00-00-09', frameBytes: 64, count: 1e12, interval: 1 } }],
      'steps[0].traffic.count',
    );
  });

  it('count 2^53 does not pass silently', () => {
    expectLimit(
      [
        { traffic: { name: 'f', dst: '00-15-5D-00-00-09', frameBytes: 64, count: 2 ** 53, interval: '1us' } },
        { advance: '10us' },
      ],
      'steps[0].traffic.count',
    );
  });

  it('advance 2^53 ns under traffic does not pass silently', () => {
    expectLimit(
      [
        { traffic: { name: 'f', dst: '00-15-5D-00-00-09', frameBytes: 64, count: 1000, interval: '1us' } },
        { advance: 2 ** 53 },
      ],
      'steps[1].advance',
    );
  });

  it('a ratePps of 1e12 does not pass silently', () => {
    expectLimit(
      [{ traffic: { name: 'f', dst: '00-15-5D-00-00-09', frameBytes: 64, count: 10, ratePps: 1e12 } }],
      'steps[0].traffic.ratePps',
    );
  });
});

describe('long inputs: a short error', () => {
  const MEGABYTE = 1_000_000;

  it('a 1 MB OID name gets one short message that quotes only an excerpt', () => {
    const messages = invalidMessages(scenarioDoc([{ oid: `OID_RECEIVE_FILTER_${'A'.repeat(MEGABYTE)}` }]));
    expect(messages.length).toBeGreaterThan(0);
    for (const m of messages) expect(m.length).toBeLessThan(1_000);
  });

  it.each([
    ['vms[0].name', { vms: [{ ...VM1, name: `V${'m'.repeat(MEGABYTE)}` }] }, []],
    ['title', { title: 'T'.repeat(MEGABYTE) }, []],
    ['steps[0].note', {}, [{ note: 'n'.repeat(MEGABYTE) }]],
    [
      'steps[0].buffer.QueueName',
      {},
      [{ oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE', buffer: allocateBuffer({ QueueName: 'q'.repeat(MEGABYTE) }) }],
    ],
    [
      'steps[0].buffer.VmName',
      {},
      [{ oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE', buffer: allocateBuffer({ VmName: 'v'.repeat(MEGABYTE) }) }],
    ],
    ['steps[0].saveAs', {}, [{ oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE', saveAs: `s${'s'.repeat(MEGABYTE)}` }]],
  ])('a 1 MB %s is over its documented maximum length, in a short message', (path, extra, steps) => {
    const messages = invalidMessages(scenarioDoc(steps as unknown[], extra as Record<string, unknown>));
    const message = messageAt(messages, path);
    expect(message.length).toBeLessThan(1_000);
    expect(messages.join('\n').length).toBeLessThan(10_000);
  });
});

describe('every key in a buffer is a field of its structure', () => {
  it('a misspelt NumSuggestedReceiveBufers is an error with a did-you-mean', () => {
    const { NumSuggestedReceiveBuffers: _n, ...rest } = allocateBuffer();
    const messages = invalidMessages(
      scenarioDoc([{ oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE', buffer: { ...rest, NumSuggestedReceiveBufers: 32 } }]),
    );
    expect(messages.join('\n')).toMatch(/NumSuggestedReceiveBufers.*did you mean NumSuggestedReceiveBuffers/);
    expect(messages.some((m) => m.startsWith('steps[0].buffer'))).toBe(true);
  });

  it.each([
    ['OID_RECEIVE_FILTER_FREE_QUEUE', { QueueId: 1, QueueID: 1 }, 'QueueID'],
    ['OID_RECEIVE_FILTER_CLEAR_FILTER', { QueueId: 1, FilterId: 1, FilterID: 2 }, 'FilterID'],
    ['OID_RECEIVE_FILTER_SET_FILTER', setFilterBuffer({ FiltreType: 1 }), 'FiltreType'],
    ['OID_RECEIVE_FILTER_SET_FILTER', setFilterBuffer({ FieldParameters: [{ FrameHeadr: 1 }] }), 'FrameHeadr'],
  ])('%s with the unknown field %j is an error naming it', (oid, buffer, field) => {
    const messages = invalidMessages(
      scenarioDoc([
        { oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE', saveAs: 'q', buffer: allocateBuffer() },
        { oid, buffer },
      ]),
    );
    expect(messages.filter((m) => m.startsWith('steps[1].buffer') && m.includes(field))).toHaveLength(1);
  });
});

describe('duplicate JSON keys', () => {
  /** A scenario text whose step at `line` repeats "expect" on the line after `first`. */
  const text = [
    '{',
    '  "format": "vmq-scenario",',
    '  "version": 1,',
    '  "title": "duplicates",',
    '  "adapter": { "profile": "ws2012" },',
    '  "vms": [{ "name": "VM1", "mac": "00-15-5D-00-00-01" }],',
    '  "steps": [',
    '    {',
    '      "oid": "OID_RECEIVE_FILTER_FREE_QUEUE",',
    '      "buffer": { "QueueId": 0 },',
    '',
    '',
    '      "expect": { "status": "NDIS_STATUS_INVALID_PARAMETER" },',
    '',
    '',
    '',
    '      "expect": { "status": "NDIS_STATUS_SUCCESS" }',
    '    }',
    '  ]',
    '}',
  ].join('\n');

  it('two "expect" keys in one step are an error naming both lines (13 and 17)', () => {
    const parsed = parseScenario(text);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    const dup = parsed.errors.find((e) => /expect/.test(e.message) && /duplicate|twice|again|repeat/i.test(e.message));
    expect(dup, JSON.stringify(parsed.errors)).toBeDefined();
    const said = `${dup?.line ?? ''} ${formatScenarioError(dup ?? { path: '', message: '' })}`;
    expect(said).toMatch(/\b13\b/);
    expect(said).toMatch(/\b17\b/);
  });

  it('a repeated top-level "title" is an error too', () => {
    const parsed = parseScenario(text.replace('"title": "duplicates",', '"title": "a",\n  "title": "b",'));
    expect(parsed.ok).toBe(false);
  });
});
