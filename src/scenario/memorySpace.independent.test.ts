/**
 * Independent tests of rule 2: `expect.memory[].space` must be `management-os` or the name of a VM in the
 * scenario's `vms`. Anything else is a validation error at `steps[i].expect.memory[j].space` that names the spaces
 * and suggests the closest, so a misspelt space cannot make `count: 0` hold. Written from docs/scenario-format.md.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatScenarioError, parseScenario } from './parse.ts';
import { runScenario } from './session.ts';

const VMS = [
  { name: 'VM1', mac: '00-15-5D-00-00-01', vlan: 10 },
  { name: 'Web_Server-2', mac: '00-15-5D-00-00-02' },
];

function doc(steps: unknown[], vms: unknown[] = VMS, profile = 'ws2012'): Record<string, unknown> {
  return { format: 'vmq-scenario', version: 1, title: 'memory spaces', adapter: { profile }, vms, steps };
}

const memoryStep = (...entries: Record<string, unknown>[]) => ({ expect: { memory: entries } });

/** The problems of `document`, or [] when it is valid. */
function problems(document: unknown): { path: string; message: string }[] {
  const parsed = parseScenario(document);
  return parsed.ok ? [] : parsed.errors.map((e) => ({ path: e.path, message: e.message }));
}

describe('2: valid spaces keep validating', () => {
  it.each(['management-os', 'VM1', 'Web_Server-2'])('2: space "%s" is valid', (space) => {
    expect(problems(doc([memoryStep({ space, count: 0 })]))).toEqual([]);
  });

  it('2: a memory entry without a space is valid', () => {
    expect(
      problems(doc([memoryStep({ queueId: 0, count: 1 }, { usage: 'NdisSharedMemoryUsageReceive', count: 1 })])),
    ).toEqual([]);
  });

  it('2: management-os is valid with no vms at all', () => {
    expect(problems(doc([memoryStep({ space: 'management-os', count: 1 })], []))).toEqual([]);
  });

  it('2: a valid VM space runs and its check is decided (count 0 holds for an unused VM space)', () => {
    const parsed = parseScenario(doc([memoryStep({ space: 'VM1', count: 0 }, { space: 'management-os', count: 1 })]));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const { report } = runScenario(parsed.scenario);
    expect(report.expectations).toHaveLength(1);
    expect(report.expectations[0]?.ok, report.expectations[0]?.detail).toBe(true);
  });
});

describe('2: any other space is a validation error at steps[i].expect.memory[j].space', () => {
  it('2: a misspelt VM name is an error naming the spaces, with "did you mean VM1"', () => {
    const found = problems(doc([{ note: 'n' }, memoryStep({ space: 'VM1', count: 0 }, { space: 'VMl', count: 0 })]));
    expect(found).toHaveLength(1);
    const [problem] = found;
    expect(problem?.path).toBe('steps[1].expect.memory[1].space');
    expect(problem?.message).toContain('management-os');
    expect(problem?.message).toContain('VM1');
    expect(problem?.message).toContain('Web_Server-2');
    expect(problem?.message).toMatch(/did you mean "?VM1"?/);
  });

  it('2: a misspelt management-os suggests management-os', () => {
    const [problem] = problems(doc([memoryStep({ space: 'managment-os', count: 1 })]));
    expect(problem?.path).toBe('steps[0].expect.memory[0].space');
    expect(problem?.message).toMatch(/did you mean "?management-os"?/);
  });

  it('2: a VM that is not in vms is an error, even one that a queue VmName uses', () => {
    const steps = [
      {
        oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE',
        buffer: {
          QueueType: 'NdisReceiveQueueTypeVMQueue',
          ProcessorAffinity: { Mask: 2, Group: 0 },
          NumSuggestedReceiveBuffers: 8,
          VmName: 'Ghost',
        },
      },
      memoryStep({ space: 'Ghost', count: 0 }),
    ];
    const found = problems(doc(steps));
    expect(found.map((p) => p.path)).toEqual(['steps[1].expect.memory[0].space']);
  });

  it('2: with no vms, a VM name is an error and the message names management-os', () => {
    const [problem, ...rest] = problems(doc([memoryStep({ space: 'VM1', count: 0 })], []));
    expect(rest).toEqual([]);
    expect(problem?.path).toBe('steps[0].expect.memory[0].space');
    expect(problem?.message).toContain('management-os');
  });

  it('2: spaces are names, matched exactly: "vm1" is not VM1', () => {
    const [problem] = problems(doc([memoryStep({ space: 'vm1', count: 0 })]));
    expect(problem?.path).toBe('steps[0].expect.memory[0].space');
    expect(problem?.message).toMatch(/did you mean "?VM1"?/);
  });

  it('2: the empty string is an error at the space path', () => {
    expect(problems(doc([memoryStep({ space: '', count: 0 })])).map((p) => p.path)).toContain(
      'steps[0].expect.memory[0].space',
    );
  });

  it('2: every bad space is reported, each at its own path', () => {
    const found = problems(
      doc([
        memoryStep({ space: 'VM9', count: 0 }),
        { advance: '1us' },
        memoryStep({ space: 'management-os', count: 1 }, { space: 'host', count: 0 }, { space: 'VM2', count: 0 }),
      ]),
    );
    expect(found.map((p) => p.path).sort()).toEqual([
      'steps[0].expect.memory[0].space',
      'steps[2].expect.memory[1].space',
      'steps[2].expect.memory[2].space',
    ]);
  });

  it('2: formatScenarioError prints the path first', () => {
    const parsed = parseScenario(doc([memoryStep({ space: 'VM3', count: 0 })]));
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(formatScenarioError(parsed.errors[0] as never)).toMatch(/^steps\[0\]\.expect\.memory\[0\]\.space: /);
  });

  it('2: property: any string that is not a space is an error at the space path', () => {
    const valid = new Set(['management-os', ...VMS.map((vm) => vm.name)]);
    fc.assert(
      fc.property(
        fc.string({ maxLength: 40 }).filter((s) => !valid.has(s)),
        fc.nat({ max: 3 }),
        (space, j) => {
          const entries = [
            ...Array.from({ length: j }, () => ({ space: 'management-os', count: 1 })),
            { space, count: 0 },
          ];
          const paths = problems(doc([memoryStep(...entries)])).map((p) => p.path);
          return paths.includes(`steps[0].expect.memory[${j}].space`);
        },
      ),
      { numRuns: 200 },
    );
  });
});
