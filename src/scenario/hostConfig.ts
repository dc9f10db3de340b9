/**
 * Reads what an administrator copies from a Hyper-V host's PowerShell: the output of `Get-NetAdapterVmq` and
 * `Get-NetAdapterVmqQueue`, each in its default table form or piped through `ConvertTo-Json`, one after another in
 * one text (docs/host-import.md). Pure: no DOM, so the app and the CLI read it the same way.
 */

/** The most text one import reads: far beyond a host's 64 adapters × 128 queues, small enough to parse at once. */
export const MAX_HOST_CONFIG_CHARS = 1_000_000;
/** The most adapter and queue rows together. */
export const MAX_HOST_CONFIG_ROWS = 8192;

/** A processor as PowerShell writes it, "group:number" (BaseVmqProcessor, Processor). */
/** What the engine models: processors of group 0, at most this many (a scenario's `cpus`). */
export const MAX_CPUS = 64;

export interface HostProcessor {
  group: number;
  number: number;
}

/** One row of Get-NetAdapterVmq. */
export interface HostAdapter {
  name: string;
  interfaceDescription: string;
  enabled: boolean;
  baseProcessor: HostProcessor;
  maxProcessors: number;
  numberOfReceiveQueues: number;
}

/** One row of Get-NetAdapterVmqQueue. */
export interface HostQueue {
  /** The adapter's Name. */
  adapter: string;
  queueId: number;
  /** "00-15-5D-0A-01-01"; empty for the default queue, which has no filter of its own. */
  mac: string;
  /** 0: untagged. */
  vlan: number;
  processor: HostProcessor;
  vmFriendlyName: string;
}

export interface HostConfig {
  adapters: HostAdapter[];
  queues: HostQueue[];
}

export type HostConfigResult =
  | { ok: true; config: HostConfig; notes: string[] }
  | { ok: false; error: string; notes: string[] };

/** A problem with the input, named by its line; thrown inside the reader and returned as `error`. */
class HostConfigError extends Error {}

const ADAPTER_COLUMNS = [
  'Name',
  'InterfaceDescription',
  'Enabled',
  'BaseVmqProcessor',
  'MaxProcessors',
  'NumberOfReceiveQueues',
] as const;
const QUEUE_COLUMNS = ['Name', 'QueueID', 'MacAddress', 'VlanID', 'Processor', 'VmFriendlyName'] as const;

/** PowerShell 7 colours table headers (SGR escapes), and some consoles keep them in what is copied or redirected. */
const ANSI_STYLE = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

type Row = Map<string, unknown>;
interface Source {
  /** "the table under line 3", "object 2 of the JSON on line 10": where a message points the user. */
  where: (index: number) => string;
  rows: Row[];
}

/** Reads every table and JSON document in `text`, in order. */
export function parseHostConfig(text: string): HostConfigResult {
  const notes: string[] = [];
  if (text.length > MAX_HOST_CONFIG_CHARS) {
    return {
      ok: false,
      error: `The text is ${text.length} characters; an import reads at most ${MAX_HOST_CONFIG_CHARS}.`,
      notes,
    };
  }
  try {
    const config: HostConfig = { adapters: [], queues: [] };
    const plain = text.replace(ANSI_STYLE, '').replace(/\r\n?/g, '\n');
    for (const source of sources(plain.split('\n'), notes)) {
      source.rows.forEach((row, index) => {
        if (config.adapters.length + config.queues.length >= MAX_HOST_CONFIG_ROWS) {
          throw new HostConfigError(`More than ${MAX_HOST_CONFIG_ROWS} adapters and queues; an import reads no more.`);
        }
        const where = source.where(index);
        if (row.has('QueueID')) config.queues.push(queueOf(row, where, notes));
        else if (row.has('NumberOfReceiveQueues') || row.has('BaseVmqProcessor') || row.has('BaseProcessorNumber'))
          config.adapters.push(adapterOf(row, where));
        else
          throw new HostConfigError(
            `${where} is neither Get-NetAdapterVmq (no NumberOfReceiveQueues) nor Get-NetAdapterVmqQueue (no QueueID).`,
          );
      });
    }
    if (config.adapters.length + config.queues.length === 0) {
      throw new HostConfigError(
        'No Get-NetAdapterVmq or Get-NetAdapterVmqQueue output found: paste a table (a header, a line of dashes, rows) or ConvertTo-Json output.',
      );
    }
    return { ok: true, config, notes };
  } catch (error) {
    if (error instanceof HostConfigError) return { ok: false, error: error.message, notes };
    throw error;
  }
}

