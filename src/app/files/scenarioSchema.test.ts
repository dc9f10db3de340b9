import { describe, expect, it } from 'vitest';
import { scenarioJsonSchema } from '../../scenario/json-schema.ts';
import { keysAt, valuesAt, type SchemaNode } from './scenarioSchema.ts';

const schema = scenarioJsonSchema() as SchemaNode;
const none = () => [];

describe('the scenario schema, for completion', () => {
  it('offers the top-level keys, required first, and leaves out those already there', () => {
    const keys = keysAt(schema, [], () => ['format']).map((option) => option.key);
    expect(keys.slice(0, 4)).toEqual(['version', 'title', 'adapter', 'steps']);
    expect(keys).toContain('vms');
    expect(keys).not.toContain('format');
  });

  it('offers a step the keys of its own action once it has one', () => {
    const oidStep = keysAt(schema, ['steps', 0], (depth) => (depth === 2 ? ['oid'] : [])).map((o) => o.key);
    expect(oidStep).toEqual(expect.arrayContaining(['buffer', 'requestType', 'expect', 'saveAs']));
    expect(oidStep).not.toContain('traffic');
    const anyStep = keysAt(schema, ['steps', 0], none).map((o) => o.key);
    expect(anyStep).toEqual(expect.arrayContaining(['oid', 'traffic', 'advance', 'note', 'expect']));
  });

  it('offers the NDIS identifiers a field takes: OID names, request types, profiles', () => {
    const present = (depth: number) => (depth === 2 ? ['oid'] : []);
    expect(valuesAt(schema, ['steps', 3, 'oid'], present)).toContain('"OID_RECEIVE_FILTER_FREE_QUEUE"');
    expect(valuesAt(schema, ['steps', 3, 'requestType'], present)).toContain('"NdisRequestSetInformation"');
    expect(valuesAt(schema, ['adapter', 'profile'], none)).toEqual(['"ws2008r2"', '"ws2012"', '"legacy-ndis61"']);
    expect(valuesAt(schema, ['format'], none)).toEqual(['"vmq-scenario"']);
    expect(valuesAt(schema, ['adapter', 'vmqEnabled'], none)).toEqual(['true', 'false']);
  });
});
