import { afterEach, describe, expect, it, vi } from 'vitest';
import { scenarioText } from '../worker/testScenarios.ts';
import { InProcessSimClient } from './InProcessSimClient.ts';

const pull = (client: InProcessSimClient) => client.pullBatch({ maxEvents: 500, wallMs: 16 });

/** A client that can be made to miss one batch: the one after it then arrives with a seq gap. */
class LossyClient extends InProcessSimClient {
  missOneBatch = false;
  protected override receive(message: Parameters<InProcessSimClient['receive']>[0]): void {
    if (message.type === 'batch' && this.missOneBatch) {
      this.missOneBatch = false;
      super.receive({ ...message, seq: message.seq + 1 });
      return;
    }
    super.receive(message);
  }
}

const loaded = async <C extends InProcessSimClient>(client: C): Promise<C> => {
  await client.ready;
  await client.loadScenario(scenarioText(), 'vmq-in-a-minute.json');
  return client;
};

describe('a simulation that breaks', () => {
  afterEach(() => vi.useRealTimers());

  it('is reported broken when its host goes silent past the deadline while the page is visible', async () => {
    let visible = false;
    const client = await loaded(new InProcessSimClient({ replyDeadlineMs: 1000, isVisible: () => visible }));
    const reasons: string[] = [];
    client.onBroken((reason) => reasons.push(reason));
    vi.useFakeTimers();
    client.simulateCrash();
    const pending = pull(client);
    pending.catch(() => {});
    await vi.advanceTimersByTimeAsync(5000);
    expect(reasons).toEqual([]); // hidden: a throttled page is not evidence of a dead host
    visible = true;
    await vi.advanceTimersByTimeAsync(1000);
    expect(reasons).toEqual(['the simulation worker stopped answering (no reply in 1 s)']);
    await expect(pending).rejects.toThrow('stopped answering');
    expect(() => client.play(1)).toThrow('the simulation is broken');
  });

  it('does not count a host that answers: the deadline measures silence, not how long the session runs', async () => {
    const client = await loaded(new InProcessSimClient({ replyDeadlineMs: 1000 }));
    const reasons: string[] = [];
    client.onBroken((reason) => reasons.push(reason));
    vi.useFakeTimers();
    for (let i = 0; i < 5; i++) {
      const batch = pull(client);
      await vi.advanceTimersByTimeAsync(0);
      await batch;
      await vi.advanceTimersByTimeAsync(900);
    }
    expect(reasons).toEqual([]);
    expect(client.broken).toBeNull();
  });

  it('is reported broken by a seq gap, and works again from a fresh host after restart()', async () => {
    const client = await loaded(new LossyClient());
    const reasons: string[] = [];
    client.onBroken((reason) => reasons.push(reason));
    const first = await pull(client);
    client.missOneBatch = true;
    await expect(pull(client)).rejects.toThrow(`batch seq ${first.seq + 2} after ${first.seq}`);
    expect(reasons).toHaveLength(1);
    await expect(pull(client)).rejects.toThrow('the simulation is broken');
    expect(reasons).toHaveLength(1); // once per breakage

    await client.restart();
    expect(client.broken).toBeNull();
    await client.loadScenario(scenarioText(), 'vmq-in-a-minute.json');
    // A new host numbers its batches from the start, and the client accepts that.
    await expect(pull(client)).resolves.toMatchObject({ seq: first.seq });
  });

  it('is reported broken when a batch is refused, instead of refusing every later batch', async () => {
    const client = await loaded(new InProcessSimClient());
    const reasons: string[] = [];
    client.onBroken((reason) => reasons.push(reason));
    await pull(client);
    // A view the structured clone cannot copy fails the host's postMessage, as a function in a buffer once did.
    const refuse = vi.spyOn(globalThis, 'structuredClone').mockImplementationOnce(() => {
      throw new DOMException('function could not be cloned', 'DataCloneError');
    });
    await expect(pull(client)).rejects.toThrow();
    refuse.mockRestore();
    expect(reasons).toHaveLength(1);
    expect(reasons[0]).toMatch(/^a batch could not be delivered/);
    await client.restart();
    await client.loadScenario(scenarioText(), 'vmq-in-a-minute.json');
    await expect(pull(client)).resolves.toMatchObject({ type: 'batch' });
  });
});