/** Splits the lines into tables and JSON documents; prompts, blank lines and a PowerShell banner are skipped. */
function* sources(lines: string[], notes: string[]): Generator<Source> {
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    const trimmed = line.trim();
    if (trimmed === '' || /^PS [^>]*>/.test(trimmed)) {
      i += 1;
    } else if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
      const end = jsonEnd(lines, i);
      const first = i + 1;
      const value = JSON.parse(lines.slice(i, end + 1).join('\n')) as unknown;
      const objects = Array.isArray(value) ? value : [value];
      const rows = objects.map((object, index) => {
        if (typeof object !== 'object' || object === null || Array.isArray(object)) {
          throw new HostConfigError(`Object ${index + 1} of the JSON on line ${first} is not an object.`);
        }
        return new Map(Object.entries(object));
      });
      noteIgnoredProperties(rows, `The JSON on line ${first}`, notes);
      yield { rows, where: (index) => `Object ${index + 1} of the JSON on line ${first}` };
      i = end + 1;
    } else {
      const table = readTable(lines, i, notes);
      yield table.source;
      i = table.next;
    }
  }
}

/** The line that ends the JSON document beginning on line `start`: the first after which the text parses. */
function jsonEnd(lines: string[], start: number): number {
  let lastError = '';
  for (let end = start; end < lines.length; end++) {
    const closing = lines[end]!.trimEnd();
    if (!closing.endsWith('}') && !closing.endsWith(']')) continue;
    try {
      JSON.parse(lines.slice(start, end + 1).join('\n'));
      return end;
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
    }
  }
  throw new HostConfigError(
    `The JSON that begins on line ${start + 1} never ends in a whole JSON value${lastError ? ` (${lastError})` : ''}.`,
  );
}

const DASHES = /^[\s-]*-[\s-]*$/;

/**
 * A Format-Table block: header lines (a narrow console wraps a long name, "NumberOfReceive" over "Queues"), a line
 * of dashes that marks each column's span, then rows until a blank line. Cells are cut at the spans.
 */
function readTable(lines: string[], start: number, notes: string[]): { source: Source; next: number } {
  let dashes = start;
  while (dashes < lines.length && lines[dashes]!.trim() !== '' && !DASHES.test(lines[dashes]!)) dashes++;
  if (dashes >= lines.length || !DASHES.test(lines[dashes]!) || dashes === start) {
    throw new HostConfigError(
      `Line ${start + 1}: "${clip(lines[start]!.trim())}" is neither JSON nor a table header: a table needs a header line and then a line of dashes (----).`,
    );
  }
  const spans = [...lines[dashes]!.matchAll(/-+/g)].map((match) => match.index);
  const cells = (line: string): string[] =>
    spans.map((from, k) => line.slice(from, k + 1 < spans.length ? spans[k + 1] : undefined).trim());
  const headers = spans.map((_, k) =>
    lines
      .slice(start, dashes)
      .map((line) => cells(line)[k])
      .join(''),
  );
  const known = headers.includes('QueueID') ? QUEUE_COLUMNS : ADAPTER_COLUMNS;
  const ignored = headers.filter((header) => !(known as readonly string[]).includes(header));
  if (ignored.length > 0) {
    notes.push(`The table on line ${start + 1}: ignored column${ignored.length > 1 ? 's' : ''} ${ignored.join(', ')}.`);
  }
  const rows: Row[] = [];
  const rowLines: number[] = [];
  let next = dashes + 1;
  for (; next < lines.length && lines[next]!.trim() !== ''; next++) {
    rows.push(new Map(cells(lines[next]!).map((cell, k) => [headers[k]!, cell])));
    rowLines.push(next + 1);
  }
  return { source: { rows, where: (index) => `Line ${rowLines[index]}` }, next };
}

/** JSON from ConvertTo-Json carries every CIM property; say once, briefly, which ones the import does not use. */
function noteIgnoredProperties(rows: Row[], where: string, notes: string[]): void {
  const used = new Set<string>([
    ...ADAPTER_COLUMNS,
    ...QUEUE_COLUMNS,
    'BaseProcessorGroup',
    'BaseProcessorNumber',
    'ProcessorGroup',
    'ProcessorAffinityMask',
  ]);
  const ignored = [...new Set(rows.flatMap((row) => [...row.keys()]))].filter((key) => !used.has(key));
  if (ignored.length === 0) return;
  const shownKeys = ignored.slice(0, 6).join(', ');
  notes.push(
    `${where}: ignored ${ignored.length} propert${ignored.length > 1 ? 'ies' : 'y'} (${shownKeys}${ignored.length > 6 ? ', …' : ''}).`,
  );
}

