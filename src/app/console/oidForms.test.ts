import { describe, expect, it } from 'vitest';
import { createEngine } from '../../engine/engine.ts';
import { OID_INFO, OID_NAMES } from '../../engine/oids/catalog.ts';
import { engineConfigFor } from '../../scenario/config.ts';
import { runBuiltIn } from '../../worker/testScenarios.ts';
import {
  defaultRequest,
  fieldsFor,
  formProblem,
  getPath,
  OID_FORMS,
  parseNumber,
  parseRawRequest,
  readFilterTests,
  setPath,
  writeFilterTests,
  type ConsoleContext,
} from './oidForms.ts';

const { scenario } = runBuiltIn();

function freshEngine() {
  const config = engineConfigFor(scenario);
  const engine = createEngine(config, () => {});
  const context = (): ConsoleContext => ({ vms: config.vms, cpus: config.adapter.cpus, view: engine.view() });
  return { engine, context };
}

describe('OID console forms', () => {
  it("has one form per OID descriptor, in the OID table's order, citing its section", () => {
    expect(Object.keys(OID_FORMS)).toEqual(OID_NAMES);
    expect(Object.keys(OID_FORMS)).toHaveLength(Object.keys(OID_INFO).length);
    for (const oid of OID_NAMES) expect(OID_FORMS[oid].fields).toBe(OID_INFO[oid].form.fields);
    for (const oid of OID_NAMES) expect(OID_FORMS[oid].section).toMatch(/^3\.\d+$/);
    expect(fieldsFor('OID_RECEIVE_FILTER_QUEUE_PARAMETERS', 'method').map((f) => f.kind)).toEqual(['queueId']);
    expect(fieldsFor('OID_RECEIVE_FILTER_QUEUE_PARAMETERS', 'set').length).toBeGreaterThan(3);
  });

  it('will not send a form whose number member holds a negative, fractional or other text; raw JSON still can', () => {
    const specs = fieldsFor('OID_RECEIVE_FILTER_ALLOCATE_QUEUE', 'set');
    const buffer = (text: string) => ({ NumSuggestedReceiveBuffers: parseNumber(text) });
    for (const ok of ['', '0', '32', '0x20']) expect(formProblem(specs, buffer(ok))).toBeNull();
    for (const bad of ['-5', '2.5', '1e3', 'many'])
      expect(formProblem(specs, buffer(bad))).toBe(
        'NumSuggestedReceiveBuffers must be a whole number, 0 or more (or 0x… hex)',
      );
    const free = fieldsFor('OID_RECEIVE_FILTER_FREE_QUEUE', 'set');
    expect(formProblem(free, { QueueId: '-1' })).toBe('QueueId must be a whole number, 0 or more (or 0x… hex)');
    expect(parseRawRequest('{"oid":"OID_RECEIVE_FILTER_FREE_QUEUE","buffer":{"QueueId":-1}}')).not.toHaveProperty(
      'error',
    );
  });

  it('edits nested members by path, dropping emptied parents', () => {
    const buffer = setPath({ QueueId: 1 }, ['ProcessorAffinity', 'Mask'], 4);
    expect(buffer).toEqual({ QueueId: 1, ProcessorAffinity: { Mask: 4 } });
    expect(getPath(buffer, ['ProcessorAffinity', 'Mask'])).toBe(4);
    expect(setPath(buffer, ['ProcessorAffinity', 'Mask'], undefined)).toEqual({ QueueId: 1 });
    expect(getPath(undefined, ['QueueId'])).toBeUndefined();
  });

  it('round-trips the MAC and VLAN field tests, and leaves shapes it cannot show to raw JSON', () => {
    for (const tests of [
      { mac: '00-15-5D-00-00-01', vlanId: 10, untaggedOrZero: false },
      { mac: '00-15-5D-00-00-02', vlanId: null, untaggedOrZero: true },
      { mac: '00-15-5D-00-00-03', vlanId: 7, untaggedOrZero: true },
      { mac: '00-15-5D-00-00-04', vlanId: null, untaggedOrZero: false },
    ])
      expect(readFilterTests(writeFilterTests(tests))).toEqual(tests);
    expect(
      readFilterTests([
        { MacHeaderField: 'NdisMacHeaderFieldSourceAddress', FieldByteArrayValue: '00-15-5D-00-00-01' },
      ]),
    ).toBeNull();
    expect(readFilterTests('nope')).toBeNull();
  });

  it("defaults tell the default scenario's story: two VM queues, filtered, completed, Running", () => {
    const { engine, context } = freshEngine();
    const send = (oid: (typeof OID_NAMES)[number]) => engine.request(defaultRequest(oid, context()));
    expect(send('OID_RECEIVE_FILTER_ALLOCATE_QUEUE')).toMatchObject({
      status: 'NDIS_STATUS_SUCCESS',
      output: { QueueId: 1, VmName: 'VM1' },
    });
    expect(send('OID_RECEIVE_FILTER_SET_FILTER')).toMatchObject({
      status: 'NDIS_STATUS_SUCCESS',
      output: { QueueId: 1, FilterId: 1 },
    });
    expect(send('OID_RECEIVE_FILTER_ALLOCATE_QUEUE')).toMatchObject({
      status: 'NDIS_STATUS_SUCCESS',
      output: { QueueId: 2, VmName: 'VM2' },
    });
    expect(send('OID_RECEIVE_FILTER_SET_FILTER').status).toBe('NDIS_STATUS_SUCCESS');
    expect(send('OID_RECEIVE_FILTER_QUEUE_ALLOCATION_COMPLETE').output?.['Elements']).toHaveLength(2);
    const view = engine.view();
    expect(view.queues.map((q) => [q.QueueId, q.state, q.cpu])).toEqual([
      [0, 'Running', 0],
      [1, 'Running', 1],
      [2, 'Running', 2],
    ]);
    expect(view.filters.map((f) => [f.QueueId, f.filter.vlanId, f.filter.untaggedOrZero])).toEqual([
      [1, 10, false],
      [2, null, true],
    ]);
  });

  it('every default request is readable by NDIS (no NDIS_STATUS_INVALID_DATA)', () => {
    const { engine, context } = freshEngine();
    for (const oid of OID_NAMES)
      expect(engine.request(defaultRequest(oid, context())).status, oid).not.toBe('NDIS_STATUS_INVALID_DATA');
  });

  it('FREE_QUEUE defaults to the newest queue, and is refused while its filter is set (R21)', () => {
    const { engine, context } = freshEngine();
    engine.request(defaultRequest('OID_RECEIVE_FILTER_ALLOCATE_QUEUE', context()));
    engine.request(defaultRequest('OID_RECEIVE_FILTER_SET_FILTER', context()));
    expect(getPath(defaultRequest('OID_RECEIVE_FILTER_FREE_QUEUE', context()).buffer, ['QueueId'])).toBe(1);
    expect(engine.request(defaultRequest('OID_RECEIVE_FILTER_FREE_QUEUE', context()))).toMatchObject({
      status: 'NDIS_STATUS_INVALID_PARAMETER',
      layer: 'NDIS',
    });
    expect(engine.request(defaultRequest('OID_RECEIVE_FILTER_CLEAR_FILTER', context())).status).toBe(
      'NDIS_STATUS_SUCCESS',
    );
  });
});

