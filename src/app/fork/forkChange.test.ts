import { describe, expect, it } from 'vitest';
import { packActions, unpackActions } from '../page/linkFiles.ts';
import { actionOf, describeAction } from './forkChange.ts';
import { maxSides } from './openFork.ts';

describe('fork changes', () => {
  it('a SET_FILTER change is the console’s MAC filter request, named in its side’s header', () => {
    const action = actionOf({ kind: 'set-filter', mac: '00-15-5D-00-00-03', vlanId: null, queueId: 2 });
    expect(action).toMatchObject({
      kind: 'request-oid',
      request: { oid: 'OID_RECEIVE_FILTER_SET_FILTER', buffer: { QueueId: 2 } },
    });
    expect(describeAction(action)).toBe('SET_FILTER 00-15-5D-00-00-03 on QueueId 2');
  });

  it('a CLEAR_FILTER change names its FilterId and queue', () => {
    expect(describeAction(actionOf({ kind: 'clear-filter', filterId: 3, queueId: 1 }))).toBe(
      'CLEAR_FILTER FilterId 3 on QueueId 1',
    );
  });

  it('a fork survives the link: fork= packs like acts', async () => {
    const forks = [
      {
        action: actionOf({ kind: 'clear-filter', filterId: 1, queueId: 1 }),
        at: { tNs: 5, stepIndex: 3, eventCount: 40 },
      },
    ];
    expect(await unpackActions(await packActions(forks))).toEqual({ value: forks });
  });

  it('the page shows two sides on a narrow screen, three at 1920 px, never more than four', () => {
    expect([1280, 1440, 1920, 4000].map(maxSides)).toEqual([2, 2, 3, 4]);
  });
});
