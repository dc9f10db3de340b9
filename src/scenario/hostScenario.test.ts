import { describe, expect, it } from 'vitest';
import { type HostConfig, parseHostConfig } from './hostConfig.ts';
import { SAMPLE_QUEUE_JSON, SAMPLE_QUEUE_TABLE, SAMPLE_VMQ_JSON, SAMPLE_VMQ_TABLE } from './hostConfig.samples.ts';
import { hostScenario } from './hostScenario.ts';
import { parseScenario } from './parse.ts';
import { createScenarioSession } from './session.ts';

const configOf = (text: string): HostConfig => {
  const result = parseHostConfig(text);
  if (!result.ok) throw new Error(result.error);
  return result.config;
};

/** Builds the scenario, checks it with the scenario parser and runs it as `vmq run` does. */
function built(config: HostConfig) {
  const result = hostScenario(config);
  const scenario = parseScenario(result.scenario);
  if (!scenario.ok) throw new Error(JSON.stringify(scenario.errors));
  const session = createScenarioSession(scenario.scenario);
  const report = session.runToEnd();
  return { result, scenario: scenario.scenario, report, view: session.engine.view() };
}

/** What the engine's AdapterView says of each VM queue: its processor, owner and filter. */
const queuesOf = (view: ReturnType<typeof built>['view']) =>
  view.queues
    .filter((queue) => queue.QueueId !== 0)
    .map((queue) => {
      const [filter] = view.filters.filter((f) => f.QueueId === queue.QueueId);
      return {
        QueueId: queue.QueueId,
        cpu: queue.cpu,
        state: queue.state,
        VmName: queue.VmName,
        mac: filter?.filter.mac.toString(16).padStart(12, '0').toUpperCase(),
        vlanId: filter?.filter.vlanId,
        untaggedOrZero: filter?.filter.untaggedOrZero,
      };
    });

const EXPECTED_QUEUES = [
  { QueueId: 1, cpu: 2, state: 'Running', VmName: 'web01', mac: '00155D0A0101', vlanId: 10, untaggedOrZero: false },
  { QueueId: 2, cpu: 4, state: 'Running', VmName: 'web01', mac: '00155D0A0102', vlanId: 10, untaggedOrZero: false },
  { QueueId: 3, cpu: 6, state: 'Running', VmName: 'sql01', mac: '00155D0A0201', vlanId: null, untaggedOrZero: true },
  { QueueId: 4, cpu: 8, state: 'Running', VmName: 'sql01', mac: '00155D0A0202', vlanId: null, untaggedOrZero: true },
];

describe('hostScenario', () => {
  it('rebuilds the host of the sample tables: its capabilities, VMs, queues, filters and processors', () => {
    const { result, scenario, report, view } = built(configOf(`${SAMPLE_VMQ_TABLE}\n${SAMPLE_QUEUE_TABLE}`));
    expect(report.ok).toBe(true);
    expect(report.violations).toEqual([]);
    expect(scenario.adapter).toMatchObject({ profile: 'ws2012', cpus: 10, capabilities: { NumQueues: 31 } });
    expect(scenario.vms).toEqual([
      { name: 'web01', mac: '00-15-5D-0A-01-01', vlan: 10 },
      { name: 'web01-2', mac: '00-15-5D-0A-01-02', vlan: 10 },
      { name: 'sql01', mac: '00-15-5D-0A-02-01' },
      { name: 'sql01-2', mac: '00-15-5D-0A-02-02' },
    ]);
    expect(queuesOf(view)).toEqual(EXPECTED_QUEUES);
    expect(result.notes).toEqual(['Built SLOT 2 Port 1; left out SLOT 2 Port 2: a scenario has one adapter.']);
  });

  it('builds the same adapter from the ConvertTo-Json output', () => {
    const { report, view } = built(configOf(`${SAMPLE_VMQ_JSON}\n${SAMPLE_QUEUE_JSON}`));
    expect(report.ok).toBe(true);
    expect(queuesOf(view)).toEqual(EXPECTED_QUEUES);
  });

  it('with Get-NetAdapterVmqQueue alone, takes the capabilities from the profile and says so', () => {
    const { result, view } = built(configOf(SAMPLE_QUEUE_TABLE));
    expect(queuesOf(view)).toEqual(EXPECTED_QUEUES);
    expect(result.notes).toEqual([
      "No Get-NetAdapterVmq output: the adapter's capabilities come from the ws2012 profile.",
    ]);
  });

  it('with VMQ disabled on the adapter, leaves the queues out and says so', () => {
    const config = configOf(
      `${SAMPLE_VMQ_JSON.replace('"Enabled":  true', '"Enabled":  false')}\n${SAMPLE_QUEUE_JSON}`,
    );
    const { result, view } = built(config);
    expect(view.queues.filter((queue) => queue.QueueId !== 0)).toEqual([]);
    expect(result.notes).toEqual(['VMQ is disabled on SLOT 2 Port 1; its 4 queues are left out.']);
  });

  it('refuses a processor outside group 0, which the engine does not model, on its line', () => {
    const result = parseHostConfig(SAMPLE_QUEUE_TABLE.replace('0:6 ', '1:6 '));
    expect(result).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^Line \d+: Processor 1:6 is in processor group 1/),
    });
  });

  it('makes a VM name of a VmFriendlyName with spaces, and keeps the whole name in VmName', () => {
    const config = configOf(SAMPLE_QUEUE_TABLE.replaceAll('web01', 'Web 01'));
    const { scenario, view } = built(config);
    expect(scenario.vms.map((vm) => vm.name)).toEqual(['Web-01', 'Web-01-2', 'sql01', 'sql01-2']);
    expect(view.queues.find((queue) => queue.QueueId === 1)?.VmName).toBe('Web 01');
  });
});