function adapterOf(row: Row, where: string): HostAdapter {
  const base = modelled(
    row.has('BaseVmqProcessor')
      ? processorOf(row, 'BaseVmqProcessor', where)
      : { group: uint(row, 'BaseProcessorGroup', where), number: uint(row, 'BaseProcessorNumber', where) },
    'BaseVmqProcessor',
    where,
  );
  const maxProcessors = uint(row, 'MaxProcessors', where);
  if (base.number + maxProcessors > MAX_CPUS) {
    throw new HostConfigError(
      `${where}: BaseVmqProcessor ${base.group}:${base.number} with MaxProcessors ${maxProcessors} reaches processor ${base.number + maxProcessors}; the playground models at most ${MAX_CPUS}.`,
    );
  }
  return {
    name: textOf(row, 'Name'),
    interfaceDescription: textOf(row, 'InterfaceDescription'),
    enabled: booleanOf(row, 'Enabled', where),
    baseProcessor: base,
    maxProcessors,
    numberOfReceiveQueues: uint(row, 'NumberOfReceiveQueues', where),
  };
}

/** `processor`, if the engine models it (group 0, one of the first MAX_CPUS); refused on its line otherwise, so a
 * host listing hundreds of queues says which one. */
function modelled(processor: HostProcessor, key: string, where: string): HostProcessor {
  const { group, number } = processor;
  if (group !== 0)
    throw new HostConfigError(
      `${where}: ${key} ${group}:${number} is in processor group ${group}; the playground models group 0 only.`,
    );
  if (number >= MAX_CPUS)
    throw new HostConfigError(
      `${where}: ${key} ${group}:${number} is processor ${number + 1}; the playground models at most ${MAX_CPUS}.`,
    );
  return processor;
}

function queueOf(row: Row, where: string, notes: string[]): HostQueue {
  const queueId = uint(row, 'QueueID', where);
  const vmFriendlyName = textOf(row, 'VmFriendlyName');
  if (vmFriendlyName.endsWith('...') || vmFriendlyName.endsWith('…')) {
    notes.push(
      `${where}: VmFriendlyName "${vmFriendlyName}" was cut short by Format-Table; run Get-NetAdapterVmqQueue | Format-Table -AutoSize (or | ConvertTo-Json) for the whole name.`,
    );
  }
  return {
    adapter: textOf(row, 'Name'),
    queueId,
    mac: queueId === 0 && textOf(row, 'MacAddress') === '' ? '' : macOf(row, where),
    vlan: row.has('VlanID') && textOf(row, 'VlanID') !== '' ? uint(row, 'VlanID', where, 4094) : 0,
    processor: modelled(
      row.has('Processor')
        ? processorOf(row, 'Processor', where)
        : { group: uint(row, 'ProcessorGroup', where), number: lowestBit(row, where) },
      'Processor',
      where,
    ),
    vmFriendlyName,
  };
}

const textOf = (row: Row, key: string): string => {
  const value = row.get(key);
  return value === undefined || value === null ? '' : String(value).trim();
};

function missing(row: Row, key: string, where: string, expected: string): never {
  throw new HostConfigError(
    row.has(key)
      ? `${where}: ${key} is "${clip(textOf(row, key))}"; expected ${expected}.`
      : `${where}: no ${key}; expected ${expected}.`,
  );
}

function uint(row: Row, key: string, where: string, max = 0xffff_ffff): number {
  const text = textOf(row, key);
  const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!(value <= max)) missing(row, key, where, `a whole number from 0 to ${max}`);
  return value;
}

function booleanOf(row: Row, key: string, where: string): boolean {
  const text = textOf(row, key).toLowerCase();
  if (text === 'true') return true;
  if (text === 'false') return false;
  return missing(row, key, where, 'True or False');
}

function processorOf(row: Row, key: string, where: string): HostProcessor {
  const match = /^(\d+):(\d+)$/.exec(textOf(row, key));
  if (!match) return missing(row, key, where, 'group:number, like 0:2');
  return { group: Number(match[1]), number: Number(match[2]) };
}

/** ProcessorAffinityMask in JSON: the queue's processor is the mask's lowest set bit. */
function lowestBit(row: Row, where: string): number {
  const text = textOf(row, 'ProcessorAffinityMask');
  const mask = /^\d+$/.test(text) ? BigInt(text) : 0n;
  if (mask === 0n) missing(row, 'ProcessorAffinityMask', where, 'a non-zero processor mask');
  let bit = 0;
  while (((mask >> BigInt(bit)) & 1n) === 0n) bit++;
  return bit;
}

function macOf(row: Row, where: string): string {
  const text = textOf(row, 'MacAddress').toUpperCase();
  const hex = text.replace(/[-:]/g, '');
  if (!/^[0-9A-F]{12}$/.test(hex) || !/^([0-9A-F]{2}[-:]?){5}[0-9A-F]{2}$/.test(text)) {
    return missing(row, 'MacAddress', where, 'six hex bytes, like 00-15-5D-0A-01-01');
  }
  return hex.match(/../g)!.join('-');
}

const clip = (text: string): string => (text.length > 60 ? `${text.slice(0, 57)}...` : text);
