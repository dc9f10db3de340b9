/**
 * Independent tests of the host import (docs/host-import.md, docs/cli.md `vmq import-host`), written from the docs
 * without reading the reader or the builder. The samples are written here, as Get-NetAdapterVmq and
 * Get-NetAdapterVmqQueue print on a Windows Server host (Format-Table, and ConvertTo-Json).
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/main.ts';
import { MAX_HOST_CONFIG_CHARS, MAX_HOST_CONFIG_ROWS, parseHostConfig } from './hostConfig.ts';
import { hostScenario } from './hostScenario.ts';

const VMQ_TABLE = `PS C:\\> Get-NetAdapterVmq

Name                           InterfaceDescription              Enabled BaseVmqProcessor MaxProcessors NumberOfReceive
                                                                                                        Queues
----                           --------------------              ------- ---------------- ------------- ---------------
NIC1                           Broadcom NetXtreme Gigabit E...   False   0:0              16            0
SLOT 3 Port 1                  Intel(R) Ethernet 10G 2P X520     True    0:2              8             31
`;

const QUEUE_TABLE = `PS C:\\> Get-NetAdapterVmqQueue

Name                           QueueID MacAddress        VlanID Processor VmFriendlyName
----                           ------- ----------        ------ --------- --------------
SLOT 3 Port 1                        0                          0:0       HV-HOST01
SLOT 3 Port 1                        1 00-15-5D-0A-01-01        0:2       web01
SLOT 3 Port 1                        2 00-15-5D-0A-01-02     10 0:4       sql server 01
SLOT 3 Port 1                        4 00-15-5D-0A-01-03      0 0:6       web01
SLOT 3 Port 1                        5 00-15-5D-0A-01-04     20 0:12      build agent

PS C:\\>
`;

const ADAPTER_JSON = `PS C:\\> Get-NetAdapterVmq -Name "SLOT 3 Port 1" | ConvertTo-Json
{
    "Enabled":  true,
    "BaseProcessorGroup":  0,
    "BaseProcessorNumber":  2,
    "MaxProcessors":  8,
    "NumberOfReceiveQueues":  31,
    "Name":  "SLOT 3 Port 1",
    "InterfaceDescription":  "Intel(R) Ethernet 10G 2P X520 Adapter",
    "Caption":  null,
    "ElementName":  null,
    "InstanceID":  "{3F1C1B5A-2D1E-4C8B-9A3D-6E5F4A3B2C1D}",
    "PSComputerName":  null,
    "CimClass":  "ROOT/StandardCimv2:MSFT_NetAdapterVmqSettingData",
    "CimInstanceProperties":  "Caption = ..."
}
`;

const QUEUE_JSON = `PS C:\\> Get-NetAdapterVmqQueue | ConvertTo-Json
[
    {
        "QueueID":  0,
        "MacAddress":  "",
        "VlanID":  0,
        "ProcessorGroup":  0,
        "ProcessorAffinityMask":  1,
        "VmFriendlyName":  "HV-HOST01",
        "Name":  "SLOT 3 Port 1",
        "PSComputerName":  null
    },
    {
        "QueueID":  1,
        "MacAddress":  "00:15:5D:0A:01:01",
        "VlanID":  0,
        "ProcessorGroup":  0,
        "ProcessorAffinityMask":  24,
        "VmFriendlyName":  "web01",
        "Name":  "SLOT 3 Port 1",
        "PSComputerName":  null
    },
    {
        "QueueID":  2,
        "MacAddress":  "00-15-5D-0A-01-02",
        "VlanID":  10,
        "ProcessorGroup":  0,
        "ProcessorAffinityMask":  64,
        "VmFriendlyName":  "sql server 01",
        "Name":  "SLOT 3 Port 1",
        "PSComputerName":  null
    }
]
`;

function vmq(files: Record<string, string>, ...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = runCli(argv, {
    readFile: (path) => {
      const content = files[path];
      if (content === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
      return content;
    },
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    version: '0.1.0',
  });
  return { code, out, err };
}

function parsed(text: string) {
  const result = parseHostConfig(text);
  if (!result.ok) throw new Error(`expected the text to be read: ${result.error}`);
  return result;
}

function failed(text: string) {
  const result = parseHostConfig(text);
  expect(result.ok).toBe(false);
  return result.ok ? '' : result.error;
}

type Event = Record<string, unknown> & { kind: string };

/** Imports with the CLI, runs the scenario with --json, and returns the run's code and events. */
function importAndRun(text: string) {
  const imported = vmq({ 'host.txt': text }, 'import-host', 'host.txt');
  expect(imported.code, imported.err.join('\n')).toBe(0);
  const scenario = JSON.parse(imported.out.join('\n'));
  const run = vmq({ 'host.json': imported.out.join('\n') }, 'run', 'host.json', '--json');
  const lines = run.out.map((line) => JSON.parse(line) as Record<string, unknown>);
  const events = lines.filter((line) => line.type === 'event') as Event[];
  return { imported, scenario, run, lines, events };
}

