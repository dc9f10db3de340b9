import { describe, expect, it } from 'vitest';
import { createEngine, defaultEngineConfig, type AdapterState } from '../../engine/index.ts';
import { bindingsDigest, callAllowed, LIFECYCLE_CALLS, openBindings, REFUSAL_STATUSES } from './faultControls.ts';

const allowedIn = (state: AdapterState) =>
  LIFECYCLE_CALLS.filter((call) => callAllowed(call, state)).map((call) => call.handler);

describe('the lifecycle calls the adapter’s reported state allows', () => {
  it.each<[AdapterState, string[]]>([
    ['Running', ['MiniportPause', 'MiniportResetEx', 'MiniportHaltEx']],
    ['Paused', ['MiniportRestart', 'MiniportResetEx', 'MiniportHaltEx']],
    ['Resetting', ['MiniportResetEx', 'MiniportHaltEx']],
    ['Halting', []],
    ['Halted', []],
  ])('%s: %j', (state, handlers) => {
    expect(allowedIn(state)).toEqual(handlers);
  });

  // A call the tab offers must be one the engine acts on: each changes the state it is offered in.
  it.each(
    LIFECYCLE_CALLS.flatMap((call) =>
      call.from.filter((s) => s !== 'Resetting').map((s) => [call.handler, s] as const),
    ),
  )('%s offered while %s changes the adapter’s state', (handler, state) => {
    const engine = createEngine(defaultEngineConfig('ws2012'));
    if (state === 'Paused') engine.adapterAction('pause');
    expect(engine.view().state).toBe(state);
    const call = LIFECYCLE_CALLS.find((c) => c.handler === handler);
    engine.adapterAction(call?.action ?? 'pause');
    expect(engine.view().state).not.toBe(state);
  });
});

describe('openBindings', () => {
  const fold = (events: Parameters<ReturnType<typeof bindingsDigest>['append']>[0]) => {
    const digest = bindingsDigest();
    digest.append(events, 0);
    return digest.value();
  };

  it('before any request: the default binding, the one a request would use', () => {
    expect(openBindings(fold([]), null)).toEqual(['vmswitch']);
  });

  it('bindings that issued requests, not NDIS, and not those closed since', () => {
    const engine = createEngine(defaultEngineConfig('ws2012'));
    engine.request({ oid: 'OID_RECEIVE_FILTER_HARDWARE_CAPABILITIES', binding: 'vmswitch' });
    engine.request({ oid: 'OID_RECEIVE_FILTER_HARDWARE_CAPABILITIES', binding: 'tester' });
    engine.closeBinding('vmswitch');
    expect(openBindings(fold(engine.drainEvents()), engine.view())).toEqual(['tester']);
  });
});

it('a refusal offers every NDIS status but NDIS_STATUS_SUCCESS and NDIS_STATUS_PENDING', () => {
  expect(REFUSAL_STATUSES).toContain('NDIS_STATUS_RESOURCES');
  expect(REFUSAL_STATUSES).not.toContain('NDIS_STATUS_SUCCESS');
  expect(REFUSAL_STATUSES).not.toContain('NDIS_STATUS_PENDING');
});
