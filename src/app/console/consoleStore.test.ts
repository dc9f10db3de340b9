import { describe, expect, it } from 'vitest';
import { InProcessSimClient } from '../../client/InProcessSimClient.ts';
import { scenarioText } from '../../worker/testScenarios.ts';
import { EventBuffer } from '../store/eventBuffer.ts';
import { createSimStore } from '../store/simStore.ts';
import { createConsoleStore, type OidDefaults } from '../store/consoleStore.ts';
import { defaultRequest } from './oidForms.ts';

/** The real sim store on an in-process client, with the console watching its trace as the page does. */
async function setup(file?: string) {
  const client = new InProcessSimClient();
  const buffer = new EventBuffer();
  const sim = createSimStore({ client, buffer, requestPull: () => {} });
  const console = createConsoleStore({ act: (send) => sim.getState().act(send), trace: buffer });
  sim.subscribe((s, prev) => {
    if (s.traceRevision !== prev.traceRevision) console.getState().traceChanged();
  });
  const pull = async () => {
    const epoch = sim.getState().intentEpoch;
    sim.getState().applyBatch(await client.pullBatch({ maxEvents: 10_000, wallMs: 16 }), epoch);
  };
  await sim.getState().loadScenario(client.loadScenario(scenarioText(file), 'test.json'), 'test.json');
  await pull();
  /** The console form's defaults for the adapter as it stands. */
  const context = (): OidDefaults => (oid) =>
    defaultRequest(oid, { vms: sim.getState().scenario?.vms ?? [], cpus: 4, view: sim.getState().view });
  const latest = () => console.getState().history.at(-1)!;
  return { sim, console, pull, context, latest };
}

describe('OID console store', () => {
  it('keeps one draft per OID and sends it, recording the answer', async () => {
    const { console, pull, context, latest } = await setup();
    console.getState().chooseOid('OID_RECEIVE_FILTER_ALLOCATE_QUEUE', context());
    const draft = console.getState().drafts.OID_RECEIVE_FILTER_ALLOCATE_QUEUE!;
    console.getState().editDraft({ ...draft, buffer: { ...draft.buffer, QueueName: 'mine' } });
    console.getState().chooseOid('OID_RECEIVE_FILTER_FREE_QUEUE', context());
    console.getState().chooseOid('OID_RECEIVE_FILTER_ALLOCATE_QUEUE', context());
    expect(console.getState().drafts.OID_RECEIVE_FILTER_ALLOCATE_QUEUE?.buffer?.['QueueName']).toBe('mine');

    await console.getState().send(console.getState().drafts.OID_RECEIVE_FILTER_ALLOCATE_QUEUE!);
    await pull();
    expect(latest()).toMatchObject({
      answer: { status: 'NDIS_STATUS_SUCCESS', layer: 'miniport', output: { QueueId: 1, QueueName: 'mine' } },
      undone: false,
    });
    expect(latest().final).toBe(latest().answer);
    expect(console.getState().shownKey).toBe(latest().key);
  });

  it('follows a pended request to its completion, and marks it undone when a step-back removes it', async () => {
    const { sim, console, pull, context, latest } = await setup('pending-oids.json');
    console.getState().chooseOid('OID_RECEIVE_FILTER_ALLOCATE_QUEUE', context());
    await console.getState().send(console.getState().drafts.OID_RECEIVE_FILTER_ALLOCATE_QUEUE!);
    await pull();
    console.getState().chooseOid('OID_RECEIVE_FILTER_SET_FILTER', context());
    await console.getState().send(console.getState().drafts.OID_RECEIVE_FILTER_SET_FILTER!);
    await pull();
    expect(latest().answer?.status).toBe('NDIS_STATUS_PENDING');
    expect(latest().final).toBeNull();

    sim.getState().seek(10_000); // the miniport completes SET_FILTER 10 µs later
    await pull();
    expect(latest().final).toMatchObject({ status: 'NDIS_STATUS_SUCCESS', layer: 'miniport', completedAtNs: 10_000 });

    sim.getState().stepBack();
    await pull();
    sim.getState().stepBack();
    await pull();
    expect(latest().undone).toBe(true);
    expect(console.getState().history[0]?.undone).toBe(false);
  });

  it('loads an entry back into the form', async () => {
    const { console, context } = await setup();
    console.getState().chooseOid('OID_RECEIVE_FILTER_FREE_QUEUE', context());
    await console.getState().send({ oid: 'OID_RECEIVE_FILTER_FREE_QUEUE', buffer: { QueueId: 0 } });
    console.getState().chooseOid('OID_RECEIVE_FILTER_ENUM_QUEUES', context());
    console.getState().load(console.getState().history[0]!.key);
    expect(console.getState().oid).toBe('OID_RECEIVE_FILTER_FREE_QUEUE');
    expect(console.getState().drafts.OID_RECEIVE_FILTER_FREE_QUEUE).toEqual({
      oid: 'OID_RECEIVE_FILTER_FREE_QUEUE',
      buffer: { QueueId: 0 },
    });
    expect(console.getState().history[0]?.answer).toMatchObject({
      status: 'NDIS_STATUS_INVALID_PARAMETER',
      layer: 'NDIS',
    });
  });

  it('lets untouched drafts follow the adapter, and keeps edited ones', async () => {
    const { console, pull, context } = await setup();
    console.getState().chooseOid('OID_RECEIVE_FILTER_ALLOCATE_QUEUE', context());
    await console.getState().send(console.getState().drafts.OID_RECEIVE_FILTER_ALLOCATE_QUEUE!);
    await pull();
    console.getState().refreshDefaults(context());
    expect(console.getState().drafts.OID_RECEIVE_FILTER_ALLOCATE_QUEUE?.buffer?.['VmName']).toBe('VM2');

    console.getState().chooseOid('OID_RECEIVE_FILTER_FREE_QUEUE', context());
    console.getState().editDraft({ oid: 'OID_RECEIVE_FILTER_FREE_QUEUE', buffer: { QueueId: 9 } });
    console.getState().refreshDefaults(context());
    console.getState().chooseOid('OID_RECEIVE_FILTER_FREE_QUEUE', context());
    expect(console.getState().drafts.OID_RECEIVE_FILTER_FREE_QUEUE?.buffer).toEqual({ QueueId: 9 });
    console.getState().resetDraft(context());
    expect(console.getState().drafts.OID_RECEIVE_FILTER_FREE_QUEUE?.buffer).toEqual({ QueueId: 1 });
  });
});