describe('number fields', () => {
  it('read decimal and hex, leave out empty, and keep anything else as typed for NDIS to judge', () => {
    expect(parseNumber('32')).toBe(32);
    expect(parseNumber(' 0x1F ')).toBe(31);
    expect(parseNumber('')).toBeUndefined();
    expect(parseNumber('lots')).toBe('lots');
  });
});

describe('raw JSON requests', () => {
  it('accepts a request and says precisely what is wrong with anything else', () => {
    expect(
      parseRawRequest(
        '{"oid":"OID_RECEIVE_FILTER_FREE_QUEUE","requestType":"NdisRequestMethod","buffer":{"QueueId":1},"bufferLength":4}',
      ),
    ).toEqual({
      request: {
        oid: 'OID_RECEIVE_FILTER_FREE_QUEUE',
        requestType: 'NdisRequestMethod',
        buffer: { QueueId: 1 },
        bufferLength: 4,
      },
    });
    expect(parseRawRequest('{"oid":"OID_X"}')).toEqual({
      error: `oid must be one of the ${OID_NAMES.length} OID_RECEIVE_FILTER_* names`,
    });
    expect(parseRawRequest('{"oid":"OID_RECEIVE_FILTER_FREE_QUEUE","bufer":{}}')).toMatchObject({
      error: expect.stringContaining('unknown key "bufer"'),
    });
    expect(parseRawRequest('{"oid":"OID_RECEIVE_FILTER_FREE_QUEUE","requestType":"Set"}')).toMatchObject({
      error: expect.stringContaining('NdisRequestSetInformation'),
    });
    expect(parseRawRequest('{"oid":')).toHaveProperty('error');
    expect(parseRawRequest('[]')).toHaveProperty('error');
  });
});
