import { describe, expect, it } from 'vitest';
import { asQueueId } from '../../engine/index.ts';
import { createScenarioSession } from '../../scenario/session.ts';
import { ALLOCATE_VM1_QUEUE, scenarioOf } from '../../scenario/testing.ts';
import { packActions, unpackActions } from '../page/linkFiles.ts';
import { actionOf, describeAction, FORK_FLOW } from './forkChange.ts';
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

  it('an affinity change is a QUEUE_PARAMETERS set the engine applies: the queue’s DPC moves to that CPU', () => {
    const session = createScenarioSession(scenarioOf(ALLOCATE_VM1_QUEUE));
    session.runToEnd();
    const action = actionOf({ kind: 'affinity', queueId: 1, cpu: 3 });
    if (action.kind !== 'request-oid') throw new Error('not a request');
    expect(session.engine.request(action.request).status).toBe('NDIS_STATUS_SUCCESS');
    expect(session.engine.queue(asQueueId(1))?.cpu).toBe(3);
    expect(describeAction(action)).toBe('QUEUE_PARAMETERS on QueueId 1 to CPU 3');
  });

  it('a traffic change starts a flow the engine takes; a latency change is the return-latency fault', () => {
    const traffic = actionOf({ kind: 'traffic', dst: '00-15-5D-00-00-01', count: 5, intervalNs: 2000 });
    if (traffic.kind !== 'start-traffic') throw new Error('not traffic');
    const session = createScenarioSession(scenarioOf(ALLOCATE_VM1_QUEUE));
    session.runToEnd();
    session.engine.startFlow(traffic.flow);
    session.engine.runUntilIdle();
    expect(session.engine.view().totals.arrived).toBe(5);
    expect(traffic.flow.name).toBe(FORK_FLOW);
    expect(describeAction(traffic)).toBe('5 frames to 00-15-5D-00-00-01 every 2.000 µs');
    const latency = actionOf({ kind: 'return-latency', latencyNs: null });
    expect(latency).toEqual({ kind: 'inject-fault', fault: { kind: 'return-latency', latencyNs: null } });
    expect(describeAction(latency)).toBe('NBLs returned only on request');
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
