import { describe, expect, it } from 'vitest';
import type { SimCommand, SimCommandInput } from '../protocol/commands.ts';
import type { WorkerMessage } from '../protocol/messages.ts';
import { checkedScenarioJson } from '../scenario/checked.ts';
import { parseScenario } from '../scenario/parse.ts';
import type { Scenario } from '../scenario/schema.ts';
import { EngineHost, type LoadParser, type ParseScenario } from './engineHost.ts';
import { scenarioText } from './testScenarios.ts';

/** A host whose parser arrives when the test says, as the worker's lazy chunk does. */
function lazyHost(loadParser: LoadParser) {
  const outbox: WorkerMessage[] = [];
  const host = new EngineHost((message) => outbox.push(structuredClone(message)), loadParser);
  let nextId = 1;
  const send = (input: SimCommandInput): number => {
    const id = nextId++;
    host.receive({ ...input, id } as SimCommand);
    return id;
  };
  const types = () => outbox.map((message) => message.type);
  return { outbox, send, types };
}

function deferredParser() {
  let loads = 0;
  let settle!: { resolve(parse: ParseScenario): void; reject(error: Error): void };
  const loadParser: LoadParser = () => {
    loads++;
    return new Promise<ParseScenario>((resolve, reject) => {
      settle = { resolve, reject };
    });
  };
  return { loadParser, settle: () => settle, loads: () => loads };
}

const checked = (): Scenario => {
  const parsed = parseScenario(scenarioText());
  if (!parsed.ok) throw new Error('the default scenario must parse');
  return JSON.parse(checkedScenarioJson(parsed.scenario)) as Scenario;
};

describe('EngineHost and its parser', () => {
  it('runs a checked built-in without ever loading the parser', () => {
    const parser = deferredParser();
    const { send, outbox, types } = lazyHost(parser.loadParser);
    send({ type: 'load-scenario', scenario: 'not even JSON', source: 'vmq-in-a-minute.json', checked: checked() });
    send({ type: 'step', kind: 'scenario-step' });
    send({ type: 'pull-batch', maxEvents: 500, wallMs: 16 });
    expect(types()).toEqual(['scenario-loaded', 'batch']);
    expect(outbox[0]?.type === 'scenario-loaded' && outbox[0].scenario.title).toBe(checked().title);
    expect(parser.loads()).toBe(0);
  });

  it('loads the parser for the first file that needs it, and runs what arrived meanwhile after the load, in order', async () => {
    const parser = deferredParser();
    const { send, outbox, types } = lazyHost(parser.loadParser);
    const load = send({ type: 'load-scenario', scenario: scenarioText(), source: 'file.json' });
    send({ type: 'step', kind: 'scenario-step' });
    const pull = send({ type: 'pull-batch', maxEvents: 500, wallMs: 16 });
    expect(outbox).toEqual([]);
    parser.settle().resolve(parseScenario);
    await Promise.resolve();
    await Promise.resolve();
    expect(types()).toEqual(['scenario-loaded', 'batch']);
    expect(outbox[0]).toMatchObject({ replyTo: load });
    expect(outbox[1]).toMatchObject({ replyTo: pull, stats: { nextStepIndex: 1 } });
    // Loaded once: the next file is parsed at once.
    send({ type: 'load-scenario', scenario: '{', source: 'broken.json' });
    expect(types().at(-1)).toBe('scenario-rejected');
    expect(parser.loads()).toBe(1);
  });

  it('answers the load with an error when the parser cannot be fetched, keeps the session, and tries again next time', async () => {
    const parser = deferredParser();
    const { send, outbox, types } = lazyHost(parser.loadParser);
    send({ type: 'load-scenario', scenario: 'x', source: 'default', checked: checked() });
    const load = send({ type: 'load-scenario', scenario: scenarioText(), source: 'file.json' });
    send({ type: 'step', kind: 'scenario-step' });
    send({ type: 'pull-batch', maxEvents: 500, wallMs: 16 });
    parser.settle().reject(new Error('Failed to fetch dynamically imported module'));
    await Promise.resolve();
    await Promise.resolve();
    expect(types()).toEqual(['scenario-loaded', 'error', 'batch']);
    expect(outbox[1]).toEqual({
      type: 'error',
      replyTo: load,
      message: 'the scenario parser did not load: Failed to fetch dynamically imported module',
    });
    // The checked session still runs, and the next file asks for the parser again.
    expect(outbox[2]).toMatchObject({ stats: { nextStepIndex: 1 } });
    send({ type: 'load-scenario', scenario: scenarioText(), source: 'file.json' });
    expect(parser.loads()).toBe(2);
  });
});
