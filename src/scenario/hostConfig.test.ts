import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type HostConfig, type HostQueue, MAX_HOST_CONFIG_CHARS, parseHostConfig } from './hostConfig.ts';
import { SAMPLE_QUEUE_JSON, SAMPLE_QUEUE_TABLE, SAMPLE_VMQ_JSON, SAMPLE_VMQ_TABLE } from './hostConfig.samples.ts';

const parsed = (text: string) => {
  const result = parseHostConfig(text);
  if (!result.ok) throw new Error(result.error);
  return result;
};

const SAMPLE_QUEUES: Omit<HostQueue, 'adapter'>[] = [
  { queueId: 0, mac: '', vlan: 0, processor: { group: 0, number: 2 }, vmFriendlyName: 'HV-HOST01' },
  { queueId: 1, mac: '00-15-5D-0A-01-01', vlan: 10, processor: { group: 0, number: 2 }, vmFriendlyName: 'web01' },
  { queueId: 2, mac: '00-15-5D-0A-01-02', vlan: 10, processor: { group: 0, number: 4 }, vmFriendlyName: 'web01' },
  { queueId: 3, mac: '00-15-5D-0A-02-01', vlan: 0, processor: { group: 0, number: 6 }, vmFriendlyName: 'sql01' },
  { queueId: 4, mac: '00-15-5D-0A-02-02', vlan: 0, processor: { group: 0, number: 8 }, vmFriendlyName: 'sql01' },
];
const withAdapter = (queues: typeof SAMPLE_QUEUES) => queues.map((q) => ({ adapter: 'SLOT 2 Port 1', ...q }));

describe('parseHostConfig: the default table form', () => {
  it('reads Get-NetAdapterVmq, with a header wrapped over two lines and a cut InterfaceDescription', () => {
    const { config, notes } = parsed(SAMPLE_VMQ_TABLE);
    expect(config.adapters).toEqual([
      {
        name: 'SLOT 2 Port 1',
        interfaceDescription: 'Intel(R) Ethernet 10G 2P X520...',
        enabled: true,
        baseProcessor: { group: 0, number: 2 },
        maxProcessors: 8,
        numberOfReceiveQueues: 31,
      },
      expect.objectContaining({ name: 'SLOT 2 Port 2', enabled: false, maxProcessors: 16 }),
    ]);
    expect(notes).toEqual([]);
  });

  it('reads Get-NetAdapterVmqQueue, the default queue without a MAC', () => {
    expect(parsed(SAMPLE_QUEUE_TABLE).config.queues).toEqual(withAdapter(SAMPLE_QUEUES));
  });

  it('reads both outputs pasted one after the other', () => {
    const { config } = parsed(`${SAMPLE_VMQ_TABLE}\n${SAMPLE_QUEUE_TABLE}`);
    expect(config.adapters).toHaveLength(2);
    expect(config.queues).toHaveLength(5);
  });

  it('reads a table whose header PowerShell 7 coloured', () => {
    const esc = String.fromCharCode(27);
    const coloured = SAMPLE_QUEUE_TABLE.replace(/^(Name .*)$/m, `${esc}[32;1m$1${esc}[0m`);
    expect(parsed(coloured).config.queues).toEqual(withAdapter(SAMPLE_QUEUES));
  });

  it('ignores a column it does not know, and says so', () => {
    const text = `Name QueueID MacAddress        VlanID Processor VmFriendlyName NumFilters
---- ------- ----------        ------ --------- -------------- ----------
eth0 1       00-15-5D-00-00-01 0      0:1       vm1            1`;
    const { config, notes } = parsed(text);
    expect(config.queues[0]).toMatchObject({ queueId: 1, processor: { group: 0, number: 1 }, vmFriendlyName: 'vm1' });
    expect(notes).toEqual(['The table on line 1: ignored column NumFilters.']);
  });

  it('notes a VmFriendlyName that Format-Table cut short', () => {
    const text = `Name QueueID MacAddress        VlanID Processor VmFriendlyName
---- ------- ----------        ------ --------- --------------
eth0 1       00-15-5D-00-00-01 0      0:1       accounting-...`;
    expect(parsed(text).notes).toEqual([
      expect.stringMatching(/^Line 3: VmFriendlyName "accounting-\.\.\." was cut short/),
    ]);
  });
});

describe('parseHostConfig: ConvertTo-Json', () => {
  it('reads one Get-NetAdapterVmq object by its CIM property names, and notes the unused ones', () => {
    const { config, notes } = parsed(SAMPLE_VMQ_JSON);
    expect(config.adapters).toEqual([
      {
        name: 'SLOT 2 Port 1',
        interfaceDescription: 'Intel(R) Ethernet 10G 2P X520 Adapter',
        enabled: true,
        baseProcessor: { group: 0, number: 2 },
        maxProcessors: 8,
        numberOfReceiveQueues: 31,
      },
    ]);
    expect(notes).toEqual([
      'The JSON on line 2: ignored 4 properties (MaxProcessorNumber, NumaNode, Caption, PSComputerName).',
    ]);
  });

  it('reads an array of queues, taking the processor from ProcessorAffinityMask when Processor is absent', () => {
    expect(parsed(SAMPLE_QUEUE_JSON).config.queues).toEqual(withAdapter(SAMPLE_QUEUES.slice(1)));
  });

  it('reads JSON and a table in one text', () => {
    const { config } = parsed(`${SAMPLE_VMQ_JSON}\n${SAMPLE_QUEUE_TABLE}`);
    expect([config.adapters.length, config.queues.length]).toEqual([1, 5]);
  });
});

