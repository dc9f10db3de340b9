/**
 * Names a user chooses (bindings, VM names, saved outputs) are data, never property lookups: "__proto__",
 * "constructor" or "toString" behave like any other name, in a straight run and after a restore.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario } from './parse.ts';
import type { Scenario } from './schema.ts';
import { createScenarioSession, runScenario, type ScenarioReport } from './session.ts';
import { ALLOCATE_VM1_QUEUE, scenarioOf } from './testing.ts';

/** The report of a run that snapshots and restores before every step, as step-back and seek do. */
function runRestoringEveryStep(scenario: Scenario): ScenarioReport {
  const session = createScenarioSession(scenario);
  while (!session.done) {
    session.restore(session.snapshot());
    session.runNextStep();
  }
  return session.runToEnd();
}

const ALLOCATE = {
  oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE',
  buffer: { QueueType: 'NdisReceiveQueueTypeVMQueue', ProcessorAffinity: { Mask: 2, Group: 0 }, VmName: 'VM1' },
};

describe('user-chosen names', () => {
  it('closing a binding named "__proto__" closes only that binding, in a straight run and after restores', () => {
    const scenario = scenarioOf([
      { ...ALLOCATE, binding: '__proto__', expect: { status: 'NDIS_STATUS_SUCCESS' } },
      { closeBinding: '__proto__' },
      { ...ALLOCATE, binding: '__proto__', expect: { status: 'NDIS_STATUS_FAILURE' } },
      { ...ALLOCATE, expect: { status: 'NDIS_STATUS_SUCCESS' } },
      { ...ALLOCATE, binding: 'constructor', expect: { status: 'NDIS_STATUS_SUCCESS' } },
    ]);
    const straight = runScenario(scenario).report;
    expect(straight.expectations.map((e) => [e.stepIndex, e.ok])).toEqual([
      [0, true],
      [2, true],
      [3, true],
      [4, true],
    ]);
    expect(runRestoringEveryStep(scenario)).toEqual(straight);
  });

  it.each(['__proto__', 'constructor', 'toString'])(
    'a VM named "%s" gets guest memory at real addresses, like any VM',
    (name) => {
      const text = readFileSync(new URL('../../public/scenarios/lookahead-split-2008r2.json', import.meta.url), 'utf8');
      const parsed = parseScenario(text.replaceAll('VM1', name));
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
      const session = createScenarioSession(parsed.scenario);
      const report = session.runToEnd();
      expect(report.ok).toBe(true);
      const guest = session.engine.view().memory.filter((block) => block.space === name);
      expect(guest.length).toBeGreaterThan(0);
      for (const block of guest) expect(typeof block.address).toBe('number');
      expect(runRestoringEveryStep(parsed.scenario)).toEqual(report);
    },
  );

  it('"QueueName": "$q.toString" fails its step with a clear error and sends no request', () => {
    const { report, events } = runScenario(
      scenarioOf([
        ...ALLOCATE_VM1_QUEUE,
        {
          oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE',
          buffer: { ...ALLOCATE.buffer, QueueName: '$vm1q.toString' },
          comment: 'second queue',
        },
      ]),
    );
    expect(report.ok).toBe(false);
    expect(report.expectations.at(-1)).toMatchObject({
      stepIndex: 3,
      kind: 'error',
      ok: false,
      detail: '$vm1q.toString: step 0 (OID_RECEIVE_FILTER_ALLOCATE_QUEUE) output has no field "toString"',
    });
    const requests = events.filter((e) => e.kind === 'oid-requested');
    expect(requests).toHaveLength(3);
    expect(() => structuredClone(events)).not.toThrow();
  });
});
