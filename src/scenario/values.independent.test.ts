/**
 * Independent tests of `values` (docs/scenario-format.md "Saved outputs: `values`"): `value`/`is` across two saved
 * outputs and `distinct`, where they hold and where they fail, plus load-time and run-time errors of references.
 * The facts compared are NDIS's ID rules: R4 (QueueIds unique and ≠ 0) and R10 (FilterIds unique and ≠ 0).
 */
import { describe, expect, it } from 'vitest';
import {
  docV2,
  expectFailureNaming,
  expectHolds,
  lastCheck,
  refused,
  resultOf,
  runDoc,
} from './checkLanguage.independent.testing.ts';
import { allocateBuffer, macTest, setFilterBuffer, vlanTest } from './independent.testing.ts';

/** Queues a and b, each with a filter (fa, fb), and a completion of both saved as done. */
const TWO_FILTERED_QUEUES = [
  { oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE', saveAs: 'a', buffer: allocateBuffer() },
  {
    oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE',
    saveAs: 'b',
    buffer: allocateBuffer({ ProcessorAffinity: { Mask: 4, Group: 0 } }),
  },
  { oid: 'OID_RECEIVE_FILTER_SET_FILTER', saveAs: 'fa', buffer: setFilterBuffer({ QueueId: '$a.QueueId' }) },
  {
    oid: 'OID_RECEIVE_FILTER_SET_FILTER',
    saveAs: 'fb',
    buffer: setFilterBuffer({
      QueueId: '$b.QueueId',
      FieldParameters: [macTest({ FieldByteArrayValue: '00-15-5D-00-00-02' }), vlanTest()],
    }),
  },
  {
    oid: 'OID_RECEIVE_FILTER_QUEUE_ALLOCATION_COMPLETE',
    saveAs: 'done',
    buffer: { Elements: [{ QueueId: '$a.QueueId' }, { QueueId: '$b.QueueId' }] },
  },
];
const values = (entries: unknown[]) => lastCheck(TWO_FILTERED_QUEUES, { values: entries });

describe('value / is', () => {
  it('R4 two queues get different QueueIds: a is not b', () => {
    expectHolds(values([{ value: '$a.QueueId', is: { not: '$b.QueueId' } }]));
  });

  it('R4 a is b fails, naming both values', () => {
    expectFailureNaming(values([{ value: '$a.QueueId', is: '$b.QueueId' }]), '1', '2');
  });

  it('R4 a QueueId is never 0, the default queue: gte 1 holds, lt 1 fails naming the value', () => {
    expectHolds(values([{ value: '$b.QueueId', is: { gte: 1 } }]));
    expectFailureNaming(values([{ value: '$a.QueueId', is: { lt: 1 } }]), '1');
  });

  it('§3.7 comparisons with another saved output: SET_FILTER’s output names the QueueId it was given', () => {
    expectHolds(values([{ value: '$fa.QueueId', is: { gte: '$a.QueueId', lte: '$a.QueueId' } }]));
    expectFailureNaming(values([{ value: '$a.QueueId', is: { gt: '$fa.QueueId' } }]), '1');
  });

  it('R10 the filter output names its queue and a FilterId ≠ 0', () => {
    expectHolds(
      values([
        { value: '$fa.QueueId', is: '$a.QueueId' },
        { value: '$fa.FilterId', is: { not: 0 } },
      ]),
    );
    expectFailureNaming(values([{ value: '$fb.QueueId', is: '$a.QueueId' }]), 'fb', '2', '1');
  });

  it('nested fields and NDIS names: each element of the completion succeeded (R27)', () => {
    expectHolds(
      values([
        { value: '$done.Elements.0.CompletionStatus', is: 'NDIS_STATUS_SUCCESS' },
        { value: '$done.Elements.1.CompletionStatus', is: { failure: false } },
      ]),
    );
    expectFailureNaming(
      values([{ value: '$done.Elements.1.CompletionStatus', is: { failure: true } }]),
      'NDIS_STATUS_SUCCESS',
    );
  });

  it('takes oneOf over saved outputs', () => {
    expectHolds(values([{ value: '$fb.QueueId', is: { oneOf: ['$a.QueueId', '$b.QueueId'] } }]));
    expect(values([{ value: '$fb.QueueId', is: { oneOf: ['$a.QueueId', 0] } }]).ok).toBe(false);
  });
});

describe('distinct', () => {
  it('R4 R10 holds for the two QueueIds and for the two FilterIds', () => {
    expectHolds(values([{ distinct: ['$a.QueueId', '$b.QueueId'] }, { distinct: ['$fa.FilterId', '$fb.FilterId'] }]));
  });

  it('fails when two values are equal, naming the value', () => {
    const result = values([{ distinct: ['$a.QueueId', '$b.QueueId', '$fa.QueueId'] }]);
    expectFailureNaming(result, '$fa.QueueId', '1');
  });
});

describe('errors', () => {
  const at = `steps[${TWO_FILTERED_QUEUES.length}].expect.values[0]`;
  const withEntry = (entry: unknown) => docV2([...TWO_FILTERED_QUEUES, { expect: { values: [entry] } }]);
  const errorsUnder = (entry: unknown, path: string) => {
    const errors = refused(withEntry(entry));
    expect(
      errors.some((e) => e.path.startsWith(path)),
      JSON.stringify(errors),
    ).toBe(true);
    return errors;
  };

  it('a reference to a saveAs no earlier step defines is an error in value, is and distinct', () => {
    errorsUnder({ value: '$c.QueueId', is: 1 }, `${at}.value`);
    errorsUnder({ value: '$a.QueueId', is: { not: '$c.QueueId' } }, `${at}.is`);
    errorsUnder({ distinct: ['$a.QueueId', '$c.QueueId'] }, `${at}.distinct`);
  });

  it('an unknown form key is an error that suggests the form', () => {
    const errors = errorsUnder({ distnct: ['$a.QueueId', '$b.QueueId'] }, at);
    expect(errors.some((e) => e.message.includes('distinct'))).toBe(true);
  });

  it('is without value is an error', () => {
    errorsUnder({ is: 1 }, at);
  });

  it('a misspelt matcher word in is is an error', () => {
    errorsUnder({ value: '$a.QueueId', is: { nto: '$b.QueueId' } }, `${at}.is`);
  });

  it('a field the output does not have is a failed step that suggests the field, not a pass', () => {
    const steps = [...TWO_FILTERED_QUEUES, { expect: { values: [{ value: '$a.QueueID', is: { not: 0 } }] } }];
    const result = resultOf(runDoc(docV2(steps)), steps.length - 1);
    expectFailureNaming(result, 'QueueId');
  });

  it('a reference into a request that failed is a failed step: distinct cannot hold with a missing value', () => {
    const steps = [
      ...TWO_FILTERED_QUEUES,
      {
        oid: 'OID_RECEIVE_FILTER_ALLOCATE_QUEUE',
        saveAs: 'bad',
        buffer: allocateBuffer({ ProcessorAffinity: { Mask: 0, Group: 0 } }),
      },
      { expect: { values: [{ distinct: ['$a.QueueId', '$bad.QueueId'] }] } },
    ];
    const run = runDoc(docV2(steps));
    expect(resultOf(run, steps.length - 1).ok).toBe(false);
    expect(run.report.ok).toBe(false);
  });
});