describe('parseHostConfig: what it refuses', () => {
  const error = (text: string) => {
    const result = parseHostConfig(text);
    return result.ok ? 'accepted' : result.error;
  };

  it('names the line and what it expected of a bad cell', () => {
    const bad = SAMPLE_QUEUE_TABLE.replace('0:4 ', '4   ');
    expect(error(bad)).toBe('Line 7: Processor is "4"; expected group:number, like 0:2.');
    expect(error(SAMPLE_QUEUE_TABLE.replace('00-15-5D-0A-02-01', '00-15-5D-0A-02-0Z'))).toBe(
      'Line 8: MacAddress is "00-15-5D-0A-02-0Z"; expected six hex bytes, like 00-15-5D-0A-01-01.',
    );
    expect(error(SAMPLE_VMQ_TABLE.replace('True ', 'Yes  '))).toBe('Line 6: Enabled is "Yes"; expected True or False.');
  });

  it('names the JSON object that lacks a property', () => {
    expect(error('[{"QueueID": 1, "MacAddress": "00-15-5D-00-00-01", "VmFriendlyName": "vm1"}]')).toBe(
      'Object 1 of the JSON on line 1: no ProcessorGroup; expected a whole number from 0 to 4294967295.',
    );
  });

  it('says where JSON that never ends begins', () => {
    expect(error('\n{\n  "QueueID": 1,\n')).toMatch(/^The JSON that begins on line 2 never ends/);
  });

  it('refuses text that is neither a table nor JSON', () => {
    expect(error('hello there')).toMatch(/^Line 1: "hello there" is neither JSON nor a table header/);
    expect(error('')).toMatch(/^No Get-NetAdapterVmq or Get-NetAdapterVmqQueue output found/);
  });

  it(`refuses more than ${MAX_HOST_CONFIG_CHARS} characters before reading any`, () => {
    expect(error(' '.repeat(MAX_HOST_CONFIG_CHARS + 1))).toMatch(/an import reads at most 1000000/);
  });

  it('never throws, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (text) => {
        parseHostConfig(text);
      }),
    );
  });
});

/** Renders queues as Format-Table does: each column as wide as its widest cell, dashes under the header. */
function queueTable(queues: HostQueue[]): string {
  const header = ['Name', 'QueueID', 'MacAddress', 'VlanID', 'Processor', 'VmFriendlyName'];
  const rows = queues.map((q) => [
    q.adapter,
    String(q.queueId),
    q.mac,
    String(q.vlan),
    `${q.processor.group}:${q.processor.number}`,
    q.vmFriendlyName,
  ]);
  const widths = header.map((h, k) => Math.max(h.length, ...rows.map((row) => row[k]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, k) => cell.padEnd(widths[k]!))
      .join(' ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

const word = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 ()#-]{0,20}[A-Za-z0-9]$/);
const queueArb = fc.record({
  adapter: word,
  queueId: fc.integer({ min: 1, max: 127 }),
  mac: fc
    .uint8Array({ minLength: 6, maxLength: 6 })
    .map((b) => [...b].map((x) => x.toString(16).toUpperCase().padStart(2, '0')).join('-')),
  vlan: fc.integer({ min: 0, max: 4094 }),
  // The processors the engine models: another group, or one past 63, is refused on its line.
  processor: fc.record({ group: fc.constant(0), number: fc.integer({ min: 0, max: 63 }) }),
  vmFriendlyName: word,
});

describe('parseHostConfig: round trips', () => {
  it('a configuration rendered as a table parses back to the same configuration', () => {
    fc.assert(
      fc.property(fc.array(queueArb, { minLength: 1, maxLength: 12 }), (queues) => {
        expect(parsed(queueTable(queues)).config).toEqual({ adapters: [], queues } satisfies HostConfig);
      }),
    );
  });

  it('a configuration written as ConvertTo-Json parses back to the same configuration', () => {
    fc.assert(
      fc.property(fc.array(queueArb, { minLength: 1, maxLength: 12 }), (queues) => {
        const json = JSON.stringify(
          queues.map((q) => ({
            Name: q.adapter,
            QueueID: q.queueId,
            MacAddress: q.mac,
            VlanID: q.vlan,
            Processor: `${q.processor.group}:${q.processor.number}`,
            VmFriendlyName: q.vmFriendlyName,
          })),
          null,
          4,
        );
        expect(parsed(json).config.queues).toEqual(queues);
      }),
    );
  });
});