const mac = (value: number) => value.toString(16).padStart(12, '0').toUpperCase().match(/../g)?.join('-');

/** Each allocated queue: its QueueId, the request's VmName, QueueName, affinity, and its filter. */
function queuesOf(events: Event[]) {
  const requests = events.filter((e) => e.kind === 'oid-requested' && e.oid === 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE');
  return requests.map((request) => {
    const buffer = request.buffer as { VmName: string; QueueName: string; ProcessorAffinity: { Mask: number } };
    const allocated = events.find(
      (e) => e.kind === 'queue-state-changed' && e.to === 'Allocated' && e.causeRequestId === request.requestId,
    );
    const queueId = allocated?.queueId as number;
    const filter = events.find((e) => e.kind === 'filter-set' && e.queueId === queueId)?.filter as
      | { mac: number; vlanId: number | null; untaggedOrZero: boolean }
      | undefined;
    return {
      queueId,
      vmName: buffer.VmName,
      queueName: buffer.QueueName,
      mask: buffer.ProcessorAffinity.Mask,
      mac: filter && mac(filter.mac),
      vlanId: filter?.vlanId ?? null,
      untaggedOrZero: filter?.untaggedOrZero,
    };
  });
}

describe('parseHostConfig: tables (docs/host-import.md "What it reads")', () => {
  it('reads both tables with prompts between them, a wrapped header, untagged VLANs and group:number', () => {
    const { config } = parsed(`${VMQ_TABLE}\n${QUEUE_TABLE}`);
    const adapter = config.adapters.find((a) => a.name === 'SLOT 3 Port 1');
    expect(adapter).toEqual({
      name: 'SLOT 3 Port 1',
      interfaceDescription: 'Intel(R) Ethernet 10G 2P X520',
      enabled: true,
      baseProcessor: { group: 0, number: 2 },
      maxProcessors: 8,
      numberOfReceiveQueues: 31,
    });
    expect(config.adapters.find((a) => a.name === 'NIC1')?.enabled).toBe(false);
    expect(config.queues.map((q) => [q.queueId, q.mac, q.vlan, `${q.processor.group}:${q.processor.number}`])).toEqual([
      [0, '', 0, '0:0'],
      [1, '00-15-5D-0A-01-01', 0, '0:2'],
      [2, '00-15-5D-0A-01-02', 10, '0:4'],
      [4, '00-15-5D-0A-01-03', 0, '0:6'],
      [5, '00-15-5D-0A-01-04', 20, '0:12'],
    ]);
    expect(config.queues[2]?.vmFriendlyName).toBe('sql server 01');
    expect(config.queues.every((q) => q.adapter === 'SLOT 3 Port 1')).toBe(true);
  });

  it('notes an unknown column by name', () => {
    const text = `Name          QueueID MacAddress        VlanID Processor VmFriendlyName NumberOfSetFilters
----          ------- ----------        ------ --------- -------------- ------------------
Ethernet 2          1 00-15-5D-0A-01-01        0:2       web01                           1
`;
    const result = parsed(text);
    expect(result.config.queues).toHaveLength(1);
    expect(
      result.notes.some((note) => note.includes('NumberOfSetFilters')),
      result.notes.join('\n'),
    ).toBe(true);
  });

  it('notes a VmFriendlyName that Format-Table cut short with ...', () => {
    const text = `Name          QueueID MacAddress        VlanID Processor VmFriendlyName
----          ------- ----------        ------ --------- --------------
Ethernet 2          1 00-15-5D-0A-01-01        0:2       a-very-lon...
`;
    const result = parsed(text);
    expect(result.config.queues[0]?.vmFriendlyName).toBe('a-very-lon...');
    expect(result.notes.length).toBeGreaterThan(0);
  });
});

describe('parseHostConfig: ConvertTo-Json', () => {
  it('reads BaseProcessorGroup/Number and the lowest bit of ProcessorAffinityMask, noting CIM properties', () => {
    const result = parsed(`${ADAPTER_JSON}\n${QUEUE_JSON}`);
    expect(result.config.adapters).toEqual([
      {
        name: 'SLOT 3 Port 1',
        interfaceDescription: 'Intel(R) Ethernet 10G 2P X520 Adapter',
        enabled: true,
        baseProcessor: { group: 0, number: 2 },
        maxProcessors: 8,
        numberOfReceiveQueues: 31,
      },
    ]);
    expect(result.config.queues.map((q) => [q.queueId, q.mac.replace(/:/g, '-'), q.vlan, q.processor.number])).toEqual([
      [0, '', 0, 0],
      [1, '00-15-5D-0A-01-01', 0, 3],
      [2, '00-15-5D-0A-01-02', 10, 6],
    ]);
    expect(result.notes.some((note) => /PSComputerName|CimClass|InstanceID|Caption/.test(note))).toBe(true);
  });

  it('a single queue object (not an array) is read', () => {
    const one = `{ "QueueID": 1, "MacAddress": "00-15-5D-0A-01-01", "VlanID": 7, "ProcessorGroup": 0, "ProcessorAffinityMask": 4, "VmFriendlyName": "web01", "Name": "Ethernet" }`;
    const { config } = parsed(one);
    expect(config.queues).toMatchObject([{ queueId: 1, vlan: 7, processor: { group: 0, number: 2 } }]);
  });
});

describe('parseHostConfig: what it refuses (docs/host-import.md "What it refuses")', () => {
  const HEADER = `Name          QueueID MacAddress        VlanID Processor VmFriendlyName
----          ------- ----------        ------ --------- --------------
`;
  it('a Processor that is not group:number names its line, as the doc quotes it', () => {
    const text = `\n\n\n\n${HEADER}Ethernet 2          1 00-15-5D-0A-01-01        4         web01\n`;
    expect(failed(text)).toBe('Line 7: Processor is "4"; expected group:number, like 0:2.');
  });

  it('a cell that is not a whole number, or a bad MAC, names its line', () => {
    expect(failed(`${HEADER}Ethernet 2          x 00-15-5D-0A-01-01        0:2       web01\n`)).toMatch(
      /^Line 3: .*QueueID/,
    );
    expect(failed(`${HEADER}Ethernet 2          1 00-15-5D-0A-01           0:2       web01\n`)).toMatch(
      /^Line 3: .*MacAddress/,
    );
  });

  it('a processor outside group 0, or beyond 64 processors, is refused naming its line (vmq import-host)', () => {
    for (const processor of ['1:2      ', '0:64     ']) {
      const bad = `${HEADER}Ethernet 2          1 00-15-5D-0A-01-01        ${processor} web01\n`;
      const { code, out, err } = vmq({ 'bad.txt': bad }, 'import-host', 'bad.txt');
      expect(code).toBe(2);
      expect(out).toEqual([]);
      expect(err.filter((line) => !line.startsWith('bad.txt: note: '))).toEqual([
        expect.stringMatching(/^bad\.txt: Line 3: /),
      ]);
    }
  });

  it('a line that is neither JSON nor a table header followed by dashes names its line', () => {
    expect(failed(`${HEADER}Ethernet 2          1 00-15-5D-0A-01-01        0:2       web01\n\nhello there\n`)).toMatch(
      /^Line 5: /,
    );
  });

  it('JSON that never ends, and a JSON element that is not an object, are refused', () => {
    expect(failed('[\n  { "QueueID": 1, "MacAddress": "00-15-5D-0A-01-01"\n')).not.toBe('');
    expect(failed('[\n  1,\n  2\n]\n')).not.toBe('');
  });

  it(`more than MAX_HOST_CONFIG_CHARS (${MAX_HOST_CONFIG_CHARS}) characters is refused before reading`, () => {
    expect(MAX_HOST_CONFIG_CHARS).toBe(1_000_000);
    const text = `${HEADER}${' '.repeat(MAX_HOST_CONFIG_CHARS)}`;
    expect(failed(text)).toMatch(/1,?000,?000/);
  });

  it(`more than MAX_HOST_CONFIG_ROWS (${MAX_HOST_CONFIG_ROWS}) rows is refused, and exactly that many is read`, () => {
    expect(MAX_HOST_CONFIG_ROWS).toBe(8192);
    const row = (i: number) => `Ethernet 2    ${String(i).padStart(7)} 00-15-5D-0A-01-01        0:2       web01\n`;
    const rows = (n: number) => Array.from({ length: n }, (_, i) => row(i + 1)).join('');
    expect(parseHostConfig(`${HEADER}${rows(MAX_HOST_CONFIG_ROWS)}`).ok).toBe(true);
    expect(failed(`${HEADER}${rows(MAX_HOST_CONFIG_ROWS + 1)}`)).toMatch(/8,?192/);
  });

  it('vmq import-host exits 2 with "file: Line N: …" on stderr and prints no scenario', () => {
    const bad = `${HEADER}Ethernet 2          1 00-15-5D-0A-01-01        4         web01\n`;
    const { code, out, err } = vmq({ 'bad.txt': bad }, 'import-host', 'bad.txt');
    expect(code).toBe(2);
    expect(out).toEqual([]);
    expect(err).toEqual(['bad.txt: Line 3: Processor is "4"; expected group:number, like 0:2.']);
  });
});

describe('the built scenario (docs/host-import.md "What it builds")', () => {
  it('vmq import-host then vmq run: passes, queues have the listed MACs, VLANs and processors', () => {
    const { imported, scenario, run, events } = importAndRun(`${VMQ_TABLE}\n${QUEUE_TABLE}`);
    expect(imported.err.every((line) => line.startsWith('host.txt: note: '))).toBe(true);
    expect(
      imported.err.some((line) => line.includes('NIC1')),
      'the other adapter is named in a note',
    ).toBe(true);
    expect(scenario.adapter.profile).toBe('ws2012');
    expect(scenario.adapter.vmqEnabled).toBe(true);
    expect(scenario.adapter.cpus).toBeGreaterThanOrEqual(13);
    expect(run.code).toBe(0);

    expect(queuesOf(events)).toEqual([
      {
        queueId: 1,
        vmName: 'web01',
        queueName: 'QueueID 1',
        mask: 1 << 2,
        mac: '00-15-5D-0A-01-01',
        vlanId: null,
        untaggedOrZero: true,
      },
      {
        queueId: 2,
        vmName: 'sql server 01',
        queueName: 'QueueID 2',
        mask: 1 << 4,
        mac: '00-15-5D-0A-01-02',
        vlanId: 10,
        untaggedOrZero: false,
      },
      {
        queueId: 3,
        vmName: 'web01',
        queueName: 'QueueID 4',
        mask: 1 << 6,
        mac: '00-15-5D-0A-01-03',
        vlanId: null,
        untaggedOrZero: true,
      },
      {
        queueId: 4,
        vmName: 'build agent',
        queueName: 'QueueID 5',
        mask: 1 << 12,
        mac: '00-15-5D-0A-01-04',
        vlanId: 20,
        untaggedOrZero: false,
      },
    ]);
    const allocationComplete = events.filter(
      (e) => e.kind === 'oid-requested' && e.oid === 'OID_RECEIVE_FILTER_QUEUE_ALLOCATION_COMPLETE',
    );
    expect(allocationComplete).toHaveLength(1);
  });

  it('VMs are named from VmFriendlyName (spaces become -), a second network adapter is web01-2', () => {
    const { config } = parsed(`${VMQ_TABLE}\n${QUEUE_TABLE}`);
    const built = hostScenario(config);
    const vms = built.scenario.vms as Record<string, unknown> | { name: string }[];
    const names = Array.isArray(vms) ? vms.map((vm) => vm.name) : Object.keys(vms);
    expect(names).toEqual(expect.arrayContaining(['web01', 'web01-2', 'sql-server-01', 'build-agent']));
    expect(names).not.toContain('HV-HOST01');
  });

  it('ConvertTo-Json input builds the same queues as the tables', () => {
    const fromJson = queuesOf(importAndRun(`${ADAPTER_JSON}\n${QUEUE_JSON}`).events);
    expect(fromJson.map((q) => [q.queueId, q.mac, q.vlanId, q.mask])).toEqual([
      [1, '00-15-5D-0A-01-01', null, 1 << 3],
      [2, '00-15-5D-0A-01-02', 10, 1 << 6],
    ]);
  });

  it('with VMQ disabled no queue is allocated, with a note', () => {
    const disabled = VMQ_TABLE.replace('True    0:2', 'False   0:2');
    const { imported, scenario, run, events } = importAndRun(`${disabled}\n${QUEUE_TABLE}`);
    expect(scenario.adapter.vmqEnabled).toBe(false);
    expect(queuesOf(events)).toEqual([]);
    expect(imported.err.length).toBeGreaterThan(0);
    expect(run.code).toBe(0);
  });

  it('NumberOfReceiveQueues lower than the listed VM queues is raised, with a note', () => {
    const few = VMQ_TABLE.replace(/31\n/, '2\n');
    const { imported, scenario, run, events } = importAndRun(`${few}\n${QUEUE_TABLE}`);
    expect(scenario.adapter.capabilities.NumQueues).toBeGreaterThanOrEqual(4);
    expect(
      imported.err.some((line) => /NumberOfReceiveQueues|NumQueues/.test(line)),
      imported.err.join('\n'),
    ).toBe(true);
    expect(queuesOf(events)).toHaveLength(4);
    expect(run.code).toBe(0);
  });

  it('without Get-NetAdapterVmq output, the profile capabilities are used, with a note', () => {
    const { imported, run, events } = importAndRun(QUEUE_TABLE);
    expect(imported.err.length).toBeGreaterThan(0);
    expect(queuesOf(events)).toHaveLength(4);
    expect(run.code).toBe(0);
  });
});
